// JSON shapes of the instrument registry: catalogue types, instruments, their history and the
// district enterprise archive (docs/api.md).
#pragma once

#include "domain/instrument.hpp"
#include "http/context.hpp"
#include "services/registry/instrument_service.hpp"
#include "store/instruments_store.hpp"

namespace mvis::http {

Json InstrumentTypeJson(const domain::InstrumentType& t);
Json InstrumentJson(const store::InstrumentRow& r);
Json InstrumentEventJson(const store::InstrumentEvent& e);
Json ArchiveJson(const services::ArchiveEntry& e);

}  // namespace mvis::http
