// Paging shared by list queries: the page asked for and one page of results with the total.
#pragma once

#include <cstdint>
#include <vector>

namespace mvis::domain {

struct PageRequest {
  int page = 1;        // 1-based
  int page_size = 20;  // callers clamp to a sane maximum before it gets here
  int64_t offset() const { return static_cast<int64_t>(page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace mvis::domain
