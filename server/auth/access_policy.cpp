#include "server/auth/access_policy.h"

#include <string_view>

namespace steward::server::auth {

namespace {

bool under(const std::string& path, std::string_view prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '/');
}

}  // namespace

bool mayAccess(Role role, const std::string& method, const std::string& path) {
  const bool read = method == "GET" || method == "HEAD";
  if (under(path, "/api/v1/users") || under(path, "/api/v1/audit")) return role == Role::Admin;
  if (role == Role::Admin) return true;
  if (under(path, "/api/v1/asset-groups") && !read) return false;
  if (path == "/api/v1/incidents" && method == "POST") return role != Role::Viewer;
  if (under(path, "/api/v1/incidents") && read) return true;
  if (role == Role::Requester) return false;
  if (read) return true;
  return role == Role::Technician;
}

}  // namespace steward::server::auth
