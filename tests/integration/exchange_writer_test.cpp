// Charge orders arriving together are stored and judged together (order_writer.hpp,
// exchange_internal::StoreAndJudgeMany) exactly as if they had arrived one by one: each stored
// once, each envelope kept once, an overlap on a connector found once (on the later order).
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <thread>

#include "exchange_fixture.hpp"
#include "services/exchange/exchange_internal.hpp"

namespace mvis::testing {
namespace {

int64_t Alerts(store::Database& db, const std::string& rule) {
  return Scalar(db, "SELECT COUNT(*) FROM charge_alerts WHERE rule = '" + rule + "'");
}

TEST_F(ExchangeTest, OrdersStoredTogetherAreJudgedAsIfOneByOne) {
  Peer p = Open();
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), Token(p))
                .first["Ret"],
            0);
  const int64_t ref = Scalar(runtime_->db(), "SELECT id FROM tcec_operators");
  const std::vector<domain::Tariff> none;
  auto arriving = [&](const json& o) {
    return services::exchange_internal::ArrivingOrder{
        ref, services::exchange_internal::OrderFromJson(o), o.dump(), &none};
  };
  ASSERT_TRUE(runtime_->db().Write(  // PostgreSQL: the month's partition, made before the orders
      [](store::Tx& tx) -> Result<bool> { return store::EnsureChargeOrderMonth(tx, "2026-12"); }));
  // One batch: A, then B overlapping A on the same connector, C twice, D on another connector
  // at A's time; then a second batch with E overlapping B and C once more.
  auto first = runtime_->db().Write([&](store::Tx& tx) -> Result<std::vector<std::optional<int>>> {
    return services::exchange_internal::StoreAndJudgeMany(
        tx,
        {arriving(Order("A", "EQVT1-1-1", "10:00", "11:00", 5)),
         arriving(Order("B", "EQVT1-1-1", "10:30", "11:30", 5)),
         arriving(Order("C", "EQVT1-1-1", "12:00", "12:30", 3)),
         arriving(Order("C", "EQVT1-1-1", "12:00", "12:30", 3)),
         arriving(Order("D", "EQVT1-1-2", "10:00", "11:00", 5))},
        clock_->Now());
  });
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  ASSERT_EQ(first->size(), 5u);
  EXPECT_TRUE((*first)[0] && (*first)[1] && (*first)[2] && (*first)[4]);
  EXPECT_FALSE((*first)[3]) << "the second C is the first one sent again";
  EXPECT_EQ(Count("charge_orders"), 4);
  EXPECT_EQ(Alerts(runtime_->db(), "connector_overlap"), 1) << "A–B, once";
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE rule = 'connector_overlap' AND "
                   "start_charge_seq = 'B'"),
            1)
      << "on the later order, as on arrival one by one";
  auto second = runtime_->db().Write([&](store::Tx& tx) -> Result<std::vector<std::optional<int>>> {
    return services::exchange_internal::StoreAndJudgeMany(
        tx,
        {arriving(Order("E", "EQVT1-1-1", "11:15", "11:45", 2)),
         arriving(Order("C", "EQVT1-1-1", "12:00", "12:30", 3))},
        clock_->Now());
  });
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE((*second)[0]);
  EXPECT_FALSE((*second)[1]);
  EXPECT_EQ(Count("charge_orders"), 5);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE rule = 'connector_overlap' AND "
                   "start_charge_seq = 'E'"),
            1)
      << "B–E found on E";
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_orders WHERE region_code = "
                   "'420102' AND equipment_id = 'EQVT1-1'"),
            5)
      << "every order's charger found through its ConnectorID";
  // An order not to be stored after all (its envelope was not kept) is no neighbour either.
  auto unwanted = arriving(Order("F", "EQVT1-1-1", "14:00", "15:00", 2));
  unwanted.wanted = false;
  auto third = runtime_->db().Write([&](store::Tx& tx) -> Result<std::vector<std::optional<int>>> {
    return services::exchange_internal::StoreAndJudgeMany(
        tx, {unwanted, arriving(Order("G", "EQVT1-1-1", "14:30", "15:30", 2))}, clock_->Now());
  });
  ASSERT_TRUE(third.has_value());
  EXPECT_FALSE((*third)[0]);
  EXPECT_TRUE((*third)[1]);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE rule = 'connector_overlap' AND "
                   "start_charge_seq = 'G'"),
            0)
      << "G overlaps only F, which was not stored";
  EXPECT_EQ(Count("charge_orders"), 6);
}

