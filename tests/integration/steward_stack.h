#pragma once

// The three real Steward processes wired together on free loopback ports, each with
// its own config and SQLite file in a temp dir. Stopped by PID when destroyed.

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/http/message.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace steward::testing {

class StewardStack {
 public:
  StewardStack();
  ~StewardStack();

  // Creates the admin user through `steward-server user add` (once) and an API token
  // for it through `user token`, starts server then collector and waits until both
  // answer /healthz.
  void startServerAndCollector();
  // Starts `steward-agent run` with the given state directory name (a fresh name is
  // a fresh install: new agent id) and heartbeat interval.
  void startAgent(const std::string& state_name, int heartbeat_seconds = 1);
  // Runs `steward-agent enroll` for that state directory (done by startAgent when the
  // directory holds no credential yet; needs the collector up).
  void enrollAgent(const std::string& state_name, int heartbeat_seconds = 1);
  void stopAgent();
  // SIGKILL, as a crash or power loss would (no goodbye to the collector).
  void killAgent();
  // Extra "section.key=value" overrides for the next startCollector() (e.g. the
  // rules file) and extra arguments for the next startAgent()'s `run`.
  void setCollectorSettings(std::vector<std::string> settings) {
    collector_settings_ = std::move(settings);
  }
  void setAgentRunArgs(std::vector<std::string> args) { agent_run_args_ = std::move(args); }
  // SIGHUP to the collector (reload its rules file).
  void reloadCollector();
  void stopCollector();
  void startCollector();
  // Extra collector.conf text (whole sections, e.g. "[traps]\n..."), appended from
  // the next startCollector() on.
  void setCollectorExtraConfig(const std::string& text) { collector_extra_config_ = text; }

  std::string serverUrl() const { return "http://127.0.0.1:" + std::to_string(server_port_); }
  std::string collectorUrl() const { return "http://127.0.0.1:" + std::to_string(collector_port_); }

  // GET/POST helpers returning status and parsed JSON (null when not JSON). Requests
  // to the server without an explicit `authorization` carry the admin's API token,
  // as a script using the API would (not on /api/v1/collector/*, the collectors' own).
  struct Reply {
    int status = 0;
    std::string body;
    boost::json::value json;
  };
  Reply get(const std::string& url) const;
  Reply post(const std::string& url, const std::string& body,
             const std::string& content_type = "application/json",
             const std::string& authorization = "") const;
  // Enrolls `agent_id` with the collector directly (as `steward-agent enroll` does)
  // and returns the "Bearer <agent_id>.<secret>" header value.
  std::string enrollDirectly(const std::string& agent_id) const;
  const std::string& enrollToken() const { return enroll_token_; }
  // The collector's token for the server (e.g. to post incident events directly).
  const std::string& collectorToken() const { return token_; }
  // The admin made at start: name "admin", its generated password and an API token.
  const std::string& adminPassword() const { return admin_password_; }
  const std::string& adminToken() const { return admin_token_; }
  // Runs `steward-server user <args...> --config <server.conf>` and returns its exit
  // code and output (stdout and stderr together).
  std::pair<int, std::string> userCommand(const std::vector<std::string>& args) const;

  // The server's asset list (all pages of up to 500).
  boost::json::array assets() const;
  // The server's incidents matching `query` (e.g. "source=rule:disk"), newest first,
  // up to 200.
  boost::json::array incidents(const std::string& query = "") const;
  std::string logs() const;
  const TempDir& dir() const { return dir_; }

 private:
  Reply send(const std::string& method, const std::string& url, const std::string& body,
             const std::string& content_type, const std::string& authorization = "") const;
  int readPortFile(const std::string& path, ChildProcess& process) const;
  void createAdmin();

  TempDir dir_;
  std::string token_ = "integration-token-0123456789abcdef";
  std::string enroll_token_ = "integration-enroll-token-0123456789";
  std::string admin_password_, admin_token_;
  std::string collector_extra_config_;
  std::unique_ptr<ChildProcess> server_, collector_, agent_;
  int server_port_ = 0;
  int collector_port_ = 0;
  std::vector<std::string> collector_settings_;
  std::vector<std::string> agent_run_args_;
};

}  // namespace steward::testing
