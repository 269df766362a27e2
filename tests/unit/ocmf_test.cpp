// OCMF signed meter values: the published KEBA KCP30 example (secp256r1) and its tampered copy,
// then vectors made here with OpenSSL for each supported curve, the algorithm taken from the key
// (never from SA), and the transaction checks of the readings.
#include "exchange/ocmf.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace mvis::exchange::ocmf {
namespace {

constexpr char kKebaKey[] =
    "3059301306072A8648CE3D020106082A8648CE3D030107034200043AEEB45C392357820A58FDFB0857BD77ADA315"
    "85C61C430531DFA53B440AFBFDD95AC887C658EA55260F808F55CA948DF235C2108A0D6DC7D4AB1A5E1A7955BE";
constexpr char kKebaPayload[] =
    R"({"FV":"1.0","GI":"KEBA_KCP30","GS":"17619300","GV":"2.8.5","PG":"T32","IS":false,)"
    R"("IL":"NONE","IF":["RFID_NONE","OCPP_NONE","ISO15118_NONE","PLMN_NONE"],"IT":"NONE","ID":"",)"
    R"("RD":[{"TM":"2019-08-13T10:03:15,000+0000 I","TX":"B","EF":"","ST":"G","RV":0.2596,)"
    R"("RI":"1-b:1.8.0","RU":"kWh"},{"TM":"2019-08-13T10:03:36,000+0000 R","TX":"E","EF":"",)"
    R"("ST":"G","RV":0.2597,"RI":"1-b:1.8.0","RU":"kWh"}]})";
constexpr char kKebaSignature[] =
    R"({"SD":"304502200E2F107C987A300AC1695CA89EA149A8CDFA16188AF0A33EE64B67964AA943F9022100889A)"
    R"(72B6D65364BEA8562E7F6A0253157ACFF84FE4929A93B5964D23C4265699"})";

std::string Keba(const std::string& payload = kKebaPayload) {
  return "OCMF|" + payload + "|" + kKebaSignature;
}

std::string Hex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

// A meter key made here: signs payloads, and gives its public key as SPKI DER hex.
class Meter {
 public:
  explicit Meter(const char* curve) : key_(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve)) {}
  ~Meter() { EVP_PKEY_free(key_); }
  std::string PublicKeyHex() const {
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(key_, &der);
    std::string out = Hex(der, static_cast<size_t>(len));
    OPENSSL_free(der);
    return out;
  }
  std::string Sign(const std::string& payload, const std::string& sa = "") const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_);
    size_t len = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(payload.data());
    EVP_DigestSign(ctx.get(), nullptr, &len, data, payload.size());
    std::vector<unsigned char> sig(len);
    EVP_DigestSign(ctx.get(), sig.data(), &len, data, payload.size());
    std::string signature = R"({"SD":")" + Hex(sig.data(), len) + "\"";
    if (!sa.empty()) signature += R"(,"SA":")" + sa + "\"";
    return "OCMF|" + payload + "|" + signature + "}";
  }

 private:
  EVP_PKEY* key_;
};

std::string Payload(const std::string& pg, const std::string& readings,
                    const std::string& serial = "MTR-0001") {
  return R"({"FV":"1.0","GI":"MVIS TEST","GS":"GW-1","PG":")" + pg + R"(","MV":"Test","MS":")" +
         serial + R"(","IS":true,"RD":[)" + readings + "]}";
}

constexpr char kBeginEnd[] =
    R"({"TM":"2026-12-01T10:00:00,000+0800 S","TX":"B","RV":12.5,"RI":"1-b:1.8.0","RU":"kWh","ST":"G"},)"
    R"({"TM":"2026-12-01T11:00:00,000+0800 S","TX":"E","RV":42.75,"ST":"G"})";

TEST(Ocmf, PublishedKebaRecordVerifies) {
  auto v = Verify(Keba(), kKebaKey);
  EXPECT_TRUE(v.valid) << v.reason;
  EXPECT_EQ(v.curve, "secp256r1");
  ASSERT_EQ(v.record.readings.size(), 2u);
  EXPECT_DOUBLE_EQ(v.record.readings[0].value, 0.2596);
  EXPECT_DOUBLE_EQ(v.record.readings[1].value, 0.2597);
  EXPECT_EQ(v.record.readings[1].type, "E");
  EXPECT_EQ(v.record.pagination, "T32");
  // The same key in lower case, and the string pasted with surrounding white space.
  std::string lower = kKebaKey;
  for (auto& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_TRUE(Verify("  " + Keba() + "\n", lower).valid);
}

TEST(Ocmf, TamperedKebaRecordFails) {
  std::string payload = kKebaPayload;
  payload.replace(payload.find("0.2596"), 6, "999.9999");
  auto v = Verify(Keba(payload), kKebaKey);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.reason, "signature_invalid");
  // One changed byte anywhere in the payload, even white space, breaks the signature.
  payload = kKebaPayload;
  payload.insert(1, " ");
  EXPECT_EQ(Verify(Keba(payload), kKebaKey).reason, "signature_invalid");
}

