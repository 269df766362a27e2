// T/CEC 102 envelopes: the standard's published example (part 4, appendix: OperatorID 123456789,
// every secret "1234567890abcdef", TimeStamp 20160729142400, Seq 0001), then what must fail —
// a flipped byte, a wrong key, an old timestamp, a bad Seq — and the lenient reading.
#include "exchange/tcec_codec.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mvis::exchange::tcec {
namespace {

constexpr char kData[] =
    "il7B0BSEjFdzpyKzfOFpvg/Se1CP802RItKYFPfSLRxJ3jf0bVl9hvYOEktPAYW2nd7S8MBcyHYyacHKbISq5iTmDzG+"
    "ivnR+SZJv3USNTYVMz9rCQVSxd0cLlqsJauko79NnwQJbzDTyLooYoIwz75qBOH2/"
    "xOMirpeEqRJrF/EQjWekJmGk9RtboXePu2rka+Xm51syBPhiXJAq0GfbfaFu9tNqs/e2Vjja/"
    "ltE1M0lqvxfXQ6da6HrThsm5id4ClZFIi0acRfrsPLRixS/IQYtksxghvJwbqOsbIsITail9Ayy4tKcogeEZiOO+"
    "4Ed264NSKmk7l3wKwJLAFjCFogBx8GE3OBz4pqcAn/ydA=";
constexpr char kPlain[] =
    R"({"total":1,"stationStatusInfo":{"operationID":"123456789","stationID":"111111111111111",)"
    R"("connectorStatusInfos":{"connectorID":1,"equipmentID":"10000000000000000000001","status":4,)"
    R"("currentA":0,"currentB":0,"currentC":0,"voltageA":0,"voltageB":0,"voltageC":0,"soc":10,}}})";
constexpr char kSig[] = "745166E8C43C84D37FFEC0F529C4136F";

const Secrets kSecrets{"1234567890abcdef", "1234567890abcdef", "1234567890abcdef"};

Envelope Published() { return {"123456789", kData, "20160729142400", "0001", kSig}; }
int64_t PublishedTime() { return ParseTimeStamp("20160729142400"); }

// HMAC-MD5 against RFC 2202's vectors, and each call with its own key: one context per thread
// is reused, so a call with an empty key right after another key must not keep the other key.
TEST(TcecCodec, SignIsHmacMd5WithEachCallsOwnKey) {
  EXPECT_EQ(Sign(std::string(16, '\x0b'), "Hi There"), "9294727A3638BB1C13F48EF8158BFC9D");
  EXPECT_EQ(Sign("Jefe", "what do ya want for nothing?"), "750C783E6AB0B503EAA86E310A5DB738");
  EXPECT_EQ(Sign(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "6B1AB7FE4BD7BF8F0B62E6CE61B9D0CD");
  EXPECT_EQ(Sign("", ""), "74E6F7298A9C2D168935F58C001BAD88");
  EXPECT_EQ(Sign("Jefe", ""), Sign("Jefe", std::string_view()));
  EXPECT_NE(Sign("Jefe", ""), Sign("", ""));
  std::string other;
  std::thread([&] { other = Sign("Jefe", "what do ya want for nothing?"); }).join();
  EXPECT_EQ(other, "750C783E6AB0B503EAA86E310A5DB738");
}

TEST(TcecCodec, PublishedExampleSignsDecryptsAndParses) {
  EXPECT_EQ(Sign("1234567890abcdef", std::string("123456789") + kData + "20160729142400" + "0001"),
            kSig);
  EXPECT_TRUE(SignatureMatches(kSecrets, Published()));
  auto plain = Decrypt(kSecrets, kData);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, kPlain);
  EXPECT_EQ(Encrypt(kSecrets, kPlain), kData);
  auto data = Open(kSecrets, Published(), PublishedTime() + 60);
  ASSERT_TRUE(data.has_value()) << data.error().msg;
  const auto* info = Member(*data, {"StationStatusInfo"});  // sent as stationStatusInfo
  ASSERT_NE(info, nullptr);
  const auto* connector = Member(*info, {"ConnectorStatusInfos"});
  ASSERT_NE(connector, nullptr);
  EXPECT_EQ((*connector)["soc"], 10);
  EXPECT_EQ(*Member(*info, {"StationID"}), "111111111111111");
}

TEST(TcecCodec, SignatureHexIsComparedWithoutCase) {
  auto e = Published();
  e.sig = "745166e8c43c84d37ffec0f529c4136f";
  EXPECT_TRUE(SignatureMatches(kSecrets, e));
  e.sig = "745166E8C43C84D37FFEC0F529C4136";  // one digit short
  EXPECT_FALSE(SignatureMatches(kSecrets, e));
}

TEST(TcecCodec, FlippedByteWrongKeyOrTamperedFieldIsASignatureError) {
  auto flipped = Published();
  flipped.data[10] = flipped.data[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Open(kSecrets, flipped, PublishedTime()).error().ret, Ret::kSignature);
  for (auto field : {&Envelope::operator_id, &Envelope::timestamp, &Envelope::seq}) {
    auto e = Published();
    (e.*field).back() = (e.*field).back() == '1' ? '2' : '1';
    EXPECT_EQ(Open(kSecrets, e, PublishedTime()).error().ret, Ret::kSignature);
  }
  Secrets wrong = kSecrets;
  wrong.sig_secret = "abcdef1234567890";
  EXPECT_EQ(Open(wrong, Published(), PublishedTime()).error().ret, Ret::kSignature);
}

TEST(TcecCodec, RightSignatureWrongDataKeyIsAnEnvelopeError) {
  Secrets wrong = kSecrets;
  wrong.data_secret = "abcdef1234567890";
  auto r = Open(wrong, Published(), PublishedTime());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().ret, Ret::kEnvelope);
  // Data that is not Base64, or not whole blocks, signed correctly.
  for (std::string data : {"not base64!", "QUJD"}) {
    Envelope e{"123456789", data, "20160729142400", "0001", ""};
    e.sig = Sign(kSecrets.sig_secret, e.operator_id + e.data + e.timestamp + e.seq);
    EXPECT_EQ(Open(kSecrets, e, PublishedTime()).error().ret, Ret::kEnvelope) << data;
  }
}

