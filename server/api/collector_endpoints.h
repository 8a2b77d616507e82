#pragma once

// The write side collectors use: POST /api/v1/collector/assets (an AssetRecord) and
// POST /api/v1/collector/seen (an AssetSeen). Both need the collector bearer token
// and a JSON body; both answer only after the repository committed, with
// {"status": "applied"|"duplicate"|"stale", "asset_id": ...}.

#include "server/auth/token_verifier.h"
#include "server/storage/asset_history_repository.h"
#include "server/storage/asset_repository.h"
#include "shared/http/message.h"

namespace steward::server {

class CollectorEndpoints {
 public:
  CollectorEndpoints(AssetRepository& assets, const TokenVerifier& tokens)
      : assets_(assets), tokens_(tokens) {}

  // 401 without the right token, 415 for a non-JSON content type, 400 naming the
  // problem for a body the codec rejects (nothing stored), 200 after the commit.
  http::HttpResponse postAsset(const http::HttpRequest& request) const;
  // Where the decisions and changes an AssetRecord carries are stored (must outlive
  // this); without it they are dropped.
  void setHistory(AssetHistoryRepository* history) { history_ = history; }

  // As postAsset; 404 when the asset is unknown.
  http::HttpResponse postSeen(const http::HttpRequest& request) const;

  // The response refusing a collector request (token, content type), or nullopt
  // when it may proceed; other collector endpoints use it too.
  std::optional<http::HttpResponse> refuse(const http::HttpRequest& request) const;

 private:
  AssetRepository& assets_;
  const TokenVerifier& tokens_;
  AssetHistoryRepository* history_ = nullptr;
};

}  // namespace steward::server
