#pragma once

// The asset read API: GET /api/v1/assets (paged list with search) and
// GET /api/v1/assets/{id} (full detail).

#include <string>

#include "server/storage/asset_repository.h"
#include "shared/http/message.h"

namespace steward::server {

inline constexpr std::uint32_t kMaxPerPage = 500;
inline constexpr std::size_t kMaxSearchLength = 200;

class AssetEndpoints {
 public:
  explicit AssetEndpoints(AssetRepository& assets) : assets_(assets) {}

  // ?page=1&per_page=50&q=text. page >= 1, per_page 1..500, q up to 200 characters;
  // anything else is 400 "invalid_query" naming the parameter.
  http::HttpResponse list(const http::HttpRequest& request) const;
  // 400 "invalid_id" when `asset_id` is not a UUID, 404 when unknown.
  http::HttpResponse detail(const std::string& asset_id) const;

 private:
  AssetRepository& assets_;
};

}  // namespace steward::server
