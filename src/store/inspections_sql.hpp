// SQL fragments the inspection store files share (inspections_store.cpp,
// inspection_library_store.cpp). Internal to store/.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store::inspection_sql {

inline std::string UserName(const char* alias) {
  const std::string a(alias);
  return "CASE WHEN " + a + ".display_name <> '' THEN " + a + ".display_name ELSE " + a +
         ".username END";
}

// The effective credit class of org alias `o` ('' when never computed).
inline std::string ClassOf(const char* o) {
  return std::string(
             "COALESCE((SELECT CASE WHEN c.override_class <> '' THEN c.override_class "
             "ELSE c.computed_class END FROM enterprise_credit c WHERE c.org_id = ") +
         o + ".id), '')";
}

inline std::vector<Param> Paged(std::vector<Param> params, const PageRequest& page) {
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  return params;
}

}  // namespace mvis::store::inspection_sql
