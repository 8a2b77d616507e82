// steward-agent: wires the real clock, filesystem, network and HTTP client into the
// agent library. Everything with a decision in it lives in the library and is tested.

#include <signal.h>
#include <sys/utsname.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>

#include "agent/agent_config.h"
#include "agent/agent_identity.h"
#include "agent/cli.h"
#include "agent/enrollment.h"
#include "agent/health/linux/linux_health_sampler.h"
#include "agent/health/linux/smart_monitor.h"
#include "agent/inventory/linux/linux_collector.h"
#include "agent/inventory/linux/service_inventory.h"
#include "agent/inventory/linux/systemd_units.h"
#include "agent/platform/fs_root.h"
#include "agent/platform/linux/ifaddrs_address_provider.h"
#include "agent/platform/linux/spawn_command_runner.h"
#include "agent/inventory/switchable_collector.h"
#include "agent/run_loop.h"
#include "agent/spool/spool.h"
#include "agent/status.h"
#include "agent/transport/clock_offset.h"
#include "agent/transport/collector_client.h"
#include "agent/transport/tls_helper.h"
#include "agent/version.h"
#include "shared/common/clock.h"
#include "shared/common/config.h"
#include "shared/common/log.h"
#include "shared/http/client.h"
#include "shared/wire/json_codec.h"

namespace {

// The live host's inventory: what the files say plus the running systemd's services
// (ServiceInventory), owning its file collector so SwitchableCollector can rebuild it.
class LiveHostInventory final : public steward::agent::InventoryCollector {
 public:
  LiveHostInventory(std::unique_ptr<steward::agent::InventoryCollector> files,
                    const steward::agent::SystemdUnits& systemd, bool services)
      : files_(std::move(files)), with_services_(*files_, systemd, services) {}
  steward::wire::InventoryReport collect() override { return with_services_.collect(); }

 private:
  std::unique_ptr<steward::agent::InventoryCollector> files_;
  steward::agent::ServiceInventory with_services_;
};

using namespace steward;
using namespace steward::agent;

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

int usageError(const std::string& message) {
  std::cerr << "steward-agent: " << message << "\n" << usageText();
  return kExitUsage;
}

// Bad configuration: the message already names the file and key; no usage text.
int configError(const std::string& message) {
  std::cerr << "steward-agent: " << message << "\n";
  return kExitUsage;
}

std::optional<std::string> unameMachine() {
  utsname name{};
  if (::uname(&name) != 0) return std::nullopt;
  return std::string(name.machine);
}

int inventoryCommand(const CliOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.root, ec)) {
    return usageError("--root " + options.root + " is not a directory");
  }
  configureLogging("warning");
  SystemClock clock;
  FsRoot fs(options.root);
  IfaddrsAddressProvider live_addresses;
  StaticAddressProvider no_addresses;
  // A fixture tree has no live interfaces: addresses only when reading this host.
  const bool this_host = options.root == "/";
  const AddressProvider& addresses =
      this_host ? static_cast<const AddressProvider&>(live_addresses) : no_addresses;
  // The installed agent's id when there is one (read only: printing creates nothing).
  const std::string agent_id =
      loadAgentId(AgentConfig{}.state_dir).value_or("00000000-0000-0000-0000-000000000000");
  LinuxCollector collector(fs, addresses, clock, agent_id,
                           this_host ? unameMachine() : std::nullopt);
  SpawnCommandRunner runner;
  SystemdUnits systemd(fs, runner);
  // Services come from this host's systemd: only when reading this host.
  ServiceInventory inventory(collector, systemd, this_host);
  std::cout << wire::encodeInventory(inventory.collect()) << "\n";
  return 0;
}

// The config file (optional for enroll/status: defaults) plus --set overrides.
Result<AgentConfig> loadConfig(const CliOptions& options, bool require_collector) {
  auto ini = options.config_path.empty() ? Result<IniConfig>(IniConfig::empty())
                                         : IniConfig::load(options.config_path);
  if (!ini) return ini.error();
  if (auto applied = ini->applyOverrides(options.overrides); !applied) return applied.error();
  return AgentConfig::fromIni(*ini, require_collector);
}

// TLS happens only when the collector URL is https://, in the steward-agent-tls helper
// process (OpenSSL is never loaded into this one).
http::BeastHttpClient makeCollectorHttp(const AgentConfig& config, HelperHttpsSender& https) {
  // Shorter than a service manager's stop timeout, so a hung collector cannot
  // delay shutdown by much.
  return http::BeastHttpClient(std::chrono::seconds(8), 64 * 1024 * 1024,
                               http::TlsClientOptions{config.ca_file, config.fingerprint_sha256},
                               https);
}

int enrollCommand(const CliOptions& options) {
  auto config = loadConfig(options, true);
  if (!config) return configError(config.error().message);
  configureLogging("warning");
  SystemClock clock;
  auto agent_id = loadOrCreateAgentId(config->state_dir, clock);
  if (!agent_id) {
    std::cerr << "steward-agent: " << agent_id.error().message << "\n";
    return kExitFailure;
  }
  SpawnCommandRunner runner;
  HelperHttpsSender https(defaultTlsHelperPath(), runner);
  auto http = makeCollectorHttp(*config, https);
  auto path =
      enrollAgent(http, config->collector_url, options.enroll_token, *agent_id, config->state_dir);
  if (!path) {
    std::cerr << "steward-agent: " << path.error().message << "\n";
    return kExitFailure;
  }
  std::cout << "enrolled agent " << *agent_id << " with " << config->collector_url
            << "\ncredential stored in " << *path << " (mode 0600)\n";
  return 0;
}

