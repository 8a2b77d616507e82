#pragma once

// Which role may call which part of /api/v1, decided in one place for every
// endpoint (the router asks before routing), so an endpoint added later is covered
// without doing anything:
//
//   /api/v1/users…, /api/v1/audit        admin
//   POST/PATCH/DELETE /api/v1/asset-groups…  admin (groups steer notification routing:
//                                        configuration, like the users)
//   POST /api/v1/incidents               admin, technician, requester
//   GET  /api/v1/incidents[/{key}]       everyone (requesters see only their own:
//                                        the incident endpoints narrow it)
//   any other GET/HEAD                   admin, technician, viewer
//   any other method                     admin, technician
//
// /api/v1/session (login) and /api/v1/collector/* (collector token) are not
// decided here.

#include <string>

#include "server/auth/user.h"

namespace steward::server::auth {

// True when `role` may send `method` to `path` (a path under /api/v1).
bool mayAccess(Role role, const std::string& method, const std::string& path);

}  // namespace steward::server::auth
