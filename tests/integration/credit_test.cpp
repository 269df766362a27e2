// 企业信用风险分类: measured from the registry and the verification history, recomputed on demand
// and monthly, adjusted with a reason, and shown only to the regulators of the enterprise's
// districts.
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

class CreditTest : public VerificationTest {
 protected:
  int64_t EnterpriseId() { return enterprise_->Get("/api/v1/me").json()["org"]["id"]; }
};

double Points(const json& credit, const std::string& code) {
  for (const auto& i : credit["indicators"])
    if (i["code"] == code) return i["points"].get<double>();
  ADD_FAILURE() << "no indicator " << code;
  return -1;
}

TEST_F(CreditTest, ClassFollowsTheIndicatorsAndStaysWithRegulators) {
  const std::string path = "/api/v1/enterprises/" + std::to_string(EnterpriseId()) + "/credit";
  Client jiangan = SignIn("jiangan");

  // Two filed chargers never verified: 40 points of 40 for that indicator → C.
  const auto ids = Filed(2);
  auto c = jiangan.Post(path + "/recompute").json();
  EXPECT_EQ(c["class"], "C");
  EXPECT_DOUBLE_EQ(Points(c, "overdue_or_unverified"), 40.0);
  EXPECT_DOUBLE_EQ(c["score"].get<double>(), 40.0);
  EXPECT_EQ(c["indicators"].size(), 5u);

  // Both verified and passed: nothing overdue, nothing failed → A.
  const int64_t appointment = Scheduled(ids);
  Verified(appointment, ids[0]);
  Verified(appointment, ids[1]);
  c = jiangan.Post(path + "/recompute").json();
  EXPECT_EQ(c["class"], "A");
  EXPECT_DOUBLE_EQ(c["score"].get<double>(), 0.0);

  // A third charger fails its verification: 1 of 3 documents in 24 months → 10 points → B.
  const auto third = Filed(1);
  Verified(Scheduled(third), third[0], 5.0);
  c = jiangan.Post(path + "/recompute").json();
  EXPECT_DOUBLE_EQ(Points(c, "failed_verification"), 10.0);
  EXPECT_EQ(c["class"], "B");
  EXPECT_EQ(c["class_name"], "一般风险");

  // An adjustment needs a reason; the computed class stays beside it.
  EXPECT_EQ(jiangan.Put(path + "/override", {{"class", "D"}}).error_code(), "reason_required");
  EXPECT_EQ(jiangan.Put(path + "/override", {{"class", "E"}, {"reason", "x"}}).error_code(),
            "credit_class_invalid");
  c = jiangan.Put(path + "/override", {{"class", "D"}, {"reason", "现场检查发现计量作弊嫌疑"}})
          .json();
  EXPECT_EQ(c["class"], "D");
  EXPECT_EQ(c["computed_class"], "B");
  EXPECT_EQ(c["override"]["reason"], "现场检查发现计量作弊嫌疑");
  c = jiangan.Put(path + "/override", {{"class", ""}, {"reason", "复核后取消调整"}}).json();
  EXPECT_EQ(c["class"], "B");
  EXPECT_TRUE(c["override"].is_null());
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = ?",
                   {"credit.override"}),
            2);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = ?",
                   {"credit.recompute"}),
            3);

  // Who sees it: the city and the district where it is registered; not another district, the
  // enterprise, the institute, the DRC or the public.
  EXPECT_EQ(SignIn("city").Get(path).json()["class"], "B");
  EXPECT_EQ(SignIn("hongshan").Get(path).status, 404);
  EXPECT_EQ(enterprise_->Get(path).status, 404);
  EXPECT_EQ(verifier_->Get(path).status, 404);
  EXPECT_EQ(SignIn("drc").Get(path).status, 404);
  EXPECT_EQ(NewClient().Get(path).status, 401);
  EXPECT_EQ(SignIn("hongshan").Put(path + "/override", {{"class", "A"}, {"reason", "x"}}).status,
            404);
}

TEST_F(CreditTest, ADistrictWhereTheEnterpriseHasChargersSeesItAndTheMonthlyRunClassesAll) {
  const std::string path = "/api/v1/enterprises/" + std::to_string(EnterpriseId()) + "/credit";
  Client hongshan = SignIn("hongshan");
  EXPECT_EQ(hongshan.Get(path).status, 404);
  auto body = Charger("CR-1");
  body["install_region_code"] = "420111";
  body["install_address"] = "武汉市洪山区珞喻路1号";
  ASSERT_EQ(enterprise_->Post("/api/v1/instruments", body).status, 201);
  EXPECT_EQ(hongshan.Get(path).status, 200);

  auto run = runtime_->credit().RunMonthly();
  ASSERT_TRUE(run.has_value());
  EXPECT_FALSE(run->already_done);
  EXPECT_GE(run->enterprises, 5);
  auto again = runtime_->credit().RunMonthly();
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_done) << "once a month across instances";
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM enterprise_credit"), run->enterprises);
}

}  // namespace
}  // namespace mvis::testing
