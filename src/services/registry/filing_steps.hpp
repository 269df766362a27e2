// Shared steps of the registry's use cases (internal to services/registry): loading an instrument
// through the access policy and moving it through the filing state machine with the kernel.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "domain/access_policy.hpp"
#include "domain/filing.hpp"
#include "domain/registry.hpp"
#include "services/core/workflow.hpp"
#include "services/registry/instrument_service.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services::registry {

// Instrument `id` if `actor` may do `op` to it; not_found when it is outside their scope,
// permission_denied when they see it but may not.
Result<domain::Instrument> LoadInstrument(store::Tx& tx, const Actor& actor, int64_t id,
                                          domain::access::Op op);

// "器具“<name>”（出厂编号 <serial>）", for messages naming one instrument.
std::string Describe(const domain::Instrument& row);
// The error `e` with the instrument named in front of its message (batch operations).
Error AboutInstrument(const domain::Instrument& row, Error e);

// One filing step: the state machine decides, `change` adjusts the workflow fields of `row`,
// the row is written on condition that it is still in the state it was read in, and the
// timeline, audit and `notices` follow. `row` holds the new state on success.
Result<domain::FilingStatus> MoveFiling(Work& w, domain::Instrument& row,
                                        domain::FilingAction action, std::string reason,
                                        const std::function<void(domain::Instrument&)>& change = {},
                                        std::vector<std::pair<Recipient, Notice>> notices = {});

// The store filter of a list request within the actor's scope.
Result<store::InstrumentFilter> ScopedFilter(const ServiceContext& ctx, const Actor& actor,
                                             const InstrumentQuery& query);

}  // namespace mvis::services::registry
