// Migrations that move data keep every row: the instrument and appointment histories move into
// object_events (0006) in their order.
#include "fixture.hpp"
#include "store/events_store.hpp"
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

}  // namespace
}  // namespace mvis::testing