int statusCommand(const CliOptions& options) {
  auto config = loadConfig(options, false);
  if (!config) return configError(config.error().message);
  const auto agent_id = loadAgentId(config->state_dir);
  const bool enrolled = agent_id && loadCredential(config->state_dir, *agent_id);
  const std::string last_contact = readLastContact(config->state_dir);
  const auto spool =
      Spool::inspect((std::filesystem::path(config->state_dir) / Spool::kFileName).string());
  std::cout << "agent id:      " << (agent_id ? *agent_id : "(none yet)") << "\n"
            << "collector:     "
            << (config->collector_url.empty() ? "(not configured)" : config->collector_url) << "\n"
            << "enrolled:      " << (enrolled ? "yes" : "no") << "\n"
            << "last contact:  " << (last_contact.empty() ? "never" : last_contact) << "\n"
            << spoolStatusLines(spool) << "state dir:     " << config->state_dir << "\n";
  return enrolled ? 0 : 3;
}

int runCommand(const CliOptions& options) {
  auto config = loadConfig(options, true);
  if (!config) return configError(config.error().message);
  configureLogging(config->log_level);
  auto& log = logger("agent");

  // Block the stop signals so they wait for sigtimedwait() between ticks instead of
  // interrupting a request half-way.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  SystemClock clock;
  auto agent_id = loadOrCreateAgentId(config->state_dir, clock);
  if (!agent_id) {
    std::cerr << "steward-agent: " << agent_id.error().message << "\n";
    return kExitFailure;
  }
  auto credential = loadCredential(config->state_dir, *agent_id);
  if (!credential) {
    std::cerr << "steward-agent: " << credential.error().message << "\n";
    return kExitFailure;
  }
  FsRoot fs("/");
  IfaddrsAddressProvider addresses;
  SpawnCommandRunner runner;
  SystemdUnits systemd(fs, runner);
  const auto machine = unameMachine();
  // Rebuilt when the collector pushes other inventory categories.
  SwitchableCollector collector(
      [&](const InventorySections& sections) -> std::unique_ptr<InventoryCollector> {
        return std::make_unique<LiveHostInventory>(
            std::make_unique<LinuxCollector>(fs, addresses, clock, *agent_id, machine, sections),
            systemd, sections.services);
      },
      config->inventory);
  // --health-root (tests): health reads a fixture tree, so systemd is looked for there
  // and the real disks are not asked for SMART.
  FsRoot health_fs(options.health_root);
  SystemdUnits health_systemd(health_fs, runner);
  SmartMonitor smart(health_fs, runner, clock, {config->smart_interval});
  const bool ask_disks = config->smart_interval.count() > 0 && options.health_root == "/";
  ClockOffset clock_offset;
  LinuxHealthSampler health(health_fs,
                            {&health_systemd, ask_disks ? &smart : nullptr, &clock_offset});
  auto spool = Spool::open((std::filesystem::path(config->state_dir) / Spool::kFileName).string(),
                           SpoolLimits{config->spool_max_items, config->spool_max_bytes}, clock);
  HelperHttpsSender https(defaultTlsHelperPath(), runner);
  auto beast_http = makeCollectorHttp(*config, https);
  ClockOffsetRecorder http(beast_http, clock, clock_offset);  // Date headers -> clock_offset
  CollectorClient client(http, config->collector_url, *credential);
  std::mt19937_64 random{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  RunLoop::Options loop_options;
  loop_options.local = RunSettings{config->heartbeat_interval, config->inventory_interval,
                                   config->inventory, config->watch_interval, {}};
  loop_options.state_dir = config->state_dir;
  RunLoop loop(collector, health, client, *spool, clock, *agent_id, loop_options,
               [&] { return uniform(random); });

  log.information("steward-agent " + std::string(kAgentVersion) + " starting [agent=" + *agent_id +
                  "] collector " + config->collector_url);
  std::uint64_t delivered = 0;
  while (true) {
    const auto wait = loop.tick();
    if (loop.inventoriesDelivered() + loop.heartbeatsDelivered() != delivered) {
      delivered = loop.inventoriesDelivered() + loop.heartbeatsDelivered();
      recordLastContact(config->state_dir, formatRfc3339(clock.now()));
    }
    timespec timeout{};
    timeout.tv_sec = static_cast<time_t>(wait.count() / 1000);
    timeout.tv_nsec = static_cast<long>((wait.count() % 1000) * 1'000'000);
    const int signal = ::sigtimedwait(&stop_signals, nullptr, &timeout);
    if (signal == SIGINT || signal == SIGTERM) {
      log.information(std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
      return 0;
    }
    // -1 with EAGAIN: the wait ran out; EINTR: another signal; both mean tick again.
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parseCommandLine(args);
  if (!options) return usageError(options.error().message);
  switch (options->command) {
    case CliOptions::Command::Version:
      std::cout << "steward-agent " << kAgentVersion << "\n";
      return 0;
    case CliOptions::Command::Help:
      std::cout << usageText();
      return 0;
    case CliOptions::Command::Inventory:
      return inventoryCommand(*options);
    case CliOptions::Command::Run:
      return runCommand(*options);
    case CliOptions::Command::Enroll:
      return enrollCommand(*options);
    case CliOptions::Command::Status:
      return statusCommand(*options);
  }
  return kExitUsage;
}
