#include "server/api/asset_endpoints.h"

#include <charconv>

#include "server/api/api_errors.h"
#include "server/api/asset_json.h"
#include "shared/common/id.h"

namespace steward::server {

namespace {

// A query parameter; nullopt when absent. request.query() also says nullopt for a
// value that does not percent-decode, which is the client's error, not absence.
Result<std::optional<std::string>> param(const http::HttpRequest& request,
                                         const std::string& name) {
  auto value = request.query(name);
  if (value) return value;
  const auto q = request.target.find('?');
  const std::string query = q == std::string::npos ? "" : "&" + request.target.substr(q + 1);
  if (query.find("&" + name + "=") != std::string::npos) {
    return makeError("invalid_query", name + " is not correctly percent-encoded");
  }
  return std::optional<std::string>();
}

// A decimal parameter within [1, max]; nullopt when absent.
Result<std::optional<std::uint32_t>> positiveParam(const http::HttpRequest& request,
                                                   const std::string& name, std::uint32_t max) {
  auto text = param(request, name);
  if (!text) return text.error();
  if (!*text) return std::optional<std::uint32_t>();
  const std::string& digits = **text;
  std::uint32_t value = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || ptr != end || value < 1 || value > max) {
    return makeError("invalid_query", name + " must be an integer from 1 to " +
                                          std::to_string(max) + ", got '" + digits + "'");
  }
  return std::optional<std::uint32_t>(value);
}

}  // namespace

http::HttpResponse AssetEndpoints::list(const http::HttpRequest& request) const {
  AssetQuery query;
  auto page = positiveParam(request, "page", 1'000'000);
  if (!page) return http::jsonError(400, page.error().code, page.error().message);
  auto per_page = positiveParam(request, "per_page", kMaxPerPage);
  if (!per_page) return http::jsonError(400, per_page.error().code, per_page.error().message);
  query.page = page->value_or(query.page);
  query.per_page = per_page->value_or(query.per_page);

  auto search = param(request, "q");
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
