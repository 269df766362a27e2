// The public OCMF check over HTTP: a published record verifies, a tampered one is a 200 with
// valid false and the reason, empty or oversized input is a 400 with a stable code.
#include "fixture.hpp"

namespace mvis::testing {
namespace {

constexpr char kKey[] =
    "3059301306072A8648CE3D020106082A8648CE3D030107034200043AEEB45C392357820A58FDFB0857BD77ADA315"
    "85C61C430531DFA53B440AFBFDD95AC887C658EA55260F808F55CA948DF235C2108A0D6DC7D4AB1A5E1A7955BE";
constexpr char kRecord[] =
    R"(OCMF|{"FV":"1.0","GI":"KEBA_KCP30","GS":"17619300","GV":"2.8.5","PG":"T32","IS":false,)"
    R"("IL":"NONE","IF":["RFID_NONE","OCPP_NONE","ISO15118_NONE","PLMN_NONE"],"IT":"NONE","ID":"",)"
    R"("RD":[{"TM":"2019-08-13T10:03:15,000+0000 I","TX":"B","EF":"","ST":"G","RV":0.2596,)"
    R"("RI":"1-b:1.8.0","RU":"kWh"},{"TM":"2019-08-13T10:03:36,000+0000 R","TX":"E","EF":"",)"
    R"("ST":"G","RV":0.2597,"RI":"1-b:1.8.0","RU":"kWh"}]}|{"SD":"304502200E2F107C987A300AC169)"
    R"(5CA89EA149A8CDFA16188AF0A33EE64B67964AA943F9022100889A72B6D65364BEA8562E7F6A0253157ACFF84)"
    R"(FE4929A93B5964D23C4265699"})";

using MeterValueTest = ApiTest;

TEST_F(MeterValueTest, PublicCheckVerifiesAndNamesWhatIsWrong) {
  Client anonymous = NewClient();
  auto r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", kRecord}, {"public_key", kKey}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["valid"], true);
  EXPECT_FALSE(r.json().contains("reason"));
  EXPECT_EQ(r.json()["curve"], "secp256r1");
  ASSERT_EQ(r.json()["readings"].size(), 2u);
  EXPECT_EQ(r.json()["readings"][1]["value"], 0.2597);
  EXPECT_EQ(r.json()["readings"][1]["type"], "E");

  std::string tampered = kRecord;
  tampered.replace(tampered.find("0.2596"), 6, "999.9999");
  r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", tampered}, {"public_key", kKey}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["valid"], false);
  EXPECT_EQ(r.json()["reason"], "signature_invalid");
  EXPECT_EQ(r.json()["readings"][0]["value"], 999.9999);  // shown, not trusted

  r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", kRecord}, {"public_key", "00"}});
  EXPECT_EQ(r.json()["reason"], "key_invalid");

  r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", ""}, {"public_key", kKey}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "ocmf_invalid");
  r = anonymous.Post("/api/v1/public/ocmf/verify",
                     {{"ocmf", std::string(17000, 'O')}, {"public_key", kKey}});
  EXPECT_EQ(r.status, 400);
  r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", kRecord}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "public_key_unknown") << "no key registered for 17619300";
}

}  // namespace
}  // namespace mvis::testing
