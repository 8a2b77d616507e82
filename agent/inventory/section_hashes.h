#pragma once

// Per-section hashes of an inventory, for delta reporting: the agent sends a full
// inventory only when one of them changed, and otherwise only the hashes travel in
// heartbeats (the collector answers 409 "inventory_required" when they differ from
// the last inventory it stored).
//
// Sections are the report's top-level fields: "system", "hardware", "cpu", "memory",
// "disks", "filesystems", "network" (interfaces, default gateways and DNS servers
// together), "packages", "users", and any top-level field a later schema adds, under
// its own name. Envelope fields (ids, times, agent version, delivery fields) are not
// part of any section.
//
// Volatile fields are left out so a machine that did not change keeps its hashes
// from one interval to the next (their current values travel in heartbeat health):
//   system.uptime_seconds            grows every second
//   filesystems[].used_bytes         changes with every write
//   interfaces[].oper_state          link up/down is a condition, not configuration
//   interfaces[].speed_mbps          negotiated rate (wireless changes it constantly)
// The stored inventory keeps the values from the last full report.
//
// The hash is for change detection, not security: FNV-1a 64 plus the section's
// length, as "<bytes>-<16 hex digits>". It never needs OpenSSL.

#include <map>
#include <string>

#include "shared/wire/inventory.h"

namespace steward::agent {

using SectionHashes = std::map<std::string, std::string>;

SectionHashes sectionHashes(const wire::InventoryReport& report);

// Names of the sections whose hashes differ between `a` and `b` (present in one only
// counts), comma separated, for logs; "" when equal.
std::string changedSections(const SectionHashes& a, const SectionHashes& b);

}  // namespace steward::agent
