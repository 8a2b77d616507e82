#pragma once

// An OCS Inventory / FusionInventory request document, parsed with Poco's SAX parser
// into plain entries:
//   <REQUEST><DEVICEID>..</DEVICEID><QUERY>..</QUERY>
//            <CONTENT><SECTION><FIELD>text</FIELD>...</SECTION>...</CONTENT></REQUEST>
// Every <SECTION> element under CONTENT becomes one OcsEntry (913 packages are 913
// SOFTWARES entries); nested fields are named by path ("TIMEZONE/NAME").

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/common/result.h"

namespace steward::collector::ingest::ocs {

struct OcsEntry {
  std::string section;  // e.g. "NETWORKS"
  std::vector<std::pair<std::string, std::string>> fields;
  std::string text;  // the entry's own text when it has no fields (<VERSIONCLIENT>x</..>)

  // The value of the first field named `name`, or "" when absent.
  const std::string& get(std::string_view name) const;
};

struct OcsRequest {
  std::string device_id;
  std::string query;  // "PROLOG", "INVENTORY", ... as sent (surrounding whitespace trimmed)
  std::vector<std::pair<std::string, std::string>> header;  // other REQUEST children (TOKEN)
  std::vector<OcsEntry> content;

  // Entries of one section, in document order.
  std::vector<const OcsEntry*> section(std::string_view name) const;
  // The first entry of `name`, or nullptr.
  const OcsEntry* first(std::string_view name) const;
};

struct OcsParseLimits {
  std::size_t max_depth = 16;         // REQUEST is depth 1
  std::size_t max_entries = 1000000;  // entries under CONTENT
};

// Parses `xml`. Errors (nothing is partially returned):
//   "doctype_rejected" — any DOCTYPE (so no entity declarations, internal or external);
//   "malformed_xml"    — not well-formed, undefined entities, wrong root element,
//                        nesting deeper than the limit, too many entries;
//   "missing_field"    — no DEVICEID or no QUERY.
// Sections that can hold secrets (ENVS, PROCESSES) are dropped while parsing.
Result<OcsRequest> parseOcsRequest(std::string_view xml, const OcsParseLimits& limits = {});

}  // namespace steward::collector::ingest::ocs
