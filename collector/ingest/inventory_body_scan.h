#pragma once

// Reads what the collector needs of an agent's inventory body in one pass (no DOM, no
// inventory structures): its content hash and its envelope. An unchanged
// re-inventory, the common case, is then answered by comparing that hash with the
// stored sighting's, without decoding 86 KB of JSON (IngestService::ingestIfUnchanged).
//
// The content hash is SHA-256 over the body's own bytes, framed: the root object, and
// with `leave_out_volatile` its `system` object and the objects of its `filesystems`
// and `interfaces` arrays, are read member by member; every other value (the
// packages, say) is one span of bytes, followed only far enough to find its end.
// Left out, key and value, wherever they appear in those objects:
//   report_id, agent_id, collected_at, sequence, dropped_reports, section_hashes
//     (per report; the agent id is compared on its own)
//   system.uptime_seconds, filesystems[].used_bytes,
//   interfaces[].oper_state, interfaces[].speed_mbps  (the agent's volatile fields,
//   agent/inventory/section_hashes.h)
// Everything else counts, byte for byte: agent_version and schema_version (an
// upgraded agent's record is resent), and also the writing itself (spacing, escapes),
// which a given agent's encoder never varies; another writing is decoded once.
//
// Why a span need not be validated: the scan refuses control bytes anywhere, so the
// markers framing the stream make it split back into members and spans one way only.
// Two bodies with the same hash thus have the same bytes outside the left-out values,
// read the same way; if one was decoded and accepted before, the other differs only
// in left-out values, and those the scan checks for the type the decoder accepts
// (or it fails, and the caller decodes and rejects the body as usual). A body that
// is malformed inside a span gets a hash no accepted body has, and is decoded.

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

// nullopt when `body` is not a JSON object as far as the scan reads it (structure,
// strings, the members it reads), or holds a control byte, or a left-out field has an
// unexpected type (null, a container, a string for a number...) or is written with
// escapes or non-ASCII bytes, or an envelope field is repeated, or a key it reads is
// written with escapes (it might name a left-out field). `leave_out_volatile` false
// keeps the volatile fields in the hash (sources other than agents: an SNMP
// interface's state is what it reports).
std::optional<InventoryBodyScan> scanInventoryBody(std::string_view body,
                                                   bool leave_out_volatile = true);

}  // namespace steward::collector::ingest
