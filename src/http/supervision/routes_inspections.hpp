// What the two route files of 双随机一公开 share. Internal to http/supervision.
#pragma once

#include <optional>

#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {

// The item list, inspector and object libraries, annual plans and working-day calendar
// (routes_inspection_library.cpp); AddInspectionRoutes registers them.
void AddInspectionLibraryRoutes(Router& router, AppServices& services);

// A ratio in ten-thousandths as the API writes it (0.05).
inline double RatioNumber(int e4) { return e4 / 10000.0; }

// The `year` query parameter (four digits), or nullopt.
std::optional<int> YearQuery(RequestContext& ctx);

}  // namespace mvis::http