// Many notifications at once over HTTP: the writer stores whatever queued up together. Each
// order is stored once whichever envelope carried it, a replayed envelope is refused once, and
// the overlap of two orders sent at the same moment is found once.
TEST_F(ExchangeTest, ConcurrentNotificationsAreStoredOnceEach) {
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);  // the account and token are remembered from here on
  std::vector<std::string> bodies;
  auto envelope = [&](const json& order) {
    bodies.push_back(tcec::Request(p.operator_id, p.secrets, order.dump(), clock_->Now(),
                                   static_cast<int>(1000 + bodies.size()))
                         .dump());
  };
  for (int i = 0; i < 20; ++i)  // 20 clean orders on 20 connectors
    envelope(Order("N" + std::to_string(i), "EQVT1-1-" + std::to_string(10 + i), "08:00", "09:00",
                   5 + i * 0.01));
  envelope(Order("X", "EQVT1-1-1", "10:00", "11:00", 5));  // X and Y overlap
  envelope(Order("Y", "EQVT1-1-1", "10:30", "11:30", 5));
  envelope(Order("Z", "EQVT1-1-2", "10:00", "11:00", 5));  // Z in two envelopes
  envelope(Order("Z", "EQVT1-1-2", "10:00", "11:00", 5));
  bodies.push_back(bodies.front());  // N0's envelope replayed
  std::vector<json> replies(bodies.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bodies.size(); ++i)
    threads.emplace_back([&, i] {
      auto [reply, data] = SendRaw(p, "notification_charge_order_info", bodies[i], token);
      replies[i] = {{"Ret", reply["Ret"]}, {"data", data}};
    });
  for (auto& t : threads) t.join();
  const auto refused =
      std::count_if(replies.begin(), replies.end(), [](const json& r) { return r["Ret"] == 4003; });
  EXPECT_EQ(refused, 1) << "the replayed envelope, whichever copy came second";
  for (const auto& r : replies)
    if (r["Ret"] == 0) EXPECT_EQ(r["data"]["ConfirmResult"], 0) << r.dump();
  EXPECT_EQ(Count("charge_orders"), 23);
  EXPECT_EQ(Count("tcec_envelopes"), 2 + 24) << "token, station, and each envelope once";
  EXPECT_EQ(Alerts(runtime_->db(), "connector_overlap"), 1);
}

// A batch run gives an order stored without a district the one known now (store::PlaceOrder):
// a conditional update, so of two runs (or servers) placing it at once exactly one does.
TEST_F(ExchangeTest, AnOrderIsPlacedOnceWhenPlacedAtOnce) {
  Peer p = Open();
  const std::string token = Token(p);  // no station reported: the order has no district
  ASSERT_EQ(Send(p, "notification_charge_order_info", Order("P1", "EQVT1-1-1", "10:00", "11:00", 5),
                 token)
                .first["Ret"],
            0);
  const int64_t id = Scalar(runtime_->db(), "SELECT id FROM charge_orders");
  ASSERT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM charge_alerts WHERE region_code = ''"), 1)
      << "charger_unfiled, no district";
  constexpr int kPlacers = 8;
  std::vector<int> placed(kPlacers, -1);
  std::latch start(kPlacers);
  std::vector<std::thread> threads;
  for (int t = 0; t < kPlacers; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      auto r = runtime_->db().Write([&](store::Tx& tx) -> Result<bool> {
        return store::PlaceOrder(
            tx, {id, "2026-12-01 10:00:00", t % 2 ? "420102" : "420106", "EQVT1-1"});
      });
      placed[t] = r ? static_cast<int>(*r) : -2;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(std::count(placed.begin(), placed.end(), 1), 1);
  EXPECT_EQ(std::count(placed.begin(), placed.end(), 0), kPlacers - 1);
  const int winner = static_cast<int>(std::find(placed.begin(), placed.end(), 1) - placed.begin());
  const std::string region = winner % 2 ? "420102" : "420106";
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM charge_orders WHERE region_code = '" +
                                       region + "' AND equipment_id = 'EQVT1-1'"),
            1);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE region_code = '" + region + "'"),
            1)
      << "its alert placed with it, by the same winner";
}

}  // namespace
}  // namespace mvis::testing
