// Internal to the label token files: a token split into its claims, the signed bytes and the
// signature, before any key is looked at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/label_token.hpp"

namespace mvis::domain {

struct SignedLabel {
  LabelClaims claims;
  std::string payload;    // the signed bytes
  std::string signature;  // 64 bytes
};

// A compact token (label_token.hpp), or nullopt when it is not one.
std::optional<SignedLabel> ParseCompactLabel(std::string_view token);

}  // namespace mvis::domain
