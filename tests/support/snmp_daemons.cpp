#include "tests/support/snmp_daemons.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include "tests/support/temp_dir.h"

namespace steward::testing {

namespace {

// A directory others can read: snmpsimd reads its data after dropping to nobody.
std::filesystem::path makeSharedDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) return {};
  std::filesystem::permissions(pattern, std::filesystem::perms::owner_all |
                                            std::filesystem::perms::group_read |
                                            std::filesystem::perms::group_exec |
                                            std::filesystem::perms::others_read |
                                            std::filesystem::perms::others_exec);
  return pattern;
}

void removeDir(const std::filesystem::path& dir) {
  std::error_code ignored;
  if (!dir.empty()) std::filesystem::remove_all(dir, ignored);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

std::uint16_t freeUdpPort(const std::string& address) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return 0;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = 0;
  ::inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  std::uint16_t port = 0;
  socklen_t len = sizeof(sa);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) == 0) {
    port = ntohs(sa.sin_port);
  }
  ::close(fd);
  return port;
}

bool haveProgram(const std::string& program) { return ::access(program.c_str(), X_OK) == 0; }

std::unique_ptr<SnmpsimDaemon> SnmpsimDaemon::start(const std::vector<std::string>& addresses,
                                                    const std::vector<std::string>& files,
                                                    std::string* error,
                                                    const std::string& community,
                                                    std::chrono::milliseconds timeout) {
  std::unique_ptr<SnmpsimDaemon> d(new SnmpsimDaemon());
  d->dir_ = makeSharedDir("steward-snmpsim-");
  d->community_ = community;
  const auto data = d->dir_ / "data" / community;
  const auto cache = d->dir_ / "cache";
  std::filesystem::create_directories(data);
  std::filesystem::create_directories(cache);
  for (std::size_t k = 0; k < files.size(); ++k) {
    std::filesystem::copy_file(files[k], data / ("1.3.6.1.6.1.1." + std::to_string(k) + ".snmprec"));
  }
  const bool root = ::geteuid() == 0;
  if (root) {
    // The simulator drops to nobody before it builds its index in the cache dir.
    for (const auto& p : std::filesystem::recursive_directory_iterator(d->dir_)) {
      std::filesystem::permissions(p.path(), std::filesystem::perms::others_read |
                                                 std::filesystem::perms::group_read,
                                   std::filesystem::perm_options::add);
    }
    std::filesystem::permissions(cache, std::filesystem::perms::all);
    std::filesystem::permissions(d->dir_ / "data", std::filesystem::perms::owner_all |
                                                      std::filesystem::perms::others_read |
                                                      std::filesystem::perms::others_exec);
    std::filesystem::permissions(data, std::filesystem::perms::owner_all |
                                           std::filesystem::perms::others_read |
                                           std::filesystem::perms::others_exec);
  }
  // A port free when asked can be taken by another test process before snmpsimd
  // binds it (the suite runs in parallel): a bind failure picks another port.
  for (int attempt = 1;; ++attempt) {
    d->port_ = freeUdpPort(addresses.empty() ? "127.0.0.1" : addresses.front());
    std::vector<std::string> args = {"--data-dir=" + (d->dir_ / "data").string(),
                                     "--cache-dir=" + cache.string(), "--v2c-arch",
                                     "--logging-method=stderr"};
    for (const auto& a : addresses) {
      args.push_back("--agent-udpv4-endpoint=" + a + ":" + std::to_string(d->port_));
    }
    if (root) {
      args.push_back("--process-user=nobody");
      args.push_back("--process-group=nogroup");
    }
    d->process_ = std::make_unique<ChildProcess>(
        "/usr/bin/snmpsimd", args,
        (d->dir_ / ("snmpsimd-" + std::to_string(attempt) + ".log")).string());
    const bool up = waitUntil(
        [&] {
          return !d->process_->running() ||
                 count(d->process_->log(), "Listening at UDP/IPv4 endpoint") >= addresses.size();
        },
        timeout);
    if (up && d->process_->running()) break;
    const std::string log = d->process_->log();
    if (attempt < 5 && log.find("Address already in use") != std::string::npos) {
      d->process_->stop(std::chrono::seconds(5));
      continue;
    }
    if (error) *error = "snmpsimd did not start: " + log;
    return nullptr;
  }
  return d;
}

