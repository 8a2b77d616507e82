#pragma once

// The OCS Inventory / FusionInventory protocol endpoint (POST /ocsinventory and POST /),
// as a pure function of the request, so Debian's fusioninventory-agent 2.6 and
// ocsinventory-agent 2.10 report to Steward unchanged:
//   QUERY PROLOG    -> 200, zlib <REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</..></REPLY>
//   QUERY INVENTORY -> mapped to an InventoryReport and ingested like a native agent's
//                      (reconcile, store, outbox) -> 200, zlib
//                      <REPLY><RESPONSE>no_account_update</RESPONSE></REPLY>
// Errors are plain JSON {"error":{"code","message"}} like every other collector error:
// both agents only look at the status of a failed exchange, and a person debugging with
// curl can read JSON without inflating it. Nothing is stored on any error:
//   400 bad_compression, malformed_xml, doctype_rejected, missing_field,
//       unsupported_query (anything but PROLOG/INVENTORY: refusing is better than
//       acknowledging data that would be dropped)
//   401 unauthenticated (when OcsOptions::auth is set: missing or wrong Basic
//       credentials; checked before the body is even inflated)
//   413 inflated_too_large ([ocs] max_inflated_bytes)
//   415 unsupported_media_type
//   500 storage_error

#include <cstddef>

#include "collector/ingest/ingest_service.h"
#include "collector/ingest/ocs/ocs_basic_auth.h"
#include "shared/common/clock.h"
#include "shared/http/message.h"

namespace steward::collector::ingest::ocs {

struct OcsOptions {
  std::size_t max_inflated_bytes = 32 * 1024 * 1024;
  int prolog_freq_hours = 24;  // how often the agents come back (PROLOG_FREQ)
  const OcsBasicAuth* auth = nullptr;  // null: no credentials asked (tests only)
};

class OcsEndpoint {
 public:
  OcsEndpoint(IngestService& service, const Clock& clock, OcsOptions options = {})
      : service_(service), clock_(clock), options_(options) {}

  // True for the paths this endpoint answers: "/ocsinventory" and "/".
  static bool handlesPath(const std::string& path);

  // Answers one POSTed protocol message (the router checks path and method).
  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  IngestService& service_;
  const Clock& clock_;
  OcsOptions options_;
};

// The reply body both agents accept: `xml` zlib-compressed at the default level.
http::HttpResponse ocsReply(const std::string& xml);

}  // namespace steward::collector::ingest::ocs
