// The only translation unit that includes Boost.Beast (it is slow to compile).
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <optional>
#include <thread>
#include <vector>

namespace mvis::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

bool IsUploadPath(std::string_view target) {
  auto q = target.find('?');
  std::string_view path = target.substr(0, q);
  return path.starts_with("/api/v1/") &&
         (path.ends_with("/imports") || path.ends_with("/license") || path.ends_with("/seal"));
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& options, const Handler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = ep.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // The largest limit first: Beast checks Content-Length against it while parsing the header.
    // OnHeader then applies the limit of the path.
    parser_->body_limit(std::max(options_.body_limit, options_.upload_body_limit));
    stream_.expires_after(std::chrono::seconds(first_ ? options_.read_timeout_seconds
                                                      : options_.idle_timeout_seconds));
    first_ = false;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return FailRead(ec);
    size_t limit =
        IsUploadPath(parser_->get().target()) ? options_.upload_body_limit : options_.body_limit;
    if (auto length = parser_->content_length(); length && *length > limit) {
      return FailRead(bhttp::error::body_limit);
    }
    parser_->body_limit(limit);
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void FailRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return Close();
    }
    int status = 400;
    std::string code = "bad_request", message = "请求格式错误";
    if (ec == bhttp::error::body_limit && parser_->is_header_done() &&
        IsUploadPath(parser_->get().target())) {
      status = 413, code = "file_too_large", message = "上传文件过大，请拆分后分批导入";
    } else if (ec == bhttp::error::body_limit) {
      status = 413, code = "payload_too_large", message = "请求内容过大";
    } else if (ec == bhttp::error::header_limit) {
      status = 431, code = "headers_too_large", message = "请求头过大";
    }
    Response res;
    res.status = status;
    res.body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
    Send(std::move(res), false);
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) return FailRead(ec);
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto q = req.target.find('?');
    req.path = UrlDecode(req.target.substr(0, q));
    if (q != std::string::npos) req.query = ParseQuery(req.target.substr(q + 1));
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(field.value());
    }
    req.body = std::move(msg.body());
    req.remote_ip = remote_ip_;
    bool keep_alive = msg.keep_alive();
    req.respond = [self = shared_from_this(), keep_alive](std::function<Response()> make) {
      net::post(self->stream_.get_executor(), [self, keep_alive, make = std::move(make)] {
        Response later;
        try {
          later = make();
        } catch (const std::exception& e) {
          spdlog::error("unhandled exception answering later: {}", e.what());
          later.status = 500;
          later.body = R"({"error":{"code":"internal","message":"服务器内部错误，请稍后重试"}})";
        }
        self->Send(std::move(later), keep_alive);
      });
    };
    Response res;
    try {
      res = handler_(req);
      if (res.deferred) return;  // Request::respond sends it
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception for {} {}: {}", req.method, req.path, e.what());
      res = Response{};
      res.status = 500;
      res.body = R"({"error":{"code":"internal","message":"服务器内部错误，请稍后重试"}})";
    }
    Send(std::move(res), keep_alive);
  }

  void Send(Response res, bool keep_alive) {
    auto self = shared_from_this();
    auto finish = [self, keep_alive](beast::error_code ec, std::size_t) {
      if (ec || !keep_alive) return self->Close();
      self->buffer_.consume(self->buffer_.size());
      self->ReadHeader();
    };
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    if (!res.file_path.empty()) {
      bhttp::file_body::value_type file;
      beast::error_code ec;
      file.open(res.file_path.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        auto out = std::make_shared<bhttp::response<bhttp::file_body>>(
            std::piecewise_construct, std::make_tuple(std::move(file)),
            std::make_tuple(static_cast<bhttp::status>(res.status), 11));
        Decorate(*out, res, keep_alive);
        out->prepare_payload();
        bhttp::async_write(stream_, *out,
                           [out, finish](beast::error_code e, std::size_t n) { finish(e, n); });
        return;
      }
      res.status = 404;
      res.body = R"({"error":{"code":"not_found","message":"文件不存在"}})";
    }
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(res.status), 11);
    Decorate(*out, res, keep_alive);
    out->body() = std::move(res.body);
    out->prepare_payload();
    bhttp::async_write(stream_, *out,
                       [out, finish](beast::error_code e, std::size_t n) { finish(e, n); });
  }

  template <typename Message>
  void Decorate(Message& out, const Response& res, bool keep_alive) {
    out.set(bhttp::field::server, "mvis");
    out.set(bhttp::field::content_type, res.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "same-origin");
    for (const auto& [name, value] : res.headers) out.insert(name, value);
    out.keep_alive(keep_alive);
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const Handler& handler_;
  std::string remote_ip_;
  bool first_ = true;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  unsigned short bound_port = 0;

  Impl(ServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(std::max(1, options.threads)) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted) return;
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        std::make_shared<Session>(std::move(socket), options, handler)->Start();
      }
      Accept();
    });
  }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec)
    return Fail(ErrorKind::kInvalidArgument, "listen_invalid",
                "监听地址无效：" + impl_->options.address);
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorKind::kUnavailable, "listen_failed",
                "无法监听 " + impl_->options.address + ":" + std::to_string(impl_->options.port) +
                    "：" + ec.message());
  }
  impl_->bound_port = a.local_endpoint().port();
  impl_->Accept();
  return {};
}

void Server::RunInBackground() {
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

void Server::Run() {
  net::signal_set signals(impl_->ioc, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code, int sig) {
    spdlog::info("signal {} received, stopping", sig);
    impl_->ioc.stop();
  });
  for (int i = 1; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

void Server::Stop() {
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  impl_->threads.clear();
}

unsigned short Server::port() const { return impl_->bound_port; }

}  // namespace mvis::http
