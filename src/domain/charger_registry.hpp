// A charger's standing in the registry at a moment (rule 4 of the charge-order analytics judges an
// order against the registry at its StartTime): its filing and verification history, kept as
// steps (migration 0031), folded up to that moment.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mvis::domain {

// One change of one filing as it concerns one EquipmentID: from `at` (unix seconds) on, the
// instrument's status, verification state and validity; status "" when the instrument no longer
// names that EquipmentID.
struct RegistryStep {
  int64_t instrument_id = 0, at = 0;
  std::string status, verification_state, valid_until;
};

// A filing status under which the charger counts as filed: submitted, returned or approved.
bool IsFiledStatus(std::string_view status);

// What the registry said of the charger at `at`: filed or not, and the verification state and
// validity of its filing. Several instruments may name one EquipmentID over time (a charger
// deregistered and filed again): the latest filing in force wins.
struct RegistryState {
  bool filed = false;
  std::string verification_state, valid_until;
};
// `steps` of one EquipmentID in the order they were written (by `at`, then by id).
RegistryState RegistryAt(std::span<const RegistryStep> steps, int64_t at);

// An order's "yyyy-MM-dd HH:mm:ss" (China's wall clock, UTC+8) as unix seconds; nullopt when
// malformed.
std::optional<int64_t> ChinaWallClockSeconds(const std::string& text);

}  // namespace mvis::domain
