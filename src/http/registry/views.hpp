// JSON shapes of the instrument registry: catalogue types, instruments, their history and the
// district enterprise archive (docs/api.md).
#pragma once

#include "domain/registry.hpp"
#include "http/context.hpp"
#include "services/registry/instrument_service.hpp"

namespace mvis::http {

Json InstrumentTypeJson(const domain::InstrumentType& t);
Json InstrumentJson(const domain::Instrument& r);
Json ArchiveJson(const services::ArchiveEntry& e);

}  // namespace mvis::http
