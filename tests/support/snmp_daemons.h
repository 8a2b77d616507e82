#pragma once

// Real SNMP agents for tests: Debian's snmpsimd serving .snmprec files on several
// loopback addresses from one process, and net-snmp's snmpd with a v2c community
// and a v3 authPriv (SHA/AES) user. Both on free high ports, started and stopped by
// PID (ChildProcess), with their files in a private temp dir.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace steward::testing {

// A UDP port nobody is bound to on `address` at the moment of asking.
std::uint16_t freeUdpPort(const std::string& address = "127.0.0.1");

// Whether `program` (an absolute path) exists and is executable: tests skip cleanly
// on a machine without the SNMP test packages.
bool haveProgram(const std::string& program);

class SnmpsimDaemon {
 public:
  // Serves snmprec_files[k] to v1/v2c community `community` on addresses[k]:port
  // (snmpsim's --v2c-arch picks the data file public/1.3.6.1.6.1.1.<k> by the
  // position of the address in its endpoint list). Drops to nobody/nogroup when
  // started as root. Waits until every address listens; nullptr (and the reason in
  // *error) when it does not within `timeout`.
  static std::unique_ptr<SnmpsimDaemon> start(const std::vector<std::string>& addresses,
                                              const std::vector<std::string>& snmprec_files,
                                              std::string* error,
                                              const std::string& community = "public",
                                              std::chrono::milliseconds timeout =
                                                  std::chrono::seconds(60));
  ~SnmpsimDaemon();

  // Serves `snmprec_file` instead on addresses[k] from the next request on, without
  // a restart: snmpsimd re-indexes a data file whose modification time (in whole
  // seconds) changed, so the new file gets a later one. False (and *error) when the
  // file cannot be put in place.
  bool replaceData(std::size_t k, const std::string& snmprec_file, std::string* error);

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  std::string log() const { return process_->log(); }

 private:
  SnmpsimDaemon() = default;
  std::filesystem::path dir_;
  std::string community_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

struct SnmpdOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;                 // 0: a free one (a restart may reuse the old one)
  std::string community = "steward-ro";  // v2c, read-only; "" for none
  std::string v3_user = "steward";       // authPriv SHA/AES; "" for none
  std::string v3_auth_password = "auth-secret-1";
  std::string v3_priv_password = "priv-secret-1";
  std::vector<std::string> extra_config;  // more snmpd.conf lines (trap sinks, ...)
};

class SnmpdDaemon {
 public:
  // Starts /usr/sbin/snmpd in the foreground on a free port with only the given
  // config (no system snmpd.conf, persistent state in its temp dir).
  static std::unique_ptr<SnmpdDaemon> start(const SnmpdOptions& options, std::string* error,
                                            std::chrono::milliseconds timeout =
                                                std::chrono::seconds(20));
  ~SnmpdDaemon();

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  std::string log() const { return process_->log(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  SnmpdDaemon() = default;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace steward::testing
