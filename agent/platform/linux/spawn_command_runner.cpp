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
                                              CommandLimits limits, std::string_view input) const {
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
  Fd input_read{-1};
  Fd input_write{-1};
  if (!input.empty()) {
    int in[2];
    if (::pipe2(in, O_CLOEXEC | O_NONBLOCK) != 0) {
      return makeError("spawn_failed", "pipe for " + program + ": " + std::strerror(errno));
    }
    input_read.fd = in[0];
    input_write.fd = in[1];
    // Only our end is non-blocking; the child reads its stdin as usual.
    ::fcntl(input_read.fd, F_SETFL, 0);
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input.empty()) {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  } else {
    posix_spawn_file_actions_adddup2(&actions, input_read.fd, 0);
  }
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
  if (input_read.fd >= 0) {
    ::close(input_read.fd);
    input_read.fd = -1;
  }
  // A child that exits without reading all its input must not kill the agent with
  // SIGPIPE: block it while writing and swallow one that arrived.
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  struct MaskGuard {
    sigset_t blocked;
    sigset_t previous;
    ~MaskGuard() {
      timespec zero{};
      while (sigtimedwait(&blocked, nullptr, &zero) == SIGPIPE) {
      }
      pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }
  } mask_guard{pipe_signal, {}};
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &mask_guard.previous);
  std::size_t input_sent = 0;

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
    pollfd p[2] = {{read_end.fd, POLLIN, 0}, {input_write.fd, POLLOUT, 0}};
    const int ready = ::poll(p, input_write.fd >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the deadline check above ends it
    if (ready < 0) {
      killAndReap(pid);
      return makeError("spawn_failed", "poll on " + program + ": " + std::strerror(errno));
    }
    if (input_write.fd >= 0 && p[1].revents != 0) {
      const ssize_t sent =
          ::write(input_write.fd, input.data() + input_sent, input.size() - input_sent);
      if (sent > 0) input_sent += static_cast<std::size_t>(sent);
      // Done, or the child stopped reading (EPIPE): either way it gets EOF.
      if (input_sent == input.size() || (sent < 0 && errno != EAGAIN && errno != EINTR)) {
        ::close(input_write.fd);
        input_write.fd = -1;
      }
    }
    if (p[0].revents == 0) continue;
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
