// 发改委验收 checks (a verdict for each kind of gap, the signed evidence PDF and its public page,
// who sees a check) and the public lookup by an exact identifier.
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

class AcceptanceTest : public VerificationTest {
 protected:
  void Sql(const std::string& sql, std::vector<store::Param> params = {}) {
    auto ok = runtime_->db().Write([&](store::Tx& tx) -> Status {
      tx.Exec(sql, params);
      return {};
    });
    ASSERT_TRUE(ok.has_value());
  }
  static std::string Eq(const std::string& serial) { return "EQVT" + serial; }
};

TEST_F(AcceptanceTest, VerdictNamesEveryKindOfGap) {
  auto ids = Filed(6);  // EQVT1-1 … EQVT6-1
  int64_t appointment = Scheduled({ids[0], ids[1], ids[2], ids[3], ids[4]});
  Verified(appointment, ids[0]);       // ok
  Verified(appointment, ids[1], 5.0);  // failed
  Verified(appointment, ids[2]);       // expired below
  Verified(appointment, ids[3]);       // revoked below
  Verified(appointment, ids[4]);       // ok, by identity
  Sql("UPDATE instruments SET valid_until = '2020-01-01' WHERE id = ?", {ids[2]});
  Sql("UPDATE instruments SET verification_state = 'revoked' WHERE id = ?", {ids[3]});

  Client drc = SignIn("drc");
  json body{{"project_name", "江岸区二七路充电站项目"},
            {"owner_name", "武汉某充电运营有限公司"},
            {"station_names", {"二七路充电站"}},
            {"equipment_ids", {"EQVT1-1", "EQVT2-1", "EQVT3-1", "EQVT4-1", "EQVT6-1", "NOPE-404"}},
            {"identifiers", {{{"manufacturer", "武汉某电气有限公司"}, {"serial_no", "VT5-1"}}}}};
  auto r = drc.Post("/api/v1/acceptance-checks", body);
  ASSERT_EQ(r.status, 201) << r.body;
  json check = r.json();
  EXPECT_EQ(check["verdict"], "gaps");
  std::map<std::string, std::string> status;
  for (const auto& it : check["items"]) status[it["equipment_id"]] = it["status"];
  EXPECT_EQ(status["EQVT1-1"], "ok");
  EXPECT_EQ(status["EQVT2-1"], "failed");
  EXPECT_EQ(status["EQVT3-1"], "expired");
  EXPECT_EQ(status["EQVT4-1"], "revoked");
  EXPECT_EQ(status["EQVT5-1"], "ok");
  EXPECT_EQ(status["EQVT6-1"], "never_verified");
  EXPECT_EQ(status["NOPE-404"], "unfiled");
  EXPECT_EQ(check["counts"]["ok"], 2);
  EXPECT_EQ(check["gap_count"], 5);
  ASSERT_TRUE(check["items"][0]["certificate_no"].is_string());
  EXPECT_TRUE(check["items"][0]["check_url"].is_string());
  EXPECT_EQ(check["items"][0]["district_name"], "江岸区");

  // Only passing chargers: passed.
  r = drc.Post("/api/v1/acceptance-checks",
               {{"project_name", "合格项目"}, {"equipment_ids", {"EQVT1-1", "EQVT5-1"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["verdict"], "passed");
  const int64_t passed_id = r.json()["id"];

  // The evidence PDF, and the signed public page its QR opens.
  auto pdf = drc.Get("/api/v1/acceptance-checks/" + std::to_string(check["id"].get<int64_t>()) +
                     "/evidence.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const std::string url = check["public_url"];
  const std::string token = url.substr(url.find("/ac/") + 4);
  Client anonymous = NewClient();
  auto pub = anonymous.Get("/api/v1/public/acceptance/" + token);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json()["verdict"], "gaps");
  EXPECT_EQ(pub.json()["item_count"], 7);
  auto page = anonymous.Get("/ac/" + token);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("江岸区二七路充电站项目"), std::string::npos);
  std::string forged = token;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(anonymous.Get("/api/v1/public/acceptance/" + forged).status, 404);
  EXPECT_EQ(anonymous.Get("/ac/" + forged).status, 404);

  // Who sees the checks: the DRC and the city bureau; the operator of every charger found; not
  // a district bureau, nor another enterprise.
  const std::string path = "/api/v1/acceptance-checks/" + std::to_string(passed_id);
  EXPECT_EQ(SignIn("city").Get(path).status, 200);
  EXPECT_EQ(enterprise_->Get(path).status, 200);
  EXPECT_EQ(enterprise_->Get("/api/v1/acceptance-checks").json()["total"], 2);
  EXPECT_EQ(SignIn("jiangan").Get(path).status, 404);
  EXPECT_EQ(enterprise_->Post("/api/v1/acceptance-checks", body).status, 403);
  json list = drc.Get("/api/v1/acceptance-checks?verdict=passed").json();
  EXPECT_EQ(list["total"], 1);

  // Bad input changes nothing.
  const int64_t before = Scalar(runtime_->db(), "SELECT COUNT(*) FROM acceptance_checks");
  EXPECT_EQ(drc.Post("/api/v1/acceptance-checks", {{"project_name", ""}, {"equipment_ids", {"X"}}})
                .status,
            400);
  EXPECT_EQ(drc.Post("/api/v1/acceptance-checks", {{"project_name", "项目"}}).status, 400);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM acceptance_checks"), before);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'acceptance_check.create'"),
            2);
}

