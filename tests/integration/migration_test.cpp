// Migrations that move data keep every row: the instrument and appointment histories move into
// object_events (0006) in their order; on PostgreSQL the charge orders move into monthly
// partitions (0026) with their ids, their alerts' references and "stored once"; the chargers filed
// before the registry's history was kept (0031) start it, and its triggers follow every change.
#include <algorithm>

#include "fixture.hpp"
#include "store/events_store.hpp"
#include "store/exchange_store.hpp"
#include "store/migrate.hpp"

namespace mvis::testing {
namespace {

class MigrationTest : public ApiTest {};

TEST_F(MigrationTest, HistoriesMoveIntoObjectEventsWithEveryRowInOrder) {
  runtime_->Stop();
  runtime_.reset();
  auto db = store::Database::Open(FreshDatabaseUrl(), 2);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(store::Migrate(**db, 5).has_value());
  auto seeded = (*db)->Write([](store::Tx& tx) -> Status {
    tx.Exec(
        "INSERT INTO orgs (kind, name, credit_code, region_code, created_at) VALUES "
        "('enterprise', '某公司', NULL, '420102', 1), ('institute', '某所', NULL, '420100', 1)");
    tx.Exec(
        "INSERT INTO users (username, password_hash, role, org_id, created_at, "
        "password_changed_at) VALUES ('u', 'x', 'enterprise', 1, 1, 1)");
    tx.Exec(
        "INSERT INTO instruments (org_id, type_code, name, model, serial_no, manufacturer, brand, "
        "accuracy_class, install_address, install_region_code, use, in_use_date, mandatory, "
        "status, created_at, updated_at) VALUES (1, 'ev_ac_charger', '桩', 'M', 'S1', 'F', 'B', "
        "'1', 'A', '420102', 'trade_settlement', '2024-01-01', 1, 'approved', 1, 1)");
    tx.Exec(
        "INSERT INTO appointments (org_id, institute_org_id, mode, status, preferred_date, "
        "contact_name, contact_phone, created_by, created_at, updated_at) VALUES (1, 2, "
        "'send_in', 'submitted', '2024-02-01', 'C', '13900000001', 1, 1, 1)");
    for (auto [action, from, to] : {std::tuple{"edit", "", "draft"},
                                    {"submit", "draft", "submitted"},
                                    {"approve", "submitted", "approved"}}) {
      tx.Exec(
          "INSERT INTO instrument_events (instrument_id, at, user_id, username, org_name, action, "
          "from_status, to_status, reason) VALUES (1, 10, 1, 'u', '某公司', ?, ?, ?, '')",
          {std::string(action), std::string(from), std::string(to)});
    }
    tx.Exec(
        "INSERT INTO appointment_events (appointment_id, at, user_id, username, org_name, action, "
        "from_status, to_status, reason) VALUES (1, 20, 1, 'u', '某公司', 'edit', '', 'draft', "
        "''), "
        "(1, 21, 1, 'u', '某公司', 'submit', 'draft', 'submitted', '请尽快')");
    return {};
  });
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message;

  ASSERT_TRUE(store::Migrate(**db).has_value());
  auto events = (*db)->Read(
      [](store::Tx& tx)
          -> Result<std::pair<std::vector<domain::ObjectEvent>, std::vector<domain::ObjectEvent>>> {
        return std::pair{store::ListEvents(tx, "instrument", "1"),
                         store::ListEvents(tx, "appointment", "1")};
      });
  ASSERT_TRUE(events.has_value());
  const auto& [instrument, appointment] = *events;
  ASSERT_EQ(instrument.size(), 3u);
  EXPECT_EQ(instrument[0].action, "edit");
  EXPECT_EQ(instrument[1].action, "submit");
  EXPECT_EQ(instrument[2].to_status, "approved");
  EXPECT_EQ(instrument[2].org_name, "某公司");
  EXPECT_EQ(instrument[2].user_id, 1);
  ASSERT_EQ(appointment.size(), 2u);
  EXPECT_EQ(appointment[1].action, "submit");
  EXPECT_EQ(appointment[1].reason, "请尽快");
  EXPECT_EQ(appointment[1].at, 21);
  Restart([](app::AppConfig&) {});
}

TEST_F(MigrationTest, ChargerRegistryStepsStartWithTheChargersFiledAndFollowEveryChange) {
  runtime_->Stop();
  runtime_.reset();
  auto db = store::Database::Open(FreshDatabaseUrl(), 2);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(store::Migrate(**db, 30).has_value());
  auto insert = [](store::Tx& tx, const std::string& equipment, const std::string& status,
                   const std::string& state, const std::string& valid_until, int64_t at) {
    tx.Exec(
        "INSERT INTO instruments (org_id, type_code, name, model, serial_no, manufacturer, brand, "
        "accuracy_class, install_address, install_region_code, use, in_use_date, mandatory, "
        "equipment_id, status, verification_state, valid_until, created_at, updated_at) VALUES "
        "(1, 'ev_ac_charger', '桩', 'M', ?, 'F', 'B', '1', 'A', '420102', 'trade_settlement', "
        "'2024-01-01', 1, ?, ?, ?, ?, ?, ?)",
        {"S" + equipment, equipment, status, state, valid_until, at, at});
  };
  auto seeded = (*db)->Write([&](store::Tx& tx) -> Status {
    tx.Exec(
        "INSERT INTO orgs (kind, name, credit_code, region_code, created_at) VALUES "
        "('enterprise', '某公司', NULL, '420102', 1)");
    insert(tx, "E1", "approved", "passed", "2027-01-01", 100);  // 1: filed before 0031
    insert(tx, "E2", "draft", "never", "", 100);                // 2: a draft
    insert(tx, "", "approved", "never", "", 100);               // 3: not a charger
    return {};
  });
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
  ASSERT_TRUE(store::Migrate(**db).has_value());
  auto steps = [&] {
    return (*db)->Read([](store::Tx& tx) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      for (const auto& r : tx.Query(
               "SELECT instrument_id, equipment_id, at, status, verification_state, valid_until "
               "FROM charger_registry_steps ORDER BY id"))
        out.push_back(std::to_string(r.Int(0)) + " " + r.Str(1) + "@" + std::to_string(r.Int(2)) +
                      " " + r.Str(3) + " " + r.Str(4) + " " + r.Str(5));
      return out;
    });
  };
  EXPECT_EQ(*steps(), std::vector<std::string>{"1 E1@0 approved passed 2027-01-01"})
      << "a charger filed before the migration: its state now, from time 0";