bool SnmpsimDaemon::replaceData(std::size_t k, const std::string& snmprec_file,
                                std::string* error) {
  namespace fs = std::filesystem;
  const fs::path target =
      dir_ / "data" / community_ / ("1.3.6.1.6.1.1." + std::to_string(k) + ".snmprec");
  const fs::path staged = target.string() + ".new";
  std::error_code ec;
  const auto old_time = fs::last_write_time(target, ec);
  if (ec) {
    if (error) *error = target.string() + ": " + ec.message();
    return false;
  }
  fs::copy_file(snmprec_file, staged, fs::copy_options::overwrite_existing, ec);
  if (!ec) {
    fs::permissions(staged, fs::perms::owner_read | fs::perms::owner_write |
                                fs::perms::group_read | fs::perms::others_read, ec);
  }
  // Never older than the index snmpsimd built from the old file (it rebuilds only
  // an index not newer than its data), and a different whole second from the old.
  if (!ec) {
    fs::last_write_time(staged, std::max(fs::file_time_type::clock::now(),
                                         old_time + std::chrono::seconds(2)), ec);
  }
  if (!ec) fs::rename(staged, target, ec);  // atomic: no half-written file is read
  if (ec) {
    if (error) *error = "cannot replace " + target.string() + ": " + ec.message();
    return false;
  }
  return true;
}

SnmpsimDaemon::~SnmpsimDaemon() {
  if (process_) process_->stop(std::chrono::seconds(5));
  process_.reset();
  removeDir(dir_);
}

std::unique_ptr<SnmpdDaemon> SnmpdDaemon::start(const SnmpdOptions& options, std::string* error,
                                                std::chrono::milliseconds timeout) {
  std::unique_ptr<SnmpdDaemon> d(new SnmpdDaemon());
  d->dir_ = makeSharedDir("steward-snmpd-");
  d->port_ = options.port != 0 ? options.port : freeUdpPort(options.address);
  const auto conf = d->dir_ / "snmpd.conf";
  {
    std::ofstream out(conf);
    out << "agentaddress udp:" << options.address << ":" << d->port_ << "\n";
    out << "dontLogTCPWrappersConnects yes\n";
    if (!options.community.empty()) {
      out << "rocommunity " << options.community << " " << options.address << "\n";
    }
    if (!options.v3_user.empty()) {
      out << "createUser " << options.v3_user << " SHA \"" << options.v3_auth_password
          << "\" AES \"" << options.v3_priv_password << "\"\n";
      out << "rouser " << options.v3_user << " priv\n";
    }
    for (const auto& line : options.extra_config) out << line << "\n";
  }
  const auto state = d->dir_ / "state";
  std::filesystem::create_directories(state);
  // env sets snmpd's persistent directory (it would otherwise write to /var/lib/snmp)
  // and execs snmpd, so the PID is snmpd's.
  d->process_ = std::make_unique<ChildProcess>(
      "/usr/bin/env",
      std::vector<std::string>{"SNMP_PERSISTENT_DIR=" + state.string(), "MIBS=",
                               "/usr/sbin/snmpd", "-f", "-Le", "-C", "-c", conf.string(),
                               "-p", (d->dir_ / "snmpd.pid").string()},
      (d->dir_ / "snmpd.log").string());
  const bool up = waitUntil(
      [&] {
        return !d->process_->running() || d->process_->log().find("NET-SNMP version") !=
                                              std::string::npos;
      },
      timeout);
  if (!up || !d->process_->running()) {
    if (error) *error = "snmpd did not start: " + d->process_->log();
    return nullptr;
  }
  return d;
}

SnmpdDaemon::~SnmpdDaemon() {
  if (process_) process_->stop(std::chrono::seconds(5));
  process_.reset();
  removeDir(dir_);
}

}  // namespace steward::testing