TEST(Ocmf, EachCurveVerifiesItsOwnSignatureAndNotAnother) {
  const std::string payload = Payload("T1", kBeginEnd);
  for (const char* curve : {"P-256", "P-384", "brainpoolP256r1"}) {
    Meter meter(curve);
    const std::string ocmf = meter.Sign(payload);
    auto v = Verify(ocmf, meter.PublicKeyHex());
    EXPECT_TRUE(v.valid) << curve << " " << v.reason;
    EXPECT_DOUBLE_EQ(v.record.readings[1].value, 42.75);
    EXPECT_EQ(v.record.readings[1].obis, "1-b:1.8.0");  // carried forward
    std::string tampered = ocmf;
    tampered.replace(tampered.find("42.75"), 5, "42.76");
    EXPECT_EQ(Verify(tampered, meter.PublicKeyHex()).reason, "signature_invalid") << curve;
    Meter other(curve);
    EXPECT_EQ(Verify(ocmf, other.PublicKeyHex()).reason, "signature_invalid") << curve;
  }
  EXPECT_EQ(Verify(Meter("P-256").Sign(payload), Meter("P-384").PublicKeyHex()).reason,
            "signature_invalid");
}

TEST(Ocmf, AlgorithmComesFromTheKeyNotFromSa) {
  Meter meter("P-256");
  const std::string payload = Payload("T1", kBeginEnd);
  auto v = Verify(meter.Sign(payload, "ECDSA-secp384r1-SHA256"), meter.PublicKeyHex());
  EXPECT_TRUE(v.valid) << v.reason;
  EXPECT_EQ(v.curve, "secp256r1");
  EXPECT_EQ(v.record.declared_algorithm, "ECDSA-secp384r1-SHA256");
}

TEST(Ocmf, KeysThatAreNotOneOfTheThreeCurvesAreRefused) {
  const std::string ocmf = Meter("P-256").Sign(Payload("T1", kBeginEnd));
  EXPECT_EQ(Verify(ocmf, "zz").reason, "key_invalid");
  EXPECT_EQ(Verify(ocmf, "3059").reason, "key_invalid");
  EXPECT_EQ(Verify(ocmf, Meter("P-521").PublicKeyHex()).reason, "key_unsupported");
  EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(ed, &der);
  EXPECT_EQ(Verify(ocmf, Hex(der, static_cast<size_t>(len))).reason, "key_unsupported");
  OPENSSL_free(der);
  EVP_PKEY_free(ed);
}

TEST(Ocmf, MalformedStringsAreNamed) {
  EXPECT_EQ(Verify("OCMF{}", kKebaKey).reason, "format_invalid");
  EXPECT_EQ(Verify("XYZ|{}|{}", kKebaKey).reason, "format_invalid");
  EXPECT_EQ(Verify("OCMF|{not json|{}", kKebaKey).reason, "payload_invalid");
  EXPECT_EQ(Verify(R"(OCMF|{"RD":[]}|{"SD":"nothex"})", kKebaKey).reason, "signature_invalid");
}

TEST(Ocmf, ReadingsMustFormOneGoodNonDecreasingTransaction) {
  Meter meter("P-256");
  auto reason = [&](const std::string& readings) {
    return Verify(meter.Sign(Payload("T1", readings)), meter.PublicKeyHex()).reason;
  };
  EXPECT_EQ(reason(kBeginEnd), "");
  EXPECT_EQ(reason(""), "readings_empty");
  EXPECT_EQ(reason(R"({"TX":"C","RV":1,"ST":"G"},{"TX":"E","RV":2,"ST":"G"})"), "begin_missing");
  EXPECT_EQ(reason(R"({"TX":"B","RV":1,"ST":"G"},{"TX":"X","RV":2,"ST":"G"})"), "end_invalid");
  EXPECT_EQ(reason(R"({"TX":"B","RV":1,"ST":"G"},{"TX":"E","RV":2,"ST":"E"})"), "status_not_good");
  EXPECT_EQ(reason(R"({"TX":"B","RV":5,"ST":"G"},{"TX":"E","RV":4.99,"ST":"G"})"),
            "readings_decreasing");
  EXPECT_EQ(reason(R"({"TX":"B","RV":5,"ST":"G"},{"TX":"E","RV":5,"ST":"G"})"), "");  // no energy
  for (const char* end : {"E", "L", "R", "A", "P"})
    EXPECT_EQ(reason(std::string(R"({"TX":"B","RV":1,"ST":"G"},{"TX":")") + end +
                     R"(","RV":2,"ST":"G"})"),
              "")
        << end;
  // A begin record alone (sent at the start of the session) is a transaction so far.
  EXPECT_EQ(reason(R"({"TX":"B","RV":1,"ST":"G"})"), "");
}

TEST(Ocmf, RecordsOfOneTransactionMustBeContinuous) {
  auto record = [](const std::string& pg, const std::string& tx, double rv,
                   const std::string& serial = "MTR-0001") {
    return Parse("OCMF|" +
                 Payload(pg,
                         R"({"TX":")" + tx + R"(","RV":)" + std::to_string(rv) + R"(,"ST":"G"})",
                         serial) +
                 R"(|{"SD":""})")
        .record;
  };
  EXPECT_EQ(CheckTransaction({record("T7", "B", 1), record("T8", "E", 3)}), "");
  EXPECT_EQ(CheckTransaction({record("T7", "B", 1), record("T9", "E", 3)}), "pagination_gap");
  EXPECT_EQ(CheckTransaction({record("T7", "B", 1), record("F8", "E", 3)}), "pagination_gap");
  EXPECT_EQ(CheckTransaction({record("T7", "B", 1), record("T8", "E", 3, "MTR-0002")}),
            "meter_changed");
  EXPECT_EQ(CheckTransaction({record("T7", "B", 3), record("T8", "E", 1)}), "readings_decreasing");
}

}  // namespace
}  // namespace mvis::exchange::ocmf