TEST(TcecCodec, TimeStampWindowIsFiveMinutesEitherWay) {
  const int64_t t = PublishedTime();
  EXPECT_TRUE(Open(kSecrets, Published(), t + 300).has_value());
  EXPECT_TRUE(Open(kSecrets, Published(), t - 300).has_value());
  EXPECT_EQ(Open(kSecrets, Published(), t + 301).error().ret, Ret::kEnvelope);
  EXPECT_EQ(Open(kSecrets, Published(), t - 301).error().ret, Ret::kEnvelope);
}

TEST(TcecCodec, TimeStampIsChinaTimeAndStrict) {
  EXPECT_EQ(PublishedTime(), 1469773440);  // 2016-07-29 06:24:00 UTC
  EXPECT_EQ(TimeStamp(1469773440), "20160729142400");
  EXPECT_EQ(TimeStamp(0), "19700101080000");
  EXPECT_EQ(ParseTimeStamp("20160230120000"), -1);
  EXPECT_EQ(ParseTimeStamp("2016072914240"), -1);
  EXPECT_EQ(ParseTimeStamp("2016-07-29 14:2"), -1);
  EXPECT_EQ(ParseTimeStamp("20161231235959") + 1, ParseTimeStamp("20170101000000"));
}

TEST(TcecCodec, SeqMustBeFourDigits) {
  for (std::string seq : {"1", "00001", "00a1"}) {
    Envelope e = Published();
    e.seq = seq;
    e.sig = Sign(kSecrets.sig_secret, e.operator_id + e.data + e.timestamp + e.seq);
    EXPECT_EQ(Open(kSecrets, e, PublishedTime()).error().ret, Ret::kEnvelope) << seq;
  }
}

TEST(TcecCodec, RequestRoundTripsAndResponseIsSignedOverRetMsgData) {
  const int64_t now = 1765000000;
  auto request = Request("MA01H3BQ2", kSecrets, R"({"LastQueryTime":"","PageNo":1})", now, 7);
  EXPECT_EQ(request["Seq"], "0007");
  auto envelope = ParseEnvelope(request.dump());
  ASSERT_TRUE(envelope.has_value());
  auto data = Open(kSecrets, *envelope, now);
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ((*data)["PageNo"], 1);

  auto response = Response(Ret::kOk, "", &kSecrets, R"({"Status":0})");
  EXPECT_EQ(response["Ret"], 0);
  const std::string sent = response["Data"];
  EXPECT_EQ(response["Sig"], Sign(kSecrets.sig_secret, "0" + sent));
  EXPECT_EQ(*Decrypt(kSecrets, sent), R"({"Status":0})");
  auto failure = Response(Ret::kSignature, "签名错误", nullptr);
  EXPECT_EQ(failure["Ret"], 4001);
  EXPECT_EQ(failure["Data"], "");
}

