// T/CEC 102 (电动汽车充换电服务信息交换) message envelopes: AES-128-CBC encrypted, Base64-carried
// Data, HMAC-MD5 signatures, the token and timestamp rules, and the lenient JSON reading real
// peers need (key case, CEC's "Sevice" spellings, the appendix's trailing commas). Strict on
// cryptography: the signature is checked before anything is decrypted. Pure functions, any thread.
#pragma once

#include <cstdint>
#include <expected>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mvis::exchange::tcec {

// Ret codes of a response (T/CEC 102.4).
enum class Ret : int {
  kOk = 0,
  kBusy = -1,
  kSignature = 4001,  // signature wrong
  kToken = 4002,      // token missing, wrong or expired
  kEnvelope = 4003,   // envelope or POST parameter wrong (also: Data not decryptable)
  kBusiness = 4004,   // business parameter wrong
  kSystem = 500,
};

struct Failure {
  Ret ret = Ret::kEnvelope;
  std::string msg;  // Chinese, as carried in Msg
};

// The secrets agreed for one operator pair; each a 16-character string.
struct Secrets {
  std::string data_secret, data_secret_iv, sig_secret;
};

// A request envelope as received: every field still as sent.
struct Envelope {
  std::string operator_id, data, timestamp, seq, sig;
};

// Reads {OperatorID, Data, TimeStamp, Seq, Sig} (any key case). Missing or mistyped → kEnvelope.
std::expected<Envelope, Failure> ParseEnvelope(std::string_view body);

// HMAC-MD5 of `text` with `key`, 32 upper-case hex digits.
std::string Sign(std::string_view key, std::string_view text);
// Whether `sig` is the signature of OperatorID + Data + TimeStamp + Seq; hex compared without
// regard to case, in constant time.
bool SignatureMatches(const Secrets& s, const Envelope& e);

// Base64(AES-128-CBC(plain)) with PKCS#7 padding, and back. Decrypt fails (kEnvelope) on bad
// Base64, a length not a multiple of 16, or bad padding.
std::string Encrypt(const Secrets& s, std::string_view plain);
std::expected<std::string, Failure> Decrypt(const Secrets& s, std::string_view data);

// yyyyMMddHHmmss in Asia/Shanghai for a Unix time, and back (nullopt-like -1 when malformed).
std::string TimeStamp(int64_t unix_seconds);
int64_t ParseTimeStamp(std::string_view text);
// TimeStamp within `window` seconds of `now` either way.
bool TimeStampFresh(std::string_view text, int64_t now, int64_t window = 300);

// Verifies the signature, the timestamp and the Seq (4 digits), then decrypts Data and reads it
// as (lenient) JSON. Order matters: nothing is decrypted for a bad signature.
std::expected<nlohmann::json, Failure> Open(const Secrets& s, const Envelope& e, int64_t now);

// A signed request envelope carrying `plain` (the client side; tests).
nlohmann::json Request(const std::string& operator_id, const Secrets& s, std::string_view plain,
                       int64_t now, int seq);
// A response {Ret, Msg, Data, Sig}: Data encrypted (empty when `plain` is), Sig over
// Ret + Msg + Data. Without secrets (the peer is unknown) Data and Sig are empty.
nlohmann::json Response(Ret ret, const std::string& msg, const Secrets* s,
                        std::string_view plain = {});

// A response as the client reads it: Ret and Msg as sent, Data decrypted and read as (lenient)
// JSON (null when Data is empty).
struct Reply {
  int ret = 0;
  std::string msg;
  nlohmann::json data;
};
// Reads {Ret, Msg, Data, Sig} (any key case; Ret a number or digits), checks Sig over
// Ret + Msg + Data before decrypting (kSignature), then decrypts a non-empty Data. A response
// without a usable Sig is accepted only when it carries no Data (the peer could not sign: it did
// not know us); kEnvelope when malformed.
std::expected<Reply, Failure> OpenResponse(const Secrets& s, std::string_view body);

// JSON as peers send it: trailing commas before } or ] (the standard's own appendix example)
// are dropped; anything else malformed gives a discarded value.
nlohmann::json ParseLenient(std::string_view text);
// The member of `object` under any of `names`, compared without regard to case (StationID,
// stationID; TotalSeviceMoney, TotalServiceMoney); nullptr when absent.
const nlohmann::json* Member(const nlohmann::json& object,
                             std::initializer_list<std::string_view> names);

}  // namespace mvis::exchange::tcec
