// The `http` SMS provider against a loopback fake gateway: signed requests, retry with backoff
// after a failure, delivered status once the gateway accepts.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <thread>

#include "fixture.hpp"
#include "io/sms_provider.hpp"
#include "services/core/sms_dispatcher.hpp"

namespace mvis::testing {
namespace {

// Answers each POST with the next status from `script` (the last one repeats).
class FakeGateway {
 public:
  explicit FakeGateway(std::vector<int> script) : script_(std::move(script)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(fd_, 8);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeGateway() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  unsigned short port() const { return port_; }
  std::vector<std::string> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      size_t need = std::string::npos;
      while (true) {
        ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) break;
        req.append(buf, n);
        auto end = req.find("\r\n\r\n");
        if (end != std::string::npos && need == std::string::npos) {
          auto cl = req.find("Content-Length: ");
          size_t length = cl == std::string::npos ? 0 : std::stoul(req.substr(cl + 16));
          need = end + 4 + length;
        }
        if (need != std::string::npos && req.size() >= need) break;
      }
      int status;
      {
        std::lock_guard lock(mu_);
        requests_.push_back(req);
        status = script_[std::min(requests_.size(), script_.size()) - 1];
      }
      std::string resp = "HTTP/1.1 " + std::to_string(status) +
                         " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      write(c, resp.data(), resp.size());
      close(c);
    }
  }
  std::vector<int> script_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> requests_;
};

std::string HeaderOf(const std::string& req, const std::string& name) {
  auto p = req.find(name + ": ");
  if (p == std::string::npos) return {};
  auto e = req.find("\r\n", p);
  return req.substr(p + name.size() + 2, e - p - name.size() - 2);
}

template <typename F>
bool WaitFor(F&& done, int seconds = 10) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_F(ApiTest, HttpProviderSignsRetriesAndDelivers) {
  FakeGateway gateway({500, 200});
  Restart([&](app::AppConfig& c) {
    c.sms_provider = "http";
    c.sms_url = "http://127.0.0.1:" + std::to_string(gateway.port()) + "/send";
    c.sms_secret = "gateway-shared-secret";
  });
  Client anon = NewClient();
  ASSERT_EQ(anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911114001"}, {"purpose", "register"}})
                .status,
            202);
  ASSERT_TRUE(WaitFor([&] { return gateway.requests().size() == 1; }));

  auto status = [&] {
    return runtime_->db()
        .Read([](store::Tx& tx) -> Result<std::pair<std::string, int64_t>> {
          auto r = tx.QueryOne("SELECT status, attempts FROM notifications WHERE channel = 'sms'");
          return std::pair{r->Str(0), r->Int(1)};
        })
        .value();
  };
  ASSERT_TRUE(WaitFor([&] { return status().second == 1; }));
  EXPECT_EQ(status().first, "pending");  // failed once, waiting for its backoff

  // Move past the 5-second backoff; the dispatcher polls once a second.
  clock_->Advance(6);
  ASSERT_TRUE(WaitFor([&] { return status().first == "sent"; }));
  EXPECT_EQ(status().second, 2);
  auto reqs = gateway.requests();
  ASSERT_EQ(reqs.size(), 2u);

  const std::string& req = reqs[1];
  std::string body = req.substr(req.find("\r\n\r\n") + 4);
  auto json = nlohmann::json::parse(body);
  EXPECT_EQ(json["phone"], "13911114001");
  // The gateway gets the real code; the database kept it sealed until then and only the
  // starred-out text once sent.
  EXPECT_TRUE(std::regex_search(json["text"].get<std::string>(), std::regex("验证码为\\d{6}")));
  auto stored = runtime_->db()
                    .Read([](store::Tx& tx) -> Result<std::pair<std::string, std::string>> {
                      auto r = tx.QueryOne(
                          "SELECT body, sealed_body FROM notifications WHERE channel = 'sms'");
                      return std::pair{r->Str(0), r->Str(1)};
                    })
                    .value();
  EXPECT_NE(stored.first.find("验证码为******"), std::string::npos);
  EXPECT_TRUE(stored.second.empty());
  std::string ts = HeaderOf(req, "X-MVIS-Timestamp");
  EXPECT_EQ(HeaderOf(req, "X-MVIS-Signature"),
            "sha256=" + io::HmacSha256Hex("gateway-shared-secret", ts + "." + body));
}

TEST(SmsDispatcher, BackoffDoublesAndIsCapped) {
  EXPECT_EQ(services::SmsDispatcher::BackoffSeconds(1), 5);
  EXPECT_EQ(services::SmsDispatcher::BackoffSeconds(2), 10);
  EXPECT_EQ(services::SmsDispatcher::BackoffSeconds(3), 20);
  EXPECT_EQ(services::SmsDispatcher::BackoffSeconds(30), 3600);
}

}  // namespace
}  // namespace mvis::testing
