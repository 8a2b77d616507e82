#include "collector/ingest/ocs/ocs_endpoint.h"

#include <Poco/Format.h>

#include "collector/ingest/ocs/ocs_compression.h"
#include "collector/ingest/ocs/ocs_inventory_mapper.h"
#include "collector/ingest/ocs/ocs_request.h"
#include "shared/common/log.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest::ocs {

using http::HttpRequest;
using http::HttpResponse;

namespace {

int statusFor(const std::string& code) {
  if (code == "inflated_too_large") return 413;
  if (code == "unsupported_media_type") return 415;
  return 400;
}

HttpResponse reject(const HttpRequest& request, const Error& error) {
  logger("collector.ingest.ocs")
      .warning("[remote=%s] rejected OCS request: %s: %s", request.remote_address, error.code,
               error.message);
  return http::jsonError(statusFor(error.code), error.code, error.message);
}

}  // namespace

bool OcsEndpoint::handlesPath(const std::string& path) {
  return path == "/ocsinventory" || path == "/ocsinventory/" || path == "/";
}

HttpResponse ocsReply(const std::string& xml) {
  HttpResponse response;
  response.content_type = "application/x-compress-zlib";
  response.body = zlibCompress(xml);
  return response;
}

HttpResponse OcsEndpoint::handle(const HttpRequest& request) const {
  if (options_.auth != nullptr) {
    if (auto refused = options_.auth->check(request)) return *refused;
  }
  auto encoding = encodingFor(request.header("content-type"), request.body);
  if (!encoding) return reject(request, encoding.error());
  auto document = decodeBody(request.body, *encoding, options_.max_inflated_bytes);
  if (!document) return reject(request, document.error());
  auto parsed = parseOcsRequest(*document);
  if (!parsed) return reject(request, parsed.error());
  const OcsRequest& message = *parsed;

  if (message.query == "PROLOG") {
    logger("collector.ingest.ocs")
        .debug("[remote=%s] [deviceid=%s] PROLOG", request.remote_address, message.device_id);
    return ocsReply(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<REPLY><RESPONSE>SEND</RESPONSE>"
        "<PROLOG_FREQ>" +
        std::to_string(options_.prolog_freq_hours) + "</PROLOG_FREQ></REPLY>\n");
  }
  if (message.query != "INVENTORY") {
    return reject(request, makeError("unsupported_query",
                                     "QUERY '" + message.query.substr(0, 64) +
                                         "' is not supported; this collector accepts PROLOG "
                                         "and INVENTORY"));
  }

  auto report = mapInventory(message, *document, formatRfc3339(clock_.now()));
  if (!report) return reject(request, report.error());
  // The server decodes what we forward with the native codec: check it here, so a
  // mapping mistake is refused now instead of parking in the outbox.
  if (auto check = wire::decodeInventory(wire::encodeInventory(*report)); !check) {
    return reject(request, check.error());
  }
  auto outcome = service_.ingestInventory(*report, wire::kSourceOcs);
  if (!outcome) {
    logger("collector.ingest.ocs").error("storage failure: %s", outcome.error().message);
    return http::jsonError(500, "storage_error",
                           "the collector could not store the inventory; retry later");
  }
  // A duplicate or unchanged report (an agent's usual daily one) is logged at debug
  // level only: one information line per machine and day would bury the changes.
  auto& log = logger("collector.ingest.ocs");
  const bool routine = outcome->duplicate || outcome->unchanged;
  if (routine ? log.debug() : log.information()) {
    const std::string line = Poco::format(
        "[remote=%s] [deviceid=%s] [asset=%s] %s inventory %s (%s packages)",
        request.remote_address, message.device_id, outcome->asset_id, agentKind(message),
        std::string(outcome->duplicate ? "duplicate" : outcome->unchanged ? "unchanged" : "stored"),
        std::to_string(report->packages.size()));
    if (routine) {
      log.debug(line);
    } else {
      log.information(line);
    }
  }
  return ocsReply(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<REPLY><RESPONSE>no_account_update</RESPONSE></REPLY>\n");
}

}  // namespace steward::collector::ingest::ocs
