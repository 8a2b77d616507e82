#include "server/auth/user_command.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <istream>
#include <ostream>

#include "server/auth/authenticator.h"
#include "server/auth/password_hasher.h"
#include "server/auth/sqlite_user_repository.h"
#include "server/auth/user_service.h"
#include "shared/common/clock.h"

namespace steward::server::auth {

namespace {

// Writes `text` to `path`, created or truncated, readable by the owner only.
Result<void> writeSecretFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return makeError("io", path + ": " + std::strerror(errno));
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) return makeError("io", path + ": " + std::strerror(saved));
  return {};
}

int addCommand(const CommandLine& cli, UserRepository& users, const Clock& clock, std::istream& in,
               std::ostream& out, std::ostream& err) {
  if (!isValidUserName(cli.user_name)) {
    err << "steward-server: --name must be 1..64 letters, digits or ._@-\n";
    return 1;
  }
  const auto role = parseRole(cli.role);
  if (!role) {
    err << "steward-server: --role '" << cli.role
        << "' is not admin, technician, requester or viewer\n";
    return 1;
  }
  std::string password;
  if (cli.password_stdin) {
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (auto problem = passwordProblem(password); !problem.empty()) {
      err << "steward-server: " << problem << "\n";
      return 1;
    }
  } else {
    password = generatePassword();
  }
  auto user = addUser(users, clock, cli.user_name, *role, cli.display_name, password);
  if (!user) {
    err << "steward-server: " << user.error().message << "\n";
    return 1;
  }
  AuditEntry entry{0,          formatRfc3339(clock.now()),
                   "cli",      "user.create",
                   user->name, "role=" + std::string(roleName(user->role)),
                   "local"};
  (void)users.appendAudit(entry);
  err << "steward-server: created " << roleName(user->role) << " user '" << user->name << "'\n";
  if (cli.password_stdin) return 0;
  if (!cli.password_file.empty()) {
    if (auto written = writeSecretFile(cli.password_file, password + "\n"); !written) {
      err << "steward-server: cannot write the password: " << written.error().message << "\n";
      return 1;
    }
    err << "steward-server: its password is in " << cli.password_file << " (mode 0600)\n";
    return 0;
  }
  err << "steward-server: its password (shown once; only a hash is stored):\n";
  out << password << "\n";
  return 0;
}

int tokenCommand(const CommandLine& cli, UserRepository& users, const Clock& clock,
                 std::ostream& out, std::ostream& err) {
  auto user = users.getUser(cli.user_name);
  if (!user) {
    err << "steward-server: " << user.error().message << "\n";
    return 1;
  }
  if (cli.label.size() > 100) {
    err << "steward-server: --label has at most 100 characters\n";
    return 1;
  }
  Authenticator authenticator(users, clock);
  auto issued = authenticator.issueToken(user->id, cli.label);
  if (!issued) {
    err << "steward-server: " << issued.error().message << "\n";
    return 1;
  }
  AuditEntry entry{0,          formatRfc3339(clock.now()),  "cli",  "token.create",
                   user->name, "token " + issued->first.id, "local"};
  (void)users.appendAudit(entry);
  out << issued->second << "\n";
  return 0;
}

}  // namespace

int runUserCommand(const CommandLine& cli, const std::string& storage_path, std::istream& in,
                   std::ostream& out, std::ostream& err) {
  SystemClock clock;
  auto users = SqliteUserRepository::open(storage_path);
  if (!users) {
    err << "steward-server: " << users.error().message << "\n";
    return 2;
  }
  if (cli.command == Command::UserAdd) return addCommand(cli, **users, clock, in, out, err);
  return tokenCommand(cli, **users, clock, out, err);
}

}  // namespace steward::server::auth
