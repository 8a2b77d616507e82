#pragma once

// Asset history on the API:
//   POST /api/v1/collector/history           AssetHistory from a collector (bearer token)
//   GET  /api/v1/assets/{id}/reconciliation  {"asset_id", "decisions": [...]} oldest
//                                            first: "why is this one asset?"
//   GET  /api/v1/assets/{id}/changes         ?page=&per_page=&kind= newest first;
//                                            kind is a change kind or a category
//                                            (software, hardware, ip, mac, hostname, os)

#include <optional>

#include "server/api/collector_endpoints.h"
#include "server/storage/asset_history_repository.h"
#include "shared/http/message.h"

namespace steward::server {

class HistoryEndpoints {
 public:
  // `collector` checks the collector token and content type of the POST.
  HistoryEndpoints(AssetHistoryRepository& history, const CollectorEndpoints& collector)
      : history_(history), collector_(collector) {}

  // The response for the paths above, or nullopt when the path is not one of them.
  std::optional<http::HttpResponse> route(const http::HttpRequest& request) const;

  http::HttpResponse postHistory(const http::HttpRequest& request) const;
  // 400 "invalid_id" when `asset_id` is not a UUID; an asset without history has
  // an empty list (the server may know it only from its record).
  http::HttpResponse reconciliation(const std::string& asset_id) const;
  // 400 "invalid_query" for a bad page, per_page (1..500) or unknown kind.
  http::HttpResponse changes(const std::string& asset_id, const http::HttpRequest& request) const;

 private:
  AssetHistoryRepository& history_;
  const CollectorEndpoints& collector_;
};

}  // namespace steward::server
