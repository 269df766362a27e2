// T/CEC 102 envelopes: see tcec_codec.hpp. OpenSSL (EVP) for AES and HMAC, libsodium for Base64.
#include "exchange/tcec_codec.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <memory>
#include <vector>

namespace mvis::exchange::tcec {

namespace {

constexpr int64_t kChinaOffset = 8 * 3600;

std::unexpected<Failure> Fail(Ret ret, std::string msg) {
  return std::unexpected(Failure{ret, std::move(msg)});
}

bool KeysUsable(const Secrets& s) {
  return s.data_secret.size() == 16 && s.data_secret_iv.size() == 16;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// AES-128-CBC with PKCS#7 padding; nullopt-like false when OpenSSL refuses (bad padding). The
// cipher is fetched from OpenSSL's provider once (EVP_aes_128_cbc() fetches it on every init).
bool Cipher(bool encrypt, const Secrets& s, std::string_view in, std::string& out) {
  static EVP_CIPHER* const aes = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!aes || !ctx ||
      EVP_CipherInit_ex2(ctx.get(), aes, Bytes(s.data_secret), Bytes(s.data_secret_iv),
                         encrypt ? 1 : 0, nullptr) != 1)
    return false;
  out.resize(in.size() + 16);
  int n = 0, tail = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_CipherUpdate(ctx.get(), dst, &n, Bytes(in), static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), dst + n, &tail) != 1)
    return false;
  out.resize(static_cast<size_t>(n + tail));
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(bytes), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool FromBase64(std::string_view text, std::string& out) {
  out.resize(text.size());
  size_t len = 0;
  // Line breaks some peers insert are ignored; anything else not Base64 fails.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  out.resize(len);
  return true;
}

bool IsDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::expected<Envelope, Failure> ParseEnvelope(std::string_view body) {
  auto j = ParseLenient(body);
  if (!j.is_object()) return Fail(Ret::kEnvelope, "请求体不是有效的 JSON 对象");
  Envelope e;
  struct Field {
    const char* name;
    std::string* into;
  };
  for (const auto& [name, into] :
       {Field{"OperatorID", &e.operator_id}, Field{"Data", &e.data},
        Field{"TimeStamp", &e.timestamp}, Field{"Seq", &e.seq}, Field{"Sig", &e.sig}}) {
    const auto* v = Member(j, {name});
    if (!v || !v->is_string()) return Fail(Ret::kEnvelope, std::string("缺少参数 ") + name);
    *into = v->get<std::string>();
  }
  return e;
}

std::string Sign(std::string_view key, std::string_view text) {
  // One HMAC-MD5 context per thread, its digest set once; each call gives the key again (HMAC()
  // fetches the MAC and the digest from the provider on every call: a third of its time on an
  // envelope). The key pointer is never null: a null key would keep the previous call's key.
  struct Context {
    EVP_MAC_CTX* ctx = nullptr;
    Context() {
      static EVP_MAC* const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
      if (!hmac) return;
      ctx = EVP_MAC_CTX_new(hmac);
      char digest[] = "MD5";
      const OSSL_PARAM params[] = {
          OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
          OSSL_PARAM_construct_end()};
      if (ctx && EVP_MAC_CTX_set_params(ctx, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        ctx = nullptr;
      }
    }
    ~Context() { EVP_MAC_CTX_free(ctx); }
  };
  thread_local Context context;
  static constexpr unsigned char kNoKey = 0;
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t len = 0;
  if (!context.ctx ||
      EVP_MAC_init(context.ctx, key.empty() ? &kNoKey : Bytes(key), key.size(), nullptr) != 1 ||
      EVP_MAC_update(context.ctx, Bytes(text), text.size()) != 1 ||
      EVP_MAC_final(context.ctx, mac, &len, sizeof mac) != 1)
    return std::string(32, '?');  // matches no signature (OpenSSL unusable)
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(2 * len);
  for (size_t i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

bool SignatureMatches(const Secrets& s, const Envelope& e) {
  const std::string want = Sign(s.sig_secret, e.operator_id + e.data + e.timestamp + e.seq);
  if (e.sig.size() != want.size()) return false;
  std::string got = e.sig;
  for (auto& c : got) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return CRYPTO_memcmp(got.data(), want.data(), want.size()) == 0;
}

std::string Encrypt(const Secrets& s, std::string_view plain) {
  std::string cipher;
  if (!KeysUsable(s) || !Cipher(true, s, plain, cipher)) return {};
  return Base64(cipher);
}

std::expected<std::string, Failure> Decrypt(const Secrets& s, std::string_view data) {
  if (!KeysUsable(s)) return Fail(Ret::kSystem, "密钥配置错误");
  std::string cipher, plain;
  if (!FromBase64(data, cipher) || cipher.empty() || cipher.size() % 16 != 0)
    return Fail(Ret::kEnvelope, "Data 不是有效的 Base64 密文");
  if (!Cipher(false, s, cipher, plain)) return Fail(Ret::kEnvelope, "Data 无法解密");
  return plain;
}

std::string TimeStamp(int64_t unix_seconds) {
  int64_t t = unix_seconds + kChinaOffset;
  int64_t days = t / 86400, secs = t % 86400;
  if (secs < 0) secs += 86400, --days;
  // Civil date from days (inverse of DaysFromCivil).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld%02lld%02lld%02lld%02lld%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

int64_t ParseTimeStamp(std::string_view text) {
  if (text.size() != 14 || !IsDigits(text)) return -1;
  auto num = [&](size_t at, size_t len) { return std::stoll(std::string(text.substr(at, len))); };
  const int64_t y = num(0, 4), mo = num(4, 2), d = num(6, 2), h = num(8, 2), mi = num(10, 2),
                s = num(12, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return -1;
  const int64_t t = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - kChinaOffset;
  return TimeStamp(t) == text ? t : -1;  // rejects 02-30 and the like
}

bool TimeStampFresh(std::string_view text, int64_t now, int64_t window) {
  const int64_t t = ParseTimeStamp(text);
  return t >= 0 && t >= now - window && t <= now + window;
}

std::expected<nlohmann::json, Failure> Open(const Secrets& s, const Envelope& e, int64_t now) {
  if (!SignatureMatches(s, e)) return Fail(Ret::kSignature, "签名错误");
  if (!TimeStampFresh(e.timestamp, now)) return Fail(Ret::kEnvelope, "时间戳无效或超出允许范围");
  if (e.seq.size() != 4 || !IsDigits(e.seq)) return Fail(Ret::kEnvelope, "Seq 应为 4 位数字");
  auto plain = Decrypt(s, e.data);
  if (!plain) return std::unexpected(plain.error());
  auto data = ParseLenient(*plain);
  if (data.is_discarded()) return Fail(Ret::kEnvelope, "Data 解密后不是有效的 JSON");
  return data;
}

nlohmann::json Request(const std::string& operator_id, const Secrets& s, std::string_view plain,
                       int64_t now, int seq) {
  char seq_text[8];
  std::snprintf(seq_text, sizeof seq_text, "%04d", seq % 10000);
  Envelope e{operator_id, Encrypt(s, plain), TimeStamp(now), seq_text, ""};
  e.sig = Sign(s.sig_secret, e.operator_id + e.data + e.timestamp + e.seq);
  return {{"OperatorID", e.operator_id},
          {"Data", e.data},
          {"TimeStamp", e.timestamp},
          {"Seq", e.seq},
          {"Sig", e.sig}};
}

nlohmann::json Response(Ret ret, const std::string& msg, const Secrets* s, std::string_view plain) {
  const int code = static_cast<int>(ret);
  std::string data = s && !plain.empty() ? Encrypt(*s, plain) : "";
  std::string sig = s ? Sign(s->sig_secret, std::to_string(code) + msg + data) : "";
  return {{"Ret", code}, {"Msg", msg}, {"Data", data}, {"Sig", sig}};
}

std::expected<Reply, Failure> OpenResponse(const Secrets& s, std::string_view body) {
  auto j = ParseLenient(body);
  if (!j.is_object()) return Fail(Ret::kEnvelope, "应答不是有效的 JSON 对象");
  Reply out;
  const auto* ret = Member(j, {"Ret"});
  std::string ret_text;
  if (ret && ret->is_number_integer()) {
    ret_text = std::to_string(ret->get<int64_t>());
  } else if (ret && ret->is_string() && !ret->get<std::string>().empty() &&
             IsDigits(ret->get<std::string>().substr(ret->get<std::string>()[0] == '-'))) {
    ret_text = ret->get<std::string>();
  } else {
    return Fail(Ret::kEnvelope, "应答缺少 Ret");
  }
  out.ret = std::stoi(ret_text);
  auto text = [&](const char* name) {
    const auto* v = Member(j, {name});
    return v && v->is_string() ? v->get<std::string>() : std::string();
  };
  out.msg = text("Msg");
  const std::string data = text("Data"), sig = text("Sig");
  if (data.empty() && sig.empty()) return out;
  const std::string want = Sign(s.sig_secret, ret_text + out.msg + data);
  std::string got = sig;
  for (auto& c : got) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (got.size() != want.size() || CRYPTO_memcmp(got.data(), want.data(), want.size()) != 0)
    return Fail(Ret::kSignature, "应答签名错误");
  if (data.empty()) return out;
  auto plain = Decrypt(s, data);
  if (!plain) return std::unexpected(plain.error());
  out.data = ParseLenient(*plain);
  if (out.data.is_discarded()) return Fail(Ret::kEnvelope, "应答 Data 解密后不是有效的 JSON");
  return out;
}

nlohmann::json ParseLenient(std::string_view text) {
  // Drop a comma whose next non-space character closes an object or array (outside strings):
  // the text between such commas is copied in runs; a text without any is parsed as it is.
  std::string clean;
  size_t copied = 0;  // text before this is in `clean` (or dropped)
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c != ',') continue;
    size_t j = i + 1;
    while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    if (j < text.size() && (text[j] == '}' || text[j] == ']')) {
      clean.append(text.substr(copied, i - copied));
      copied = i + 1;
    }
  }
  if (copied == 0) return nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  clean.append(text.substr(copied));
  return nlohmann::json::parse(clean, nullptr, false);
}

const nlohmann::json* Member(const nlohmann::json& object,
                             std::initializer_list<std::string_view> names) {
  if (!object.is_object()) return nullptr;
  for (auto name : names) {
    auto exact = object.find(std::string(name));
    if (exact != object.end()) return &*exact;
  }
  for (auto name : names) {
    const std::string want = Lower(name);
    for (auto it = object.begin(); it != object.end(); ++it)
      if (Lower(it.key()) == want) return &*it;
  }
  return nullptr;
}

}  // namespace mvis::exchange::tcec
