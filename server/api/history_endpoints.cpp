#include "server/api/history_endpoints.h"

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "server/api/api_errors.h"
#include "server/api/asset_endpoints.h"
#include "server/api/query_params.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/asset_history_codec.h"

namespace steward::server {

namespace {

constexpr std::string_view kAssets = "/api/v1/assets/";
constexpr std::array<std::string_view, 6> kCategories = {"software", "hardware", "ip",
                                                         "mac",      "hostname", "os"};

http::HttpResponse invalidId(const std::string& asset_id) {
  return http::jsonError(400, "invalid_id", "'" + asset_id + "' is not an asset id (a UUID)");
}

bool knownKind(const std::string& kind) {
  if (wire::isChangeKind(kind)) return true;
  return std::find(kCategories.begin(), kCategories.end(), kind) != kCategories.end();
}

}  // namespace

std::optional<http::HttpResponse> HistoryEndpoints::route(const http::HttpRequest& request) const {
  const std::string path = request.path();
  if (path == "/api/v1/collector/history") {
    if (request.method != "POST") return methodNotAllowed("POST");
    return postHistory(request);
  }
  if (!path.starts_with(kAssets)) return std::nullopt;
  const auto slash = path.find('/', kAssets.size());
  if (slash == std::string::npos) return std::nullopt;
  const std::string asset_id = path.substr(kAssets.size(), slash - kAssets.size());
  const std::string rest = path.substr(slash);
  if (rest == "/reconciliation") {
    if (request.method != "GET") return methodNotAllowed("GET");
    return reconciliation(asset_id);
  }
  if (rest == "/changes") {
    if (request.method != "GET") return methodNotAllowed("GET");
    return changes(asset_id, request);
  }
  return std::nullopt;
}

http::HttpResponse HistoryEndpoints::postHistory(const http::HttpRequest& request) const {
  if (auto refusal = collector_.refuse(request)) return *refusal;
  auto history = wire::decodeAssetHistory(request.body);
  if (!history) return http::jsonError(400, history.error().code, history.error().message);
  auto outcome = history_.storeHistory(*history);
  if (!outcome) return repositoryErrorResponse(outcome.error());
  logger("server.api")
      .debug("[asset=" + history->asset_id + "] [event=" + history->event_id + "] history " +
             writeOutcomeName(*outcome) + " (" + std::to_string(history->decisions.size()) +
             " decisions, " + std::to_string(history->changes.size()) + " changes)");
  boost::json::object o{{"status", writeOutcomeName(*outcome)}, {"asset_id", history->asset_id}};
  return http::jsonOk(boost::json::serialize(o));
}

http::HttpResponse HistoryEndpoints::reconciliation(const std::string& asset_id) const {
  if (!isUuid(asset_id)) return invalidId(asset_id);
  auto decisions = history_.decisions(asset_id);
  if (!decisions) return repositoryErrorResponse(decisions.error());
  boost::json::array items;
  for (const auto& d : *decisions) items.push_back(boost::json::parse(wire::encodeDecision(d)));
  boost::json::object o{{"asset_id", asset_id}, {"decisions", std::move(items)}};
  return http::jsonOk(boost::json::serialize(o));
}

http::HttpResponse HistoryEndpoints::changes(const std::string& asset_id,
                                             const http::HttpRequest& request) const {
  if (!isUuid(asset_id)) return invalidId(asset_id);
  ChangeQuery query;
  auto page = positiveQueryParam(request, "page", 1'000'000);
  if (!page) return http::jsonError(400, page.error().code, page.error().message);
  auto per_page = positiveQueryParam(request, "per_page", kMaxPerPage);
  if (!per_page) return http::jsonError(400, per_page.error().code, per_page.error().message);
  auto kind = queryParam(request, "kind");
  if (!kind) return http::jsonError(400, kind.error().code, kind.error().message);
  query.page = page->value_or(query.page);
  query.per_page = per_page->value_or(query.per_page);
  query.kind = kind->value_or("");
  if (!query.kind.empty() && !knownKind(query.kind)) {
    return http::jsonError(400, "invalid_query",
                           "kind '" + query.kind.substr(0, 64) +
                               "' is not a change kind (e.g. software_added) or category "
                               "(software, hardware, ip, mac, hostname, os)");
  }
  auto result = history_.changes(asset_id, query);
  if (!result) return repositoryErrorResponse(result.error());
  boost::json::array items;
  for (const auto& c : result->items) items.push_back(boost::json::parse(wire::encodeChange(c)));
  boost::json::object o{{"asset_id", asset_id},
                        {"page", query.page},
                        {"per_page", query.per_page},
                        {"total", result->total},
                        {"items", std::move(items)}};
  return http::jsonOk(boost::json::serialize(o));
}

}  // namespace steward::server
