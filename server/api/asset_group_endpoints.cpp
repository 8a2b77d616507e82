#include "server/api/asset_group_endpoints.h"

#include "server/api/api_errors.h"
#include "server/api/asset_group_json.h"
#include "shared/common/id.h"

namespace steward::server {

namespace {

constexpr std::string_view kGroups = "/api/v1/asset-groups";
constexpr std::string_view kAssets = "/api/v1/assets/";
constexpr std::string_view kGroupsSuffix = "/groups";

http::HttpResponse errorResponse(const Error& error) {
  if (error.code == "conflict") return http::jsonError(409, error.code, error.message);
  if (error.code == "unknown_asset") return http::jsonError(422, error.code, error.message);
  if (error.code == "malformed_json") return http::jsonError(400, error.code, error.message);
  return repositoryErrorResponse(error);
}

std::string count(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

std::string summary(const itsm::AssetGroup& g) {
  return count(g.assets.size(), "asset") + ", " + count(g.rules.size(), "rule");
}

}  // namespace

void AssetGroupEndpoints::audit(const auth::Principal& principal, const http::HttpRequest& request,
                                const std::string& action, const std::string& name,
                                const std::string& detail) const {
  if (audit_ != nullptr) {
    audit_->audit(principal.user.name, action, name, detail, request.remote_address);
  }
}

std::optional<http::HttpResponse> AssetGroupEndpoints::route(
    const http::HttpRequest& request, const auth::Principal& principal) const {
  const std::string path = request.path();
  const std::string& method = request.method;
  if (path == kGroups) {
    if (method == "POST") return create(request, principal);
    if (method != "GET") return methodNotAllowed("GET, POST");
    auto groups = service_.list();
    if (!groups) return errorResponse(groups.error());
    return http::jsonOk(encodeAssetGroups(*groups));
  }
  if (path.starts_with(std::string(kGroups) + "/")) {
    const std::string rest = path.substr(kGroups.size() + 1);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return one(rest, request, principal);
    if (rest.substr(slash) == "/assets") return members(rest.substr(0, slash), request);
    return std::nullopt;
  }
  if (path.starts_with(kAssets) && path.ends_with(kGroupsSuffix) &&
      path.size() > kAssets.size() + kGroupsSuffix.size()) {
    const std::string id =
        path.substr(kAssets.size(), path.size() - kAssets.size() - kGroupsSuffix.size());
    if (id.find('/') != std::string::npos) return std::nullopt;
    if (method != "GET") return methodNotAllowed("GET");
    return assetGroups(id);
  }
  return std::nullopt;
}

http::HttpResponse AssetGroupEndpoints::create(const http::HttpRequest& request,
                                               const auth::Principal& principal) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto draft = decodeNewAssetGroup(request.body);
  if (!draft) return errorResponse(draft.error());
  auto created = service_.create(std::move(*draft));
  if (!created) return errorResponse(created.error());
  audit(principal, request, "asset_group.create", created->name, summary(*created));
  auto response = http::jsonOk(encodeAssetGroup(*created), 201);
  response.headers.emplace_back("Location", std::string(kGroups) + "/" + created->name);
  return response;
}

http::HttpResponse AssetGroupEndpoints::one(const std::string& name,
                                            const http::HttpRequest& request,
                                            const auth::Principal& principal) const {
  const std::string& method = request.method;
  if (method != "GET" && method != "PATCH" && method != "DELETE") {
    return methodNotAllowed("GET, PATCH, DELETE");
  }
  // A name that could never have been created is a bad request, not a missing group.
  if (auto problem = itsm::groupNameProblem(name); !problem.empty()) {
    return http::jsonError(400, "invalid_name", "'" + name + "': " + problem);
  }
  if (method == "GET") {
    auto group = service_.get(name);
    if (!group) return errorResponse(group.error());
    return http::jsonOk(encodeAssetGroup(*group));
  }
  if (method == "DELETE") {
    if (auto removed = service_.remove(name); !removed) return errorResponse(removed.error());
    audit(principal, request, "asset_group.delete", name, "");
    return http::jsonOk(R"({"status":"deleted"})");
  }
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto patch = decodeAssetGroupPatch(request.body);
  if (!patch) return errorResponse(patch.error());
  auto updated = service_.update(name, *patch);
  if (!updated) return errorResponse(updated.error());
  std::string changed;
  if (patch->description) changed = "description";
  if (patch->assets || patch->rules) changed += (changed.empty() ? "" : "; ") + summary(*updated);
  audit(principal, request, "asset_group.update", name, changed);
  return http::jsonOk(encodeAssetGroup(*updated));
}

http::HttpResponse AssetGroupEndpoints::members(const std::string& name,
                                                const http::HttpRequest& request) const {
  if (request.method != "GET") return methodNotAllowed("GET");
  if (auto problem = itsm::groupNameProblem(name); !problem.empty()) {
    return http::jsonError(400, "invalid_name", "'" + name + "': " + problem);
  }
  auto found = service_.members(name);
  if (!found) return errorResponse(found.error());
  return http::jsonOk(encodeGroupMembers(name, *found));
}

http::HttpResponse AssetGroupEndpoints::assetGroups(const std::string& asset_id) const {
  if (!isUuid(asset_id)) {
    return http::jsonError(400, "invalid_id", "'" + asset_id + "' is not an asset id (a UUID)");
  }
  auto memberships = service_.membershipsOf(asset_id);
  if (!memberships) return errorResponse(memberships.error());
  return http::jsonOk(encodeMemberships(asset_id, *memberships));
}

}  // namespace steward::server
