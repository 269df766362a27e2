// Helpers shared by the exchange service's files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mvis::services::exchange_internal {

// `n` characters of [0-9A-Za-z] from the system's CSPRNG (secrets, tokens).
std::string RandomText(size_t n);
std::string Sha256Hex(std::string_view text);

}  // namespace mvis::services::exchange_internal
