#pragma once

// Changes to users that the API and the command line share, with the rules that
// hold whoever asks: passwords stored only as slow hashes, and never zero active
// admins (nobody could manage users again).

#include <string>

#include "server/auth/user_repository.h"
#include "shared/common/clock.h"

namespace steward::server::auth {

// Creates an active user with the given (already validated) password.
// Errors: "conflict" when the name is taken, storage errors.
Result<User> addUser(UserRepository& users, const Clock& clock, const std::string& name, Role role,
                     const std::string& display_name, const std::string& password);

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<bool> active;
  std::optional<std::string> password;  // validated
};

// Applies `change` to user `id_or_name`. Disabling a user or changing its password
// ends its web sessions. Errors: "not_found"; "last_admin" when the change would
// leave no active admin.
Result<User> changeUser(UserRepository& users, const Clock& clock, const std::string& id_or_name,
                        const UserChange& change);

}  // namespace steward::server::auth
