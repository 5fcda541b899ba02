// Demo enforcement cases and a joint operation, told as the story: Beijing has a case
// against a Hebei factory; Tianjin registers a complaint about the same factory, links the two
// and transfers its case to Hebei, which accepts; the offices run a joint inspection.
#pragma once

#include "store/database.hpp"

namespace ipa::service {

// Loads the demo cases once (a setting remembers it), acting as the demo office users through
// the case services, so history, audit and case events are real. Needs the demo registry
// (LoadDemoData); uses demo patents when they are loaded. Returns the number of cases made (0
// when loaded before or when the demo office users are missing).
core::Result<int> LoadDemoCases(store::Database& db);

}  // namespace ipa::service
