#pragma once

// /etc/passwd (passwd(5)): "name:password:uid:gid:gecos:home:shell" lines.

#include <string_view>
#include <vector>

#include "shared/wire/inventory.h"

namespace steward::agent {

// The accounts people log in with: root and uid >= 1000, except nobody (65534).
// System accounts (1-999) are left out. The password field is never read. Lines with
// fewer than 7 fields, a non-numeric uid, an empty name or NIS "+"/"-" entries are
// skipped; comments too.
std::vector<wire::LocalUser> parseEtcPasswd(std::string_view text);

}  // namespace steward::agent
