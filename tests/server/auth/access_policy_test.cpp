#include "server/auth/access_policy.h"

#include <gtest/gtest.h>

namespace steward::server::auth {
namespace {

// Endpoints added later (e.g. an asset's reconciliation history) are covered by the
// same rules without being named anywhere.
TEST(AccessPolicyTest, UnnamedPathsFollowTheReadAndWriteRules) {
  const std::string future = "/api/v1/assets/0193a000-0000-7000-8000-00000000000a/changes";
  EXPECT_TRUE(mayAccess(Role::Viewer, "GET", future));
  EXPECT_TRUE(mayAccess(Role::Technician, "GET", future));
  EXPECT_FALSE(mayAccess(Role::Requester, "GET", future));
  EXPECT_FALSE(mayAccess(Role::Viewer, "POST", future));
  EXPECT_TRUE(mayAccess(Role::Technician, "POST", future));
  EXPECT_TRUE(mayAccess(Role::Admin, "DELETE", future));
}

TEST(AccessPolicyTest, UsersAndAuditAreForAdminsOnly) {
  for (Role role : {Role::Technician, Role::Requester, Role::Viewer}) {
    for (const char* path : {"/api/v1/users", "/api/v1/users/x/tokens", "/api/v1/audit"}) {
      EXPECT_FALSE(mayAccess(role, "GET", path)) << roleName(role) << " " << path;
    }
  }
  EXPECT_TRUE(mayAccess(Role::Admin, "PATCH", "/api/v1/users/x"));
  // A prefix is not a path: /api/v1/usersettings is not /api/v1/users.
  EXPECT_TRUE(mayAccess(Role::Viewer, "GET", "/api/v1/usersettings"));
}

TEST(AccessPolicyTest, IncidentRightsPerRole) {
  EXPECT_TRUE(mayAccess(Role::Requester, "POST", "/api/v1/incidents"));
  EXPECT_TRUE(mayAccess(Role::Requester, "GET", "/api/v1/incidents/INC0000001"));
  EXPECT_FALSE(mayAccess(Role::Requester, "PATCH", "/api/v1/incidents/INC0000001"));
  EXPECT_FALSE(mayAccess(Role::Viewer, "POST", "/api/v1/incidents"));
  EXPECT_FALSE(mayAccess(Role::Viewer, "PATCH", "/api/v1/incidents/INC0000001"));
  EXPECT_TRUE(mayAccess(Role::Technician, "PATCH", "/api/v1/incidents/INC0000001"));
}

TEST(AccessPolicyTest, AssetGroupsAreReadByStaffAndChangedByAdmins) {
  for (const char* path : {"/api/v1/asset-groups", "/api/v1/asset-groups/dbservers"}) {
    for (Role role : {Role::Admin, Role::Technician, Role::Viewer}) {
      EXPECT_TRUE(mayAccess(role, "GET", path)) << roleName(role) << " " << path;
    }
    EXPECT_FALSE(mayAccess(Role::Requester, "GET", path));
    for (const char* method : {"POST", "PATCH", "DELETE", "PUT"}) {
      EXPECT_TRUE(mayAccess(Role::Admin, method, path)) << method << " " << path;
      for (Role role : {Role::Technician, Role::Viewer, Role::Requester}) {
        EXPECT_FALSE(mayAccess(role, method, path)) << roleName(role) << " " << method;
      }
    }
  }
  // Only that prefix: an asset's other sub-resources keep the general rule.
  EXPECT_TRUE(mayAccess(Role::Technician, "PUT", "/api/v1/asset-groupsx"));
}

}  // namespace
}  // namespace steward::server::auth
