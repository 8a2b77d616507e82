#include "agent/platform/linux/spawn_command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace steward::agent {
namespace {

// Closes a descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// What the children see: nothing inherited from the agent's environment, so a
// locale, pager or colour setting cannot change the output we parse.
constexpr const char* kEnvironment[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                                        "LC_ALL=C",
                                        "SYSTEMD_PAGER=",
                                        "SYSTEMD_COLORS=0",
                                        "SYSTEMD_LOG_LEVEL=err",
                                        nullptr};

// Kills and reaps `pid`; used whenever we stop waiting for it.
void killAndReap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

bool SpawnCommandRunner::executable(const std::string& path) const {
  return !path.empty() && path.front() == '/' && ::access(path.c_str(), X_OK) == 0;
}

Result<CommandOutput> SpawnCommandRunner::run(const std::vector<std::string>& argv,
                                              CommandLimits limits) const {
  if (argv.empty() || !executable(argv[0])) {
    return makeError("not_found", "no executable " + (argv.empty() ? std::string() : argv[0]));
  }
  const std::string& program = argv[0];
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return makeError("spawn_failed", "pipe for " + program + ": " + std::strerror(errno));
  }
  Fd read_end{fds[0]};
  Fd write_end{fds[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // The agent blocks SIGTERM/SIGINT for sigtimedwait(); the child must not inherit that.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, args.data(),
                                    const_cast<char* const*>(kEnvironment));
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    return makeError("spawn_failed", "cannot start " + program + ": " + std::strerror(spawned));
  }
  ::close(write_end.fd);
  write_end.fd = -1;  // EOF arrives once the child (and its children) close stdout

  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  CommandOutput out;
  char buffer[16384];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      killAndReap(pid);
      return makeError("timeout", program + " did not finish within " +
                                      std::to_string(limits.timeout.count()) + " ms");
    }
    pollfd p{read_end.fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline check above ends it
    if (ready < 0) {
      killAndReap(pid);
      return makeError("spawn_failed", "poll on " + program + ": " + std::strerror(errno));
    }
    const ssize_t n = ::read(read_end.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF (or a read error: keep what we have)
    if (out.output.size() + static_cast<std::size_t>(n) > limits.max_output_bytes) {
      killAndReap(pid);
      return makeError("output_too_large", program + " wrote more than " +
                                               std::to_string(limits.max_output_bytes) + " bytes");
    }
    out.output.append(buffer, static_cast<std::size_t>(n));
  }

  // stdout is closed; the process should be exiting. Wait for it within the deadline.
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      return makeError("spawn_failed", "waitpid on " + program + ": " + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      killAndReap(pid);
      return makeError("timeout", program + " did not exit within " +
                                      std::to_string(limits.timeout.count()) + " ms");
    }
    ::usleep(2000);
  }
  if (WIFSIGNALED(status)) {
    return makeError("killed",
                     program + " was killed by signal " + std::to_string(WTERMSIG(status)));
  }
  out.exit_code = WEXITSTATUS(status);
  return out;
}

}  // namespace steward::agent
