// The fixture shared by the verification and certificate tests: the demo institute's staff signed
// in, and helpers that file chargers, book and schedule them, and enter and sign records.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "fixture.hpp"

namespace mvis::testing {

using nlohmann::json;

inline json Charger(const std::string& serial, const std::string& accuracy = "1") {
  return {{"type_code", "ev_ac_charger"},
          {"name", "交流充电桩" + serial},
          {"model", "AC7-V"},
          {"serial_no", serial},
          {"manufacturer", "武汉某电气有限公司"},
          {"brand", "某品牌"},
          {"accuracy_class", accuracy},
          {"install_address", "武汉市江岸区二七路1号"},
          {"install_region_code", "420102"},
          {"use", "trade_settlement"},
          {"in_use_date", "2025-03-01"},
          {"charger",
           {{"current_type", "AC"},
            {"rated_power_kw", 7},
            {"rated_voltage_v", 220},
            {"max_current_a", 32},
            {"min_current_a", 6},
            {"connector_count", 1},
            {"station_name", "二七路充电站"},
            {"equipment_id", "EQ" + serial},
            {"tou_billing", true}}}};
}

class VerificationTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SetUpStaff();
  }

  // The demo data, the staff and the enterprise signed in, the institute and its standards found.
  void SetUpStaff() {
    SeedDemo();
    enterprise_ = std::make_unique<Client>(SignIn("charger"));
    verifier_ = std::make_unique<Client>(SignIn("verifier"));
    checker_ = std::make_unique<Client>(SignIn("checker"));
    approver_ = std::make_unique<Client>(SignIn("approver"));
    auto institutes =
        enterprise_->Get("/api/v1/institutes?type_code=ev_ac_charger&region_code=420102").json();
    ASSERT_FALSE(institutes["items"].empty());
    ASSERT_TRUE(institutes["items"][0]["suggested"].get<bool>());
    institute_ = institutes["items"][0]["org_id"];
    json standards = verifier_->Get("/api/v1/standards").json()["items"];
    for (const auto& s : standards) {
      (s["expired"].get<bool>() ? expired_standard_ : standard_) = s["id"].get<int64_t>();
    }
    ASSERT_GT(standard_, 0);
    ASSERT_GT(expired_standard_, 0);
    json staff = approver_->Get("/api/v1/institute/staff").json()["items"];
    for (const auto& u : staff) {
      for (const auto& d : u["duties"])
        if (d == "verifier") verifier_id_ = u["id"];
    }
    ASSERT_GT(verifier_id_, 0);
  }

  // Signs the staff and the enterprise in again (after the clock moved past their sessions).
  void ReSignIn() {
    enterprise_ = std::make_unique<Client>(SignIn("charger"));
    verifier_ = std::make_unique<Client>(SignIn("verifier"));
    checker_ = std::make_unique<Client>(SignIn("checker"));
    approver_ = std::make_unique<Client>(SignIn("approver"));
  }

  // Chargers filed by "charger" in 江岸区 and approved by its district regulator.
  std::vector<int64_t> Filed(int n, const std::string& accuracy = "1") {
    std::vector<int64_t> ids;
    Client jiangan = SignIn("jiangan");
    for (int i = 0; i < n; ++i) {
      auto body = Charger("VT" + std::to_string(++serial_) + "-" + accuracy, accuracy);
      body["submit"] = true;
      auto r = enterprise_->Post("/api/v1/instruments", body);
      EXPECT_EQ(r.status, 201) << r.body;
      ids.push_back(r.json()["id"]);
    }
    auto r = jiangan.Post("/api/v1/instruments/review", {{"ids", ids}, {"decision", "approve"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return ids;
  }

  json Booking(const std::vector<int64_t>& ids, bool submit = true) {
    return {{"mode", "on_site"},        {"institute_org_id", institute_},
            {"instrument_ids", ids},    {"preferred_date", domain::AddDays(clock_->Today(), 3)},
            {"contact_name", "张经理"}, {"contact_phone", "13912345678"},
            {"notes", "请提前联系"},    {"submit", submit}};
  }

  // A booked, accepted and scheduled appointment of `ids`.
  int64_t Scheduled(const std::vector<int64_t>& ids) {
    auto r = enterprise_->Post("/api/v1/appointments", Booking(ids));
    EXPECT_EQ(r.status, 201) << r.body;
    int64_t id = r.json()["id"];
    std::string path = "/api/v1/appointments/" + std::to_string(id);
    EXPECT_EQ(approver_->Post(path + "/accept").status, 200);
    r = approver_->Post(path + "/schedule",
                        {{"date", clock_->Today()}, {"verifier_user_ids", {verifier_id_}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  json Record(int64_t appointment, int64_t instrument, double error_pct = 0.3, double clock_s = 2) {
    json checklist = json::array();
    for (const char* item : {"nameplate", "display", "anti_tamper", "charging_control"})
      checklist.push_back({{"item", item}, {"pass", true}, {"note", ""}});
    return {{"appointment_id", appointment},
            {"instrument_id", instrument},
            {"kind", "first"},
            {"verified_on", clock_->Today()},
            {"standard_ids", {standard_}},
            {"temperature_c", 22.5},
            {"humidity_pct", 55},
            {"insulation_mohm", 120},
            {"checklist", checklist},
            {"load_points",
             {{{"current_a", 32},
               {"voltage_v", 220},
               {"standard_energy_kwh", 5.0},
               {"charger_energy_kwh", 5.0 * (1 + error_pct / 100)}},
              {{"current_a", 6},
               {"voltage_v", 220},
               {"standard_energy_kwh", 2.0},
               {"charger_energy_kwh", 2.002}}}},
            {"clock_error_s", clock_s}};
  }

  // A record of `instrument` in `appointment` signed by the verifier and the checker.
  int64_t AwaitingApproval(int64_t appointment, int64_t instrument, double error_pct = 0.3) {
    auto r = verifier_->Post("/api/v1/verifications", Record(appointment, instrument, error_pct));
    EXPECT_EQ(r.status, 201) << r.body;
    int64_t id = r.json()["id"];
    std::string path = "/api/v1/verifications/" + std::to_string(id);
    EXPECT_EQ(
        verifier_->Post(path + "/sign", {{"duty", "verifier"}, {"password", kDemoPassword}}).status,
        200);
    EXPECT_EQ(
        checker_->Post(path + "/sign", {{"duty", "checker"}, {"password", kDemoPassword}}).status,
        200);
    return id;
  }

  // Enters a record and signs it three times; returns the final record.
  json Verified(int64_t appointment, int64_t instrument, double error_pct = 0.3) {
    std::string path = "/api/v1/verifications/" +
                       std::to_string(AwaitingApproval(appointment, instrument, error_pct));
    auto r = approver_->Post(path + "/sign", {{"duty", "approver"}, {"password", kDemoPassword}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // Whether the inbox holds a message whose text contains `text`.
  static bool Notified(Client& c, const std::string& text) {
    json items = c.Get("/api/v1/inbox?page_size=100").json()["items"];
    for (const auto& m : items)
      if (m["body"].get<std::string>().find(text) != std::string::npos) return true;
    return false;
  }

  // "/V/<token>" (compact) or "/v/<token>" (long) of a label URL.
  static std::string TokenPath(const std::string& qr_url) {
    size_t at = qr_url.find("/V/");
    return qr_url.substr(at != std::string::npos ? at : qr_url.find("/v/"));
  }

  std::unique_ptr<Client> enterprise_, verifier_, checker_, approver_;
  int64_t institute_ = 0, standard_ = 0, expired_standard_ = 0, verifier_id_ = 0;
  int serial_ = 0;
};

}  // namespace mvis::testing
