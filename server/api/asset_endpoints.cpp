#include "server/api/asset_endpoints.h"

#include "server/api/api_errors.h"
#include "server/api/asset_json.h"
#include "server/api/query_params.h"
#include "shared/common/id.h"

namespace steward::server {


http::HttpResponse AssetEndpoints::list(const http::HttpRequest& request) const {
  AssetQuery query;
  auto page = positiveQueryParam(request, "page", 1'000'000);
  if (!page) return http::jsonError(400, page.error().code, page.error().message);
  auto per_page = positiveQueryParam(request, "per_page", kMaxPerPage);
  if (!per_page) return http::jsonError(400, per_page.error().code, per_page.error().message);
  query.page = page->value_or(query.page);
  query.per_page = per_page->value_or(query.per_page);

  auto search = queryParam(request, "q");
  if (!search) return http::jsonError(400, search.error().code, search.error().message);
  query.search = search->value_or("");
  if (query.search.size() > kMaxSearchLength) {
    return http::jsonError(400, "invalid_query",
                           "q is longer than " + std::to_string(kMaxSearchLength) + " characters");
  }

  auto result = assets_.list(query);
  if (!result) return repositoryErrorResponse(result.error());
  return http::jsonOk(encodeAssetPage(*result, query));
}

http::HttpResponse AssetEndpoints::detail(const std::string& asset_id) const {
  if (!isUuid(asset_id)) {
    return http::jsonError(400, "invalid_id", "'" + asset_id + "' is not an asset id (a UUID)");
  }
  auto record = assets_.get(asset_id);
  if (!record) return repositoryErrorResponse(record.error());
  return http::jsonOk(encodeAssetDetail(*record));
}

}  // namespace steward::server
