// What every service is built on (the database, the clock, the configuration), and Work: the
// context of one write — its transaction, who acts and the moment it happens. A change, its event
// row, its audit row and its notices are all written through one Work, so they commit together
// and carry the same time.
//
// Thread safety: a ServiceContext is shared by all threads; a Work belongs to one transaction.
#pragma once

#include <optional>
#include <string>

#include "domain/access_policy.hpp"
#include "domain/clock.hpp"
#include "services/core/actor.hpp"
#include "services/core/config.hpp"
#include "store/database.hpp"

namespace mvis::services {

struct ServiceContext {
  store::Database& db;
  const domain::Clock& clock;
  const ServiceConfig& config;
};

class Work {
 public:
  Work(store::Tx& tx, const Actor& actor, int64_t now) : tx(tx), actor(actor), now(now) {}

  store::Tx& tx;
  const Actor& actor;
  const int64_t now;  // unix seconds, read once from the clock

  // The China date of `now` (YYYY-MM-DD).
  std::string Today() const;
  // The acting user's organisation name ("" for none), read once per Work.
  const std::string& OrgName();

 private:
  std::optional<std::string> org_name_;
};

// Runs fn(Work&) in a write transaction as `actor`, at the clock's current time.
template <typename F>
auto WriteAs(const ServiceContext& ctx, const Actor& actor, F&& fn)
    -> std::invoke_result_t<F, Work&> {
  return ctx.db.Write([&](store::Tx& tx) {
    Work w(tx, actor, ctx.clock.Now());
    return fn(w);
  });
}

// The policy's view of `actor`.
domain::access::Subject SubjectOf(const Actor& actor);

}  // namespace mvis::services
