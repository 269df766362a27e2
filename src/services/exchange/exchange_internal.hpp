// Helpers shared by the exchange service's files.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/charge_order_rules.hpp"

namespace mvis::services::exchange_internal {

// `n` characters of [0-9A-Za-z] from the system's CSPRNG (secrets, tokens).
std::string RandomText(size_t n);
std::string Sha256Hex(std::string_view text);
// ChargeOrderInfo as CEC peers send it (any key case; the "Sevice" spellings too).
domain::ChargeOrder OrderFromJson(const nlohmann::json& order);

}  // namespace mvis::services::exchange_internal
