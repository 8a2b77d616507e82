#include "server/auth/user_service.h"

#include "server/auth/password_hasher.h"
#include "shared/common/id.h"

namespace steward::server::auth {

Result<User> addUser(UserRepository& users, const Clock& clock, const std::string& name, Role role,
                     const std::string& display_name, const std::string& password) {
  User user;
  user.id = newUuidV7(clock);
  user.name = name;
  user.display_name = display_name.empty() ? name : display_name;
  user.role = role;
  user.created_at = formatRfc3339(clock.now());
  user.updated_at = user.created_at;
  return users.createUser(user, hashPassword(password));
}

Result<User> changeUser(UserRepository& users, const Clock& clock, const std::string& id_or_name,
                        const UserChange& change) {
  auto user = users.getUser(id_or_name);
  if (!user) return user.error();
  const bool was_admin = user->role == Role::Admin && user->active;
  if (change.display_name) user->display_name = *change.display_name;
  if (change.role) user->role = *change.role;
  if (change.active) user->active = *change.active;
  const bool is_admin = user->role == Role::Admin && user->active;
  if (was_admin && !is_admin) {
    auto admins = users.countActiveAdmins();
    if (!admins) return admins.error();
    if (*admins <= 1) {
      return makeError("last_admin",
                       user->name + " is the last active admin; make another admin first");
    }
  }
  const std::string now = formatRfc3339(clock.now());
  user->updated_at = now;
  if (auto done = users.updateUser(*user); !done) return done.error();
  if (change.password) {
    if (auto done = users.setPassword(user->id, hashPassword(*change.password), now); !done) {
      return done.error();
    }
  }
  if (change.password || (change.active && !*change.active)) {
    if (auto done = users.deleteSessionsOf(user->id); !done) return done.error();
  }
  return users.getUser(user->id);
}

}  // namespace steward::server::auth
