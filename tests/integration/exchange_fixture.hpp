// The fixture of the T/CEC 102 exchange tests: an enterprise's operator account opened by the
// sysadmin, envelopes built with the codec (whose own vectors are the standard's published example)
// and posted over HTTP, the replies checked and opened, and a charge order of one period.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "exchange/tcec_codec.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {

namespace tcec = exchange::tcec;

class ExchangeTest : public VerificationTest {
 protected:
  // Rule 4 judges an order by the registry at its StartTime: the chargers these tests file must
  // be filed before the orders' fixed day (Order: 2026-12-01), so the clock starts the evening
  // before the day before, 2026-11-29 20:00 in China.
  static constexpr int64_t kClockStart = 1795953600;
  int64_t ClockStart() const override { return kClockStart; }

  struct Peer {
    std::string operator_id, operator_secret;
    tcec::Secrets secrets;
  };

  Peer Open() {
    Client admin = Admin();
    const int64_t org = enterprise_->Get("/api/v1/me").json()["org"]["id"];
    auto r = admin.Post("/api/v1/admin/tcec-operators", {{"org_id", org}});
    EXPECT_EQ(r.status, 201) << r.body;
    json j = r.json();
    return {j["operator_id"],
            j["operator_secret"],
            {j["data_secret"], j["data_secret_iv"], j["sig_secret"]}};
  }

  // Posts `plain` in an envelope; the response's Data decrypted (json null when empty).
  std::pair<json, json> Send(const Peer& p, const std::string& endpoint, const json& plain,
                             const std::string& token = "", int seq = 0) {
    auto envelope =
        tcec::Request(p.operator_id, p.secrets, plain.dump(), clock_->Now(), seq ? seq : ++seq_);
    return SendRaw(p, endpoint, envelope.dump(), token);
  }

  std::pair<json, json> SendRaw(const Peer& p, const std::string& endpoint, const std::string& body,
                                const std::string& token) {
    Client platform = NewClient();
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    auto r = platform.Send("POST", "/tcec/v1/" + endpoint, body, headers);
    EXPECT_EQ(r.status, 200) << r.body;
    json reply = r.json();
    json data = nullptr;
    const std::string sent = reply["Data"];
    if (!sent.empty()) {
      // The reply is signed over Ret + Msg + Data with the peer's SigSecret.
      EXPECT_EQ(reply["Sig"],
                tcec::Sign(p.secrets.sig_secret, std::to_string(reply["Ret"].get<int>()) +
                                                     reply["Msg"].get<std::string>() + sent));
      data = json::parse(*tcec::Decrypt(p.secrets, sent));
    }
    return {reply, data};
  }

  std::string Token(const Peer& p) {
    auto [reply, data] = Send(
        p, "query_token", {{"OperatorID", p.operator_id}, {"OperatorSecret", p.operator_secret}});
    EXPECT_EQ(reply["Ret"], 0) << reply.dump();
    EXPECT_EQ(data["SuccStat"], 0);
    EXPECT_EQ(data["TokenAvailableTime"], 7200);
    return data["AccessToken"];
  }

  static json Station(const std::vector<json>& equipment) {
    return {{"StationInfo",
             {{"StationID", "ST-0001"},
              {"StationName", "二七路充电站"},
              {"AreaCode", "420102"},
              {"Address", "武汉市江岸区二七路1号"},
              {"EquipmentInfos", equipment}}}};
  }
  static json Equipment(const std::string& id, int type, double power,
                        const std::string& model = "AC7-V") {
    // CEC's own key case in part of the fields, as real peers send it.
    return {{"EquipmentID", id},
            {"manufacturerName", "武汉某电气有限公司"},
            {"EquipmentModel", model},
            {"EquipmentType", type},
            {"Power", power},
            {"ProductionDate", "2024-05-01"},
            {"ConnectorInfos", json::array({{{"ConnectorID", id + "-1"}}})}};
  }

  int64_t Count(const std::string& table) {
    auto n = runtime_->db().Read([&](store::Tx& tx) -> Result<int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
    });
    return *n;
  }

  int seq_ = 0;
};

// A charge order: `energy` kWh from `start` to `end` (same day, HH:MM, on `date`) at 1.0 + 0.5
// yuan/kWh in one period; `money_error` is added to TotalMoney only.
inline json Order(const std::string& seq, const std::string& connector, const std::string& start,
                  const std::string& end, double energy, double money_error = 0,
                  const std::string& date = "2026-12-01") {
  const std::string day = date + " ";
  return {{"StartChargeSeq", seq},
          {"ConnectorID", connector},
          {"StartTime", day + start + ":00"},
          {"EndTime", day + end + ":00"},
          {"TotalPower", energy},
          {"TotalElecMoney", energy * 1.0},
          {"TotalSeviceMoney", energy * 0.5},  // CEC's spelling
          {"TotalMoney", energy * 1.5 + money_error},
          {"SumPeriod", 1},
          {"ChargeDetails", json::array({{{"DetailStartTime", day + start + ":00"},
                                          {"DetailEndTime", day + end + ":00"},
                                          {"ElecPrice", 1.0},
                                          {"SevicePrice", 0.5},
                                          {"DetailPower", energy},
                                          {"DetailElecMoney", energy * 1.0},
                                          {"DetailSeviceMoney", energy * 0.5}}})}};
}

}  // namespace mvis::testing
