// The store's list queries answer pages (domain/page.hpp).
#pragma once

#include "domain/page.hpp"

namespace mvis::store {

using domain::Page;
using domain::PageRequest;

}  // namespace mvis::store
