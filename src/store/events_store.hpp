// Object timelines (table object_events): one row per workflow step of any object.
#pragma once

#include <string>
#include <vector>

#include "domain/object_event.hpp"
#include "store/database.hpp"

namespace mvis::store {

void InsertEvent(Tx& tx, const domain::ObjectEvent& event);
// The same step on the timeline of every instrument created by import `import_id`.
void InsertImportedInstrumentEvents(Tx& tx, int64_t import_id, const domain::ObjectEvent& event);
// The timeline of one object, oldest first.
std::vector<domain::ObjectEvent> ListEvents(Tx& tx, const std::string& object_type,
                                            const std::string& object_id);
// Removes an object's timeline (a deleted draft).
void DeleteEvents(Tx& tx, const std::string& object_type, const std::string& object_id);

}  // namespace mvis::store
