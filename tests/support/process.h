#pragma once

// Real child processes for integration tests: started with explicit arguments,
// output captured to a file, stopped by PID (SIGTERM, then SIGKILL) on destruction.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace steward::testing {

class ChildProcess {
 public:
  // Starts `program` with `args`; stdout and stderr go to `log_path`.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends SIGTERM and waits up to `grace`, then SIGKILL. Returns the exit status as
  // waitpid reports it, or -1 if it had to be killed.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Waits for the process to exit by itself; -1 on timeout.
  int wait(std::chrono::milliseconds timeout);
  std::string log() const;

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  std::string log_path_;
};

// Polls `condition` every 50 ms until it holds or `timeout` passes.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// Path of a built executable, from the STEWARD_BIN_DIR the build passes in.
std::string binaryPath(const std::string& name);

}  // namespace steward::testing
