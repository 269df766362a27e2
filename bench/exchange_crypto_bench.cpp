// The cost of opening one T/CEC 102 envelope (issue 13): signature check (HMAC-MD5 over
// OperatorID + Data + TimeStamp + Seq), Base64 and AES-128-CBC decryption, JSON parse — against
// what `openssl speed` on this machine, in the same run, says HMAC-MD5 and AES-128-CBC decryption
// of the same number of bytes cost. Prints both and their ratio.
//
//   build/mvis_bench_exchange [--envelopes 20000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "exchange/tcec_codec.hpp"

namespace tcec = mvis::exchange::tcec;
using json = nlohmann::json;

namespace {

// A typical ChargeOrderInfo of two periods (≈ 700 bytes of JSON).
json Order(int i) {
  const std::string seq = "MA4K12345" + std::to_string(100000000 + i);
  return {{"StartChargeSeq", seq},
          {"ConnectorID", "EQ-WH-0001-1"},
          {"StartTime", "2026-12-01 10:00:00"},
          {"EndTime", "2026-12-01 11:30:00"},
          {"TotalPower", 60.0},
          {"TotalElecMoney", 36.0},
          {"TotalSeviceMoney", 36.0},
          {"TotalMoney", 72.0},
          {"SumPeriod", 2},
          {"ChargeDetails", json::array({{{"DetailStartTime", "2026-12-01 10:00:00"},
                                          {"DetailEndTime", "2026-12-01 11:00:00"},
                                          {"ElecPrice", 0.4},
                                          {"SevicePrice", 0.6},
                                          {"DetailPower", 40.0},
                                          {"DetailElecMoney", 16.0},
                                          {"DetailSeviceMoney", 24.0}},
                                         {{"DetailStartTime", "2026-12-01 11:00:00"},
                                          {"DetailEndTime", "2026-12-01 11:30:00"},
                                          {"ElecPrice", 1.0},
                                          {"SevicePrice", 0.6},
                                          {"DetailPower", 20.0},
                                          {"DetailElecMoney", 20.0},
                                          {"DetailSeviceMoney", 12.0}}})}};
}

// Bytes per second of `openssl speed` for one algorithm at one block size (the "k" column is
// 1000 bytes per second).
double OpensslBytesPerSecond(const std::string& args, size_t bytes) {
  const std::string cmd = "openssl speed -elapsed -seconds 2 -bytes " + std::to_string(bytes) +
                          " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return 0;
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe.get())) out += buf;
  std::smatch m;
  // The result line: the algorithm's name, then "<number>k".
  static const std::regex last(R"(([0-9]+\.[0-9]+)k\s*$)");
  std::string line, found;
  for (size_t at = 0; at < out.size();) {
    size_t end = out.find('\n', at);
    line = out.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (std::regex_search(line, m, last)) found = m[1];
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return found.empty() ? 0 : std::stod(found) * 1000;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 20000;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--envelopes") n = std::atoi(argv[i + 1]);
  const tcec::Secrets secrets{"1234567890abcdef", "1234567890abcdef", "1234567890abcdef"};
  const int64_t now = 1796500000;
  std::vector<std::string> bodies;
  bodies.reserve(n);
  size_t data_bytes = 0, signed_bytes = 0, plain_bytes = 0;
  for (int i = 0; i < n; ++i) {
    const std::string plain = Order(i).dump();
    auto e = tcec::Request("MA4K12345", secrets, plain, now, i % 9999 + 1);
    const std::string data = e["Data"];
    data_bytes += data.size();
    signed_bytes += 9 + data.size() + 14 + 4;
    plain_bytes += plain.size();
    bodies.push_back(e.dump());
  }
  const double mean_b64 = static_cast<double>(data_bytes) / n;
  const double mean_cipher = mean_b64 * 3 / 4;
  const double mean_signed = static_cast<double>(signed_bytes) / n;

  // Warm up, then time parse + verify + decrypt + JSON parse of every envelope.
  size_t ok = 0;
  for (int i = 0; i < std::min(n, 1000); ++i) {
    auto e = tcec::ParseEnvelope(bodies[i]);
    ok += e && tcec::Open(secrets, *e, now).has_value();
  }
  ok = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& body : bodies) {
    auto e = tcec::ParseEnvelope(body);
    if (e && tcec::Open(secrets, *e, now)) ++ok;
  }
  const double ours_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / n;
  if (ok != static_cast<size_t>(n)) {
    std::cerr << "only " << ok << " of " << n << " envelopes opened\n";
    return 1;
  }

  const double aes =
      OpensslBytesPerSecond("-decrypt -evp aes-128-cbc", static_cast<size_t>(mean_cipher));
  const double hmac = OpensslBytesPerSecond("-hmac md5", static_cast<size_t>(mean_signed));
  std::printf("envelopes: %d, mean Data %.0f B Base64 (%.0f B ciphertext, %.0f B JSON)\n", n,
              mean_b64, mean_cipher, static_cast<double>(plain_bytes) / n);
  if (aes <= 0 || hmac <= 0) {
    std::printf("mvis open (parse + HMAC-MD5 + Base64 + AES-128-CBC + JSON): %.2f µs/envelope\n",
                ours_us);
    std::printf("openssl speed: no figures (is the openssl command installed?)\n");
    return 0;
  }
  const double ref_us = (mean_cipher / aes + mean_signed / hmac) * 1e6;
  std::printf("openssl speed, same sizes: AES-128-CBC decrypt %.0f MB/s, HMAC-MD5 %.0f MB/s\n",
              aes / 1e6, hmac / 1e6);
  std::printf("crypto alone per envelope (openssl speed): %.2f µs\n", ref_us);
  std::printf(
      "mvis open per envelope (parse + HMAC + Base64 + AES + JSON): %.2f µs — %.1f× the "
      "bare crypto; %.0f envelopes/s per core\n",
      ours_us, ours_us / ref_us, 1e6 / ours_us);
  return 0;
}
