#pragma once

// Globally unique ids made where a record is born (DESIGN.md, Contracts): UUIDv7,
// so ids sort by creation time and never depend on a database row id.

#include <string>

#include "shared/common/clock.h"

namespace steward {

// A UUIDv7 string in canonical lower-case form, timestamped from `clock`.
std::string newUuidV7(const Clock& clock);

// True for the canonical 8-4-4-4-12 hex form (any version).
bool isUuid(const std::string& text);

}  // namespace steward
