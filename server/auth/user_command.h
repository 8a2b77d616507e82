#pragma once

// `steward-server user add` and `user token`: manage users straight in the database
// file, with or without the server running (SQLite WAL lets both write). This is
// how the first admin comes to exist: there is no default account or password.

#include <iosfwd>
#include <string>

#include "server/cli.h"

namespace steward::server::auth {

// Runs the user command in `cli` on the database at `storage_path`. `user add`
// prints the generated password on `out` (or writes it to --password-file, 0600,
// or takes it from the first line of `in` with --password-stdin); `user token`
// prints the new token on `out`. Messages for people go to `err`. Returns the
// process exit code: 0, 1 for a refused request (taken name, bad role or
// password, unknown user), 2 when the database cannot be opened.
int runUserCommand(const CommandLine& cli, const std::string& storage_path, std::istream& in,
                   std::ostream& out, std::ostream& err);

}  // namespace steward::server::auth
