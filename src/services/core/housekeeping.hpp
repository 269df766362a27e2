// Removes what must not linger in the database: expired sessions, one-time codes that expired or
// were used, and SMS delivered (or given up) longer ago than the configured retention.
#pragma once

#include <cstdint>

#include "services/core/context.hpp"

namespace mvis::services {

struct PurgeReport {
  int64_t sessions = 0, codes = 0, sms = 0, captchas = 0;
};

class Housekeeping {
 public:
  explicit Housekeeping(const ServiceContext& ctx) : ctx_(ctx) {}

  // One pass at the clock's time. Idempotent; safe on several instances at once.
  Result<PurgeReport> Purge();

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
