#pragma once

// The three real Steward processes wired together on free loopback ports, each with
// its own config and SQLite file in a temp dir. Stopped by PID when destroyed.

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/http/message.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace steward::testing {

class StewardStack {
 public:
  StewardStack();
  ~StewardStack();

  // Starts server then collector and waits until both answer /healthz.
  void startServerAndCollector();
  // Starts `steward-agent run` with the given state directory name (a fresh name is
  // a fresh install: new agent id) and heartbeat interval.
  void startAgent(const std::string& state_name, int heartbeat_seconds = 1);
  // Runs `steward-agent enroll` for that state directory (done by startAgent when the
  // directory holds no credential yet; needs the collector up).
  void enrollAgent(const std::string& state_name, int heartbeat_seconds = 1);
  void stopAgent();
  void stopCollector();
  void startCollector();
  // Extra collector.conf text (whole sections, e.g. "[traps]\n..."), appended from
  // the next startCollector() on.
  void setCollectorExtraConfig(const std::string& text) { collector_extra_config_ = text; }

  std::string serverUrl() const { return "http://127.0.0.1:" + std::to_string(server_port_); }
  std::string collectorUrl() const { return "http://127.0.0.1:" + std::to_string(collector_port_); }

  // GET/POST helpers returning status and parsed JSON (null when not JSON).
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

  // The server's asset list (all pages of up to 500).
  boost::json::array assets() const;
  std::string logs() const;
  const TempDir& dir() const { return dir_; }

 private:
  Reply send(const std::string& method, const std::string& url, const std::string& body,
             const std::string& content_type, const std::string& authorization = "") const;
  int readPortFile(const std::string& path, ChildProcess& process) const;

  TempDir dir_;
  std::string token_ = "integration-token-0123456789abcdef";
  std::string enroll_token_ = "integration-enroll-token-0123456789";
  std::string collector_extra_config_;
  std::unique_ptr<ChildProcess> server_, collector_, agent_;
  int server_port_ = 0;
  int collector_port_ = 0;
};

}  // namespace steward::testing
