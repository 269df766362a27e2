#include "domain/phone.hpp"

namespace mvis::domain {

bool IsValidMobile(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() == 11)
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  if (phone.size() <= 5) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 5, '*') +
         std::string(phone.substr(phone.size() - 2));
}

}  // namespace mvis::domain
