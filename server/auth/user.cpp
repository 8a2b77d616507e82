#include "server/auth/user.h"

namespace steward::server::auth {

std::string_view roleName(Role role) {
  switch (role) {
    case Role::Admin:
      return "admin";
    case Role::Technician:
      return "technician";
    case Role::Requester:
      return "requester";
    case Role::Viewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> parseRole(std::string_view text) {
  for (Role role : {Role::Admin, Role::Technician, Role::Requester, Role::Viewer}) {
    if (text == roleName(role)) return role;
  }
  return std::nullopt;
}

bool isValidUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace steward::server::auth
