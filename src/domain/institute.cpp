#include "domain/institute.hpp"

namespace mvis::domain {

bool ServesRegion(const InstituteProfile& profile, const std::string& region_code) {
  for (const auto& r : profile.region_codes) {
    std::string prefix = r;
    while (prefix.size() >= 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
    if (region_code == r || (prefix.size() < r.size() && region_code.starts_with(prefix)))
      return true;
  }
  return false;
}

}  // namespace mvis::domain