  auto changed = (*db)->Write([&](store::Tx& tx) -> Status {
    tx.Exec(
        "UPDATE instruments SET verification_state = 'revoked', valid_until = '', updated_at = "
        "200 WHERE id = 1");
    tx.Exec("UPDATE instruments SET name = '新桩', updated_at = 250 WHERE id = 1");  // no step
    tx.Exec("UPDATE instruments SET equipment_id = 'E3', updated_at = 300 WHERE id = 1");
    tx.Exec("UPDATE instruments SET equipment_id = 'E4', updated_at = 310 WHERE id = 2");  // draft
    tx.Exec("UPDATE instruments SET status = 'submitted', updated_at = 320 WHERE id = 2");
    tx.Exec("UPDATE instruments SET status = 'approved', updated_at = 330 WHERE id = 3");
    insert(tx, "E5", "submitted", "never", "", 400);
    return {};
  });
  ASSERT_TRUE(changed.has_value()) << changed.error().message;
  auto after = *steps();
  ASSERT_EQ(after.size(), 6u) << ::testing::PrintToString(after);
  EXPECT_EQ(after[1], "1 E1@200 approved revoked ");
  // The EquipmentID moved: E1 no longer named (status ""), E3 named from then on (either order).
  std::vector<std::string> moved{after[2], after[3]};
  std::ranges::sort(moved);
  EXPECT_EQ(moved, (std::vector<std::string>{"1 E1@300   ", "1 E3@300 approved revoked "}));
  EXPECT_EQ(after[4], "2 E4@320 submitted never ");
  EXPECT_EQ(after[5], "4 E5@400 submitted never ");

