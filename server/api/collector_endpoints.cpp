#include "server/api/collector_endpoints.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>

#include "server/api/api_errors.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::server {

namespace {

http::HttpResponse accepted(WriteOutcome outcome, const std::string& asset_id) {
  boost::json::object o{{"status", writeOutcomeName(outcome)}, {"asset_id", asset_id}};
  return http::jsonOk(boost::json::serialize(o));
}

}  // namespace

std::optional<http::HttpResponse> CollectorEndpoints::refuse(
    const http::HttpRequest& request) const {
  const std::string token = TokenVerifier::bearerToken(request.header("authorization"));
  if (!tokens_.verify(token)) {
    logger("server.api")
        .warning("[remote=" + request.remote_address +
                 "] collector request refused: missing or wrong token");
    auto response =
        http::jsonError(401, "unauthorized", "a valid collector bearer token is required");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  if (!http::isJsonContentType(request.header("content-type"))) {
    return http::jsonError(415, "unsupported_media_type", "the body must be application/json");
  }
  return std::nullopt;
}

http::HttpResponse CollectorEndpoints::postAsset(const http::HttpRequest& request) const {
  if (auto refusal = refuse(request)) return *refusal;
  auto record = wire::decodeAssetRecord(request.body);
  if (!record) return http::jsonError(400, record.error().code, record.error().message);
  // Decisions and changes live in their own tables, not in the stored record.
  wire::AssetHistory history;
  history.event_id = record->event_id;
  history.collector_id = record->collector_id;
  history.asset_id = record->asset_id;
  history.decisions = std::move(record->decisions);
  history.changes = std::move(record->changes);
  record->decisions.clear();
  record->changes.clear();
  auto outcome = assets_.upsertAsset(*record);
  if (!outcome) return repositoryErrorResponse(outcome.error());
  // Also after a Duplicate: a retry after a failure here must still store them, and
  // each row is stored once by its id.
  if (history_ != nullptr && (!history.decisions.empty() || !history.changes.empty())) {
    auto stored = history_->storeHistory(history);
    if (!stored) return repositoryErrorResponse(stored.error());
  }
  logger("server.api")
      .debug("[asset=" + record->asset_id + "] [event=" + record->event_id + "] record " +
             writeOutcomeName(*outcome));
  return accepted(*outcome, record->asset_id);
}

http::HttpResponse CollectorEndpoints::postSeen(const http::HttpRequest& request) const {
  if (auto refusal = refuse(request)) return *refusal;
  auto seen = wire::decodeAssetSeen(request.body);
  if (!seen) return http::jsonError(400, seen.error().code, seen.error().message);
  auto outcome = assets_.markSeen(*seen);
  if (!outcome) return repositoryErrorResponse(outcome.error());
  logger("server.api")
      .debug("[asset=" + seen->asset_id + "] [event=" + seen->event_id + "] seen " +
             writeOutcomeName(*outcome));
  return accepted(*outcome, seen->asset_id);
}

}  // namespace steward::server