// The client side: a response is opened only with a good signature over Ret + Msg + Data.
TEST(TcecCodec, ResponsesAreCheckedBeforeTheyAreOpened) {
  const std::string sent =
      Response(Ret::kOk, "", &kSecrets, R"({"PageNo":1,"StationInfos":[],})").dump();
  auto reply = OpenResponse(kSecrets, sent);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->ret, 0);
  EXPECT_EQ(reply->data["PageNo"], 1);
  // Lower-case hex and a Ret sent as digits are accepted.
  auto lower = nlohmann::json::parse(sent);
  std::string sig = lower["Sig"];
  for (auto& c : sig) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  lower["Sig"] = sig;
  lower["Ret"] = "0";
  EXPECT_TRUE(OpenResponse(kSecrets, lower.dump()).has_value());
  // One flipped character of Data, another key, a changed Msg: refused before decrypting.
  auto flipped = nlohmann::json::parse(sent);
  std::string data = flipped["Data"];
  data[3] = data[3] == 'A' ? 'B' : 'A';
  flipped["Data"] = data;
  EXPECT_EQ(OpenResponse(kSecrets, flipped.dump()).error().ret, Ret::kSignature);
  Secrets other = kSecrets;
  other.sig_secret = "0000000000000000";
  EXPECT_EQ(OpenResponse(other, sent).error().ret, Ret::kSignature);
  auto msg = nlohmann::json::parse(sent);
  msg["Msg"] = "x";
  EXPECT_EQ(OpenResponse(kSecrets, msg.dump()).error().ret, Ret::kSignature);
  // An unsigned refusal without Data (the peer did not know us) is read as such.
  auto refused = OpenResponse(kSecrets, Response(Ret::kSignature, "签名错误", nullptr).dump());
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->ret, 4001);
  EXPECT_TRUE(refused->data.is_null());
  EXPECT_EQ(OpenResponse(kSecrets, R"({"Msg":""})").error().ret, Ret::kEnvelope);
  EXPECT_EQ(OpenResponse(kSecrets, "<html>").error().ret, Ret::kEnvelope);
}

TEST(TcecCodec, EnvelopeFieldsAreRequiredInAnyKeyCase) {
  auto e = ParseEnvelope(
      R"({"operatorID":"1","data":"x","timeStamp":"20160729142400","seq":"0001","sig":"A",})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->operator_id, "1");
  EXPECT_EQ(ParseEnvelope(R"({"OperatorID":"1","Data":"x"})").error().ret, Ret::kEnvelope);
  EXPECT_EQ(ParseEnvelope("not json").error().ret, Ret::kEnvelope);
  EXPECT_EQ(ParseEnvelope(R"({"OperatorID":1,"Data":"x","TimeStamp":"t","Seq":"s","Sig":"g"})")
                .error()
                .ret,
            Ret::kEnvelope);
}

TEST(TcecCodec, LenientJsonDropsTrailingCommasOnlyOutsideStrings) {
  auto j = ParseLenient(R"({"a":[1,2, ],"b":"x,}", "c":{"d":1,
  },})");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["a"].size(), 2u);
  EXPECT_EQ(j["b"], "x,}");
  EXPECT_EQ(j["c"]["d"], 1);
  EXPECT_TRUE(ParseLenient(R"({"a":1,,})").is_discarded());
  EXPECT_TRUE(ParseLenient(R"({"a":"\",}"})").is_object());
}

TEST(TcecCodec, MemberFindsCecSpellingsAndAnyCase) {
  auto order = ParseLenient(R"({"TotalSeviceMoney":1.5,"sumPeriod":2,"stationID":"S1"})");
  EXPECT_EQ(*Member(order, {"TotalServiceMoney", "TotalSeviceMoney"}), 1.5);
  EXPECT_EQ(*Member(order, {"SumPeriod", "SubPeriod"}), 2);
  EXPECT_EQ(*Member(order, {"StationID"}), "S1");
  EXPECT_EQ(Member(order, {"EquipmentID"}), nullptr);
}

}  // namespace
}  // namespace mvis::exchange::tcec
