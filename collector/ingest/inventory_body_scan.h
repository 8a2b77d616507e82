#pragma once

// Reads what the collector needs of an agent's inventory body in one streaming pass
// (no DOM, no inventory structures): its content hash and its envelope. An unchanged
// re-inventory, the common case, is then answered by comparing that hash with the
// stored sighting's, without decoding 86 KB of JSON (IngestService::ingestIfUnchanged).
//
// The content hash is SHA-256 over the body's JSON events (keys, strings, the exact
// text of numbers, structure), each written so the sequence can be read back
// unambiguously, whitespace ignored, leaving out:
//   report_id, agent_id, collected_at, sequence, dropped_reports, section_hashes
//     (per report; the agent id is compared on its own)
//   system.uptime_seconds, filesystems[].used_bytes,
//   interfaces[].oper_state, interfaces[].speed_mbps  (the agent's volatile fields,
//   agent/inventory/section_hashes.h)
// Everything else counts, agent_version and schema_version included (an upgraded
// agent's record is resent). Two bodies with the same hash therefore decode to the
// same stored content, so a body whose hash equals one that was decoded and
// validated before needs no decoding to be known valid, provided the fields left
// out are checked here: each must have the type the decoder accepts, or the scan
// fails and the caller decodes (and rejects) the body as usual.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace steward::collector::ingest {

struct InventoryBodyScan {
  std::string content_hash;  // hex SHA-256, see above
  // The envelope, as the decoder would read it. `envelope_valid` is false when a
  // field the decoder requires is missing or empty (report_id, agent_id,
  // collected_at), or section_hashes breaks the codec's limits: such a body must go
  // through the decoder, which rejects it.
  bool envelope_valid = false;
  std::string report_id;
  std::string agent_id;
  std::string collected_at;
  std::optional<std::uint64_t> sequence;
  std::optional<std::uint64_t> dropped_reports;
  std::map<std::string, std::string> section_hashes;
};

// nullopt when `body` is not a well-formed JSON object, or a left-out field has an
// unexpected type (null, a container, a string for a number...), or an envelope
// field is repeated. `leave_out_volatile` false keeps the volatile fields in the hash
// (sources other than agents: an SNMP interface's state is what it reports).
std::optional<InventoryBodyScan> scanInventoryBody(std::string_view body,
                                                   bool leave_out_volatile = true);

}  // namespace steward::collector::ingest