TEST_F(AcceptanceTest, ChargersComeFromAnUploadedSheet) {
  Client drc = SignIn("drc");
  const std::string csv = "EquipmentID,备注\nEQVT1-1,a\n,\nEQ-2,b\n";
  auto r = drc.Upload("/api/v1/acceptance-checks/parse", "file", "chargers.csv", csv);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["equipment_ids"], json({"EQVT1-1", "EQ-2"}));
  r = drc.Upload("/api/v1/acceptance-checks/parse", "file", "x.csv",
                 "生产厂家,出厂编号\n某厂,001\n某厂,\n");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["identifiers"].size(), 1u);
  EXPECT_EQ(r.json()["errors"].size(), 1u);
  r = drc.Upload("/api/v1/acceptance-checks/parse", "file", "x.xlsx", "PK\x03\x04garbage");
  EXPECT_EQ(r.status, 400) << r.body;
  auto stations = drc.Get("/api/v1/acceptance-checks/stations?q=" + std::string("充电站"));
  EXPECT_EQ(stations.status, 200) << stations.body;
  EXPECT_EQ(drc.Get("/api/v1/acceptance-checks/stations?q=a").status, 400);
}

TEST_F(AcceptanceTest, PublicLookupNeedsAnExactIdentifier) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled({ids[0]});
  json record = Verified(appointment, ids[0]);
  Client anonymous = NewClient();
  auto r = anonymous.Get("/api/v1/public/lookup?equipment_id=EQVT1-1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "valid");
  ASSERT_TRUE(r.json()["certificate"]["number"].is_string());
  // The same body as the label's own check.
  auto certs = enterprise_->Get("/api/v1/certificates?page_size=50").json();
  std::string qr;
  for (const auto& c : certs["items"])
    if (c["number"] == r.json()["certificate"]["number"] && c.contains("qr_url") &&
        c["qr_url"].is_string())
      qr = c["qr_url"];
  if (!qr.empty()) {
    auto by_token = anonymous.Get("/api/v1/public/verify" + TokenPath(qr).substr(2));
    ASSERT_EQ(by_token.status, 200) << by_token.body;
    json a = r.json(), b = by_token.json();
    a.erase("checked_at");
    b.erase("checked_at");
    EXPECT_EQ(a, b);
  }
  r = anonymous.Get("/api/v1/public/lookup?manufacturer=" + std::string("武汉某电气有限公司") +
                    "&serial_no=VT1-1");
  EXPECT_EQ(r.status, 200) << r.body;
  r = anonymous.Get("/api/v1/public/lookup?equipment_id=EQVT2-1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), json({{"status", "no_certificate"}}));
  EXPECT_EQ(anonymous.Get("/api/v1/public/lookup?equipment_id=EQVT").status, 404);  // no prefix
  EXPECT_EQ(anonymous.Get("/api/v1/public/lookup?equipment_id=%25").status, 404);   // no wildcard
  EXPECT_EQ(anonymous.Get("/api/v1/public/lookup?serial_no=VT1-1").status, 400);
  EXPECT_EQ(anonymous.Get("/api/v1/public/lookup").status, 400);
}

}  // namespace
}  // namespace mvis::testing
