// The 用户协议 (terms of use) and 隐私政策 (privacy policy) a registering enterprise accepts:
// configured texts and versions ([site] in the configuration) or the built-in ones.
#pragma once

#include <string>
#include <vector>

#include "services/core/config.hpp"

namespace mvis::services {

struct Agreement {
  std::string document;  // terms | privacy
  std::string title;     // 用户协议 | 隐私政策
  std::string version;
  std::string text;
};

std::vector<Agreement> Agreements(const SiteInfo& site);

}  // namespace mvis::services
