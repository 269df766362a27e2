#include "domain/credit_code.hpp"

#include <array>

namespace mvis::domain {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int ValueOf(char c) {
  auto pos = kCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char CreditCodeCheckChar(std::string_view prefix17) {
  if (prefix17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = ValueOf(prefix17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  return kCharset[(31 - sum % 31) % 31];
}

bool IsValidCreditCode(std::string_view code) {
  if (code.size() != 18) return false;
  char check = CreditCodeCheckChar(code.substr(0, 17));
  return check != '\0' && code[17] == check;
}

}  // namespace mvis::domain