  // The directory folds them: E1 filed and passed until 200, revoked until 300, then unfiled; E3
  // unfiled until 300. (Order times are China's wall clock: 08:00:00 on 1970-01-01 is 0.)
  auto verdicts = (*db)->Read([](store::Tx& tx) -> Result<std::vector<std::string>> {
    const auto directory = store::LoadChargerDirectory(tx, 0);
    std::vector<std::string> out;
    for (const auto& [equipment, start] : {std::pair{"E1", "1970-01-01 08:02:00"},
                                           {"E1", "1970-01-01 08:04:00"},
                                           {"E1", "1970-01-01 08:06:00"},
                                           {"E3", "1970-01-01 08:04:00"},
                                           {"E3", "1970-01-01 08:06:00"},
                                           {"E4", "1970-01-01 08:05:00"},
                                           {"E4", "1970-01-01 08:06:00"}}) {
      const auto c = directory.Find(1, equipment, "", start);
      out.push_back(c.filed ? c.verification_state : "unfiled");
    }
    return out;
  });
  ASSERT_TRUE(verdicts.has_value());
  EXPECT_EQ(*verdicts, (std::vector<std::string>{"passed", "revoked", "unfiled", "unfiled",
                                                 "revoked", "unfiled", "never"}));
  Restart([](app::AppConfig&) {});
}

TEST_F(MigrationTest, ChargeOrdersMoveIntoMonthlyPartitions) {
  runtime_->Stop();
  runtime_.reset();
  auto db = store::Database::Open(FreshDatabaseUrl(), 2);
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(store::Migrate(**db, 25).has_value());
  auto seeded = (*db)->Write([](store::Tx& tx) -> Status {
    tx.Exec(
        "INSERT INTO orgs (kind, name, credit_code, region_code, created_at) VALUES "
        "('enterprise', '某公司', NULL, '420102', 1)");
    tx.Exec(
        "INSERT INTO users (username, password_hash, role, org_id, created_at, "
        "password_changed_at) VALUES ('u', 'x', 'enterprise', 1, 1, 1)");
    tx.Exec(
        "INSERT INTO tcec_operators (operator_id, org_id, secrets_sealed, status, created_by, "
        "created_at, rotated_at) VALUES ('MA0000001', 1, 'x', 'active', 1, 1, 1)");
    int seq = 0;
    for (const char* start : {"2026-11-30 23:50:00", "2026-12-01 00:10:00", "2026-12-31 23:59:59"})
      tx.Exec(
          "INSERT INTO charge_orders (operator_ref, start_charge_seq, connector_id, equipment_id, "
          "start_time, end_time, total_power, total_money, region_code, body, received_at) VALUES "
          "(1, ?, 'C1', 'E1', ?, ?, 1, 1, '420102', '{}', 1)",
          {"S" + std::to_string(++seq), std::string(start), std::string(start)});
    tx.Exec(
        "INSERT INTO charge_alerts (order_ref, rule, equipment_id, start_charge_seq, region_code, "
        "evidence, status, created_at) VALUES (3, 'energy_sum', 'E1', 'S3', '420102', '[]', "
        "'open', 1)");
    return {};
  });
  ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
  ASSERT_TRUE(store::Migrate(**db).has_value());

  EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM charge_orders"), 3);
  EXPECT_EQ(
      Scalar(**db, "SELECT o.id FROM charge_alerts a JOIN charge_orders o ON o.id = a.order_ref"),
      3);
  const bool pg = (*db)->backend() == store::Backend::kPostgres;
  if (pg) {
    EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM charge_orders_202611"), 1);
    EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM charge_orders_202612"), 2);
  }
  // New orders: ids go on; a new month gets its partition; sent twice (even with another start,
  // another month), stored once.
  auto added = (*db)->Write([](store::Tx& tx) -> Result<std::vector<std::optional<int64_t>>> {
    EXPECT_TRUE(store::EnsureChargeOrderMonth(tx, "2027-01"));
    EXPECT_FALSE(store::EnsureChargeOrderMonth(tx, "2027-13"));
    EXPECT_FALSE(store::EnsureChargeOrderMonth(tx, "27-01'; DROP"));
    std::vector<std::pair<int64_t, store::StoredOrder>> orders;
    for (const auto& [seq, start] : {std::pair{"S4", "2027-01-02 08:00:00"},
                                     {"S4", "2027-01-02 08:00:00"},
                                     {"S1", "2027-01-03 08:00:00"}})
      orders.emplace_back(
          1, store::StoredOrder{seq, "C1", "E1", start, start, "420102", "{}", 1.0, 1.0});
    return store::InsertChargeOrders(tx, orders, 2);
  });
  ASSERT_TRUE(added.has_value()) << added.error().message;
  ASSERT_EQ(added->size(), 3u);
  ASSERT_TRUE((*added)[0].has_value());
  EXPECT_GT(*(*added)[0], 3) << "after the three moved orders";
  EXPECT_FALSE((*added)[1].has_value());
  EXPECT_FALSE((*added)[2].has_value()) << "S1 is stored already (in 2026-11)";
  EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM charge_orders"), 4);
  if (pg) EXPECT_EQ(Scalar(**db, "SELECT COUNT(*) FROM charge_orders_202701"), 1);
  // A period's query reads only its months.
  if (pg) {
    auto plan = (*db)->Read([](store::Tx& tx) -> Result<std::string> {
      std::string text;
      for (const auto& r :
           tx.Query("EXPLAIN SELECT id FROM charge_orders WHERE start_time >= '2026-12-01' AND "
                    "start_time < '2026-12-02~'"))
        text += r.Str(0) + "\n";
      return text;
    });
    ASSERT_TRUE(plan.has_value());
    EXPECT_NE(plan->find("charge_orders_202612"), std::string::npos) << *plan;
    EXPECT_EQ(plan->find("charge_orders_202611"), std::string::npos) << *plan;
    EXPECT_EQ(plan->find("charge_orders_202701"), std::string::npos) << *plan;
  }
  Restart([](app::AppConfig&) {});
}

}  // namespace
}  // namespace mvis::testing
