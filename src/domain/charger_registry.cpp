#include "domain/charger_registry.hpp"

#include <unordered_map>

#include "domain/charge_order_rules.hpp"

namespace mvis::domain {

bool IsFiledStatus(std::string_view status) {
  return status == "submitted" || status == "returned" || status == "approved";
}

RegistryState RegistryAt(std::span<const RegistryStep> steps, int64_t at) {
  // Each instrument's last step at or before `at`; of those that are filings, the latest
  // instrument's (the same choice as for the registry now: the latest filing wins).
  std::unordered_map<int64_t, const RegistryStep*> in_force;
  for (const auto& s : steps)
    if (s.at <= at) in_force[s.instrument_id] = &s;
  const RegistryStep* chosen = nullptr;
  for (const auto& [instrument, step] : in_force)
    if (IsFiledStatus(step->status) && (!chosen || instrument > chosen->instrument_id))
      chosen = step;
  if (!chosen) return {};
  return {true, chosen->verification_state, chosen->valid_until};
}

std::optional<int64_t> ChinaWallClockSeconds(const std::string& text) {
  const auto seconds = OrderSeconds(text);
  if (!seconds) return std::nullopt;
  return *seconds - 8 * 3600;
}

}  // namespace mvis::domain
