#pragma once

// The asset group API:
//
//   GET    /api/v1/asset-groups              every group (members and rules)
//   POST   /api/v1/asset-groups              create: {"name", "description"?, "assets"?, "rules"?}
//   GET    /api/v1/asset-groups/{name}       one group
//   PATCH  /api/v1/asset-groups/{name}       description, assets and/or rules (lists replace)
//   DELETE /api/v1/asset-groups/{name}
//   GET    /api/v1/asset-groups/{name}/assets the assets in it now, and why
//   GET    /api/v1/assets/{id}/groups        the groups an asset is in, and why
//
// Shapes: server/api/asset_group_json.h. The router has already checked the caller
// (reading: admin, technician, viewer; writing: admin — groups steer notification
// routing, which is configuration; server/auth/access_policy.h). Answers: 201 on
// create, 200 {"status":"deleted"} on delete; 400 bad input, 404 unknown group or
// asset, 409 a name in use, 415 not JSON, 422 an explicit member the server does not
// know. Every change is written to the audit log as asset_group.create/update/delete.

#include <optional>

#include "server/auth/authenticator.h"
#include "server/itsm/assets/asset_group_service.h"
#include "shared/http/message.h"

namespace steward::server {

class AssetGroupEndpoints {
 public:
  // `audit` (may be null in tests) receives one entry per change.
  AssetGroupEndpoints(itsm::AssetGroupService& service, const auth::Authenticator* audit)
      : service_(service), audit_(audit) {}

  // The response when the path is one of the above; nullopt for any other path.
  std::optional<http::HttpResponse> route(const http::HttpRequest& request,
                                          const auth::Principal& principal) const;

 private:
  http::HttpResponse create(const http::HttpRequest& request,
                            const auth::Principal& principal) const;
  http::HttpResponse one(const std::string& name, const http::HttpRequest& request,
                         const auth::Principal& principal) const;
  http::HttpResponse assetGroups(const std::string& asset_id) const;
  http::HttpResponse members(const std::string& name, const http::HttpRequest& request) const;
  void audit(const auth::Principal& principal, const http::HttpRequest& request,
             const std::string& action, const std::string& name, const std::string& detail) const;

  itsm::AssetGroupService& service_;
  const auth::Authenticator* audit_;
};

}  // namespace steward::server
