#include "collector/ingest/ingest_router.h"

#include <algorithm>
#include <cctype>

#include "collector/auth/claimed_agent_id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest {

using http::HttpRequest;
using http::HttpResponse;
using http::jsonError;

namespace {

constexpr const char* kInventoryPath = "/api/v1/agent/inventory";
constexpr const char* kHeartbeatPath = "/api/v1/agent/heartbeat";
constexpr const char* kHealthPath = "/healthz";

HttpResponse methodNotAllowed(const std::string& allowed, const HttpRequest& request) {
  HttpResponse r =
      jsonError(405, "method_not_allowed",
                request.method + " is not allowed on " + request.path() + "; use " + allowed);
  r.headers.emplace_back("Allow", allowed);
  return r;
}

HttpResponse unsupportedMediaType(const HttpRequest& request) {
  const std::string got = request.header("content-type");
  return jsonError(415, "unsupported_media_type",
                   "Content-Type must be application/json, got '" +
                       (got.empty() ? std::string("(none)") : got) + "'");
}

HttpResponse storageFailure(const Error& error) {
  logger("collector.ingest").error("storage failure: %s", error.message);
  return jsonError(500, "storage_error", "the collector could not store the report; retry later");
}

}  // namespace

HttpResponse IngestRouter::handle(const HttpRequest& request) const {
  const std::string path = request.path();
  if (path == kInventoryPath || path == kHeartbeatPath) {
    if (request.method != "POST") return methodNotAllowed("POST", request);
    if (!http::isJsonContentType(request.header("content-type"))) return unsupportedMediaType(request);
    return path == kInventoryPath ? inventory(request) : heartbeat(request);
  }
  if (ocs::OcsEndpoint::handlesPath(path)) {
    if (ocs_ == nullptr) {
      return jsonError(404, "ocs_disabled",
                       "the OCS Inventory / FusionInventory endpoint is off; set [ocs] enabled = "
                       "true with user and password_hash in collector.conf");
    }
    if (request.method != "POST") return methodNotAllowed("POST", request);
    return ocs_->handle(request);
  }
  if (path == kHealthPath) {
    if (request.method != "GET" && request.method != "HEAD")
      return methodNotAllowed("GET", request);
    return http::jsonOk(R"({"status":"ok"})");
  }
  return jsonError(404, "not_found", "no such endpoint: " + path);
}

std::string IngestRouter::replyBody(const std::string& status, const std::string& asset_id) const {
  wire::AgentSettings settings = agent_settings_;
  if (watch_levels_) settings.watch = watch_levels_();
  return wire::encodeReportReply(wire::ReportReply{status, asset_id, std::move(settings)});
}

HttpResponse IngestRouter::inventoryOf(const HttpRequest& request,
                                       const std::string& agent_id) const {
  if (request.method != "POST") return methodNotAllowed("POST", request);
  if (!http::isJsonContentType(request.header("content-type"))) return unsupportedMediaType(request);
  return inventory(request, &agent_id);
}

HttpResponse IngestRouter::inventory(const HttpRequest& request,
                                     const std::string* authenticated) const {
  // An unchanged re-inventory is answered from one streaming pass over the body;
  // anything else is decoded (and validated) in full.
  const auto scan = scanInventoryBody(request.body);
  if (authenticated != nullptr) {
    // The scan reads agent_id as claimedAgentId does; a body it refuses (a repeated
    // agent_id among others) is read again by the gate's own scan.
    const std::string claimed = scan ? scan->agent_id : auth::claimedAgentId(request.body);
    if (!claimed.empty() && claimed != *authenticated) {
      return auth::agentMismatch(request, *authenticated, claimed);
    }
  }
  if (scan) {
    auto fast = service_.ingestIfUnchanged(*scan);
    if (!fast) return storageFailure(fast.error());
    if (*fast) {
      return http::jsonOk(replyBody((*fast)->duplicate ? "duplicate" : "stored", (*fast)->asset_id));
    }
  }
  auto report = wire::decodeInventory(request.body);
  if (!report) {
    logger("collector.ingest")
        .warning("[remote=%s] rejected inventory: %s", request.remote_address,
                 report.error().message);
    return jsonError(400, report.error().code, report.error().message);
  }
  std::optional<ScannedBody> body;
  if (scan) body.emplace(ScannedBody{request.body, *scan});
  auto outcome = service_.ingestInventory(*report, "agent", body ? &*body : nullptr);
  if (!outcome) return storageFailure(outcome.error());
  return http::jsonOk(replyBody(outcome->duplicate ? "duplicate" : "stored", outcome->asset_id));
}

HttpResponse IngestRouter::heartbeat(const HttpRequest& request) const {
  auto beat = wire::decodeHeartbeat(request.body);
  if (!beat) {
    logger("collector.ingest")
        .warning("[remote=%s] rejected heartbeat: %s", request.remote_address,
                 beat.error().message);
    return jsonError(400, beat.error().code, beat.error().message);
  }
  auto outcome = service_.recordHeartbeat(*beat);
  if (!outcome) {
    if (outcome.error().code == "inventory_required") {
      logger("collector.ingest")
          .information("[agent=%s] %s", beat->agent_id, outcome.error().message);
      return jsonError(409, "inventory_required", outcome.error().message);
    }
    return storageFailure(outcome.error());
  }
  return http::jsonOk(replyBody(outcome->duplicate ? "duplicate" : "ok", outcome->asset_id));
}

}  // namespace steward::collector::ingest
