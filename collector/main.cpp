// steward-collector: wires the real clock, database, HTTP client and server to the
// collector library. No logic of its own beyond start-up and shutdown.

#include <malloc.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "collector/auth/agent_gate.h"
#include "collector/auth/credential_store.h"
#include "collector/auth/password_hash.h"
#include "collector/cli.h"
#include "collector/collector_config.h"
#include "collector/enroll/enroll_router.h"
#include "collector/enroll/rate_limiter.h"
#include "collector/ingest/ingest_router.h"
#include "collector/ingest/ingest_service.h"
#include "collector/outbox/outbox_forwarder.h"
#include "collector/reconcile/reconciler.h"
#include "collector/rules/rules_engine.h"
#include "collector/rules/rules_file.h"
#include "collector/rules/rules_timer.h"
#include "collector/rules/trap_rules_sink.h"
#include "collector/rules/uplink_resolver.h"
#include "collector/rules/uplinks_file.h"
#include "collector/rules/watch_levels.h"
#include "collector/snmp/discovery_scheduler.h"
#include "collector/snmp/net_snmp_client.h"
#include "collector/snmp/snmp_config.h"
#include "collector/snmp/topology.h"
#include "collector/snmp/topology_uplink_resolver.h"
#include "collector/snmp/traps/asset_address_index.h"
#include "collector/snmp/traps/net_snmp_trap_listener.h"
#include "collector/snmp/traps/trap_processor.h"
#include "collector/snmp/traps/trap_stats_endpoint.h"
#include "collector/snmp/traps/trap_store.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/config.h"
#include "shared/common/log.h"
#include "shared/common/port_file.h"
#include "shared/http/client.h"
#include "shared/http/server.h"

namespace {

constexpr int kExitBadStart = 2;

int fail(const std::string& message) {
  std::cerr << "steward-collector: " << message << "\n";
  return kExitBadStart;
}

// Blocks SIGINT, SIGTERM and SIGHUP (reload the rules) in this thread and in every
// thread started after it, so a signal arriving at any moment is picked up by
// waitForStop() instead of killing the process mid-write.
sigset_t blockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int waitForStop(const sigset_t& set) {
  int signal_number = 0;
  sigwait(&set, &signal_number);
  return signal_number;
}

// Every inventory passes through buffers of a few hundred KB (the body, the JSON
// document of its decoding, the encoded record). glibc serves those from mmap or
// hands freed heap tops back to the kernel, so each request faulted its pages in
// anew: about a tenth of the collector's CPU at full ingest load. Kept in the heap
// and not trimmed, they are reused; the cost is that memory freed after a peak
// stays with the process (bounded by the HTTP threads times one large request).
void keepLargeBuffersInTheHeap() {
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace steward;
  keepLargeBuffersInTheHeap();
  const sigset_t termination = blockTerminationSignals();
  std::signal(SIGPIPE, SIG_IGN);

  auto cli = collector::parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  if (!cli) return fail(cli.error().message + "\n" + collector::usageText());
  if (cli->show_help) {
    std::cout << collector::usageText();
    return 0;
  }
  if (cli->show_version) {
    std::cout << "steward-collector " << STEWARD_VERSION << "\n";
    return 0;
  }

  if (cli->hash_password) {
    // For [ocs] password_hash: the password comes on stdin so it stays out of argv
    // and shell history.
    std::string password;
    std::getline(std::cin, password);
    if (password.empty()) return fail("--hash-password: no password on stdin");
    std::cout << collector::auth::hashPassword(password) << "\n";
    return 0;
  }

  auto ini = IniConfig::load(cli->config_path);
  if (!ini) return fail(ini.error().message);
  if (auto r = ini->applyOverrides(cli->overrides); !r) return fail(r.error().message);
  auto config = collector::loadCollectorConfig(*ini);
  if (!config) return fail(config.error().message);
  auto snmp_config = collector::snmp::loadSnmpConfig(*ini);
  if (!snmp_config) return fail(snmp_config.error().message);

  configureLogging(config->log_level);
  Poco::Logger& log = logger("collector");

  // A bad rules file stops the start with file:line: problem, before anything runs.
  collector::rules::RuleSet rule_set;
  if (!config->rules_file.empty()) {
    auto loaded = collector::rules::loadRulesFile(config->rules_file);
    if (!loaded) return fail(loaded.error().message);
    rule_set = std::move(*loaded);
  }

  collector::rules::TableUplinkResolver uplinks;
  if (!config->uplinks_file.empty()) {
    auto table = collector::rules::loadUplinksFile(config->uplinks_file);
    if (!table) return fail(table.error().message);
    uplinks.replace(std::move(*table));
  }

  SystemClock clock;
  auto db = collector::storage::CollectorDb::open(config->storage_path, clock);
  if (!db) return fail("cannot open storage: " + db.error().message);

  // The server is verified as [server] ca_file / fingerprint_sha256 say when its URL
  // is https:// (the system CA store when neither is set).
  http::BeastHttpClient client(
      std::chrono::seconds(15), 64 * 1024 * 1024,
      http::TlsClientOptions{config->server_ca_file, config->server_fingerprint_sha256});
  collector::outbox::OutboxForwarder forwarder(
      **db, client, clock,
      collector::outbox::ForwarderOptions{config->server_url, config->server_token,
                                          config->retry_max});
  collector::reconcile::Reconciler reconciler;
  collector::ingest::IngestService service(
      **db, clock, reconciler, [&forwarder] { forwarder.wake(); }, &config->reconcile);
  // Topology: [rules] uplinks_file first, then what SNMP discovery saw in switch FDBs.
  collector::snmp::Topology topology(**db);
  collector::snmp::TopologyUplinkResolver uplink_resolver(uplinks, topology);
  collector::rules::RulesEngine rules_engine(**db, clock, uplink_resolver, std::move(rule_set),
                                             [&forwarder] { forwarder.wake(); });
  if (auto r = rules_engine.start(); !r) return fail("cannot open storage: " + r.error().message);
  if (!config->rules_file.empty()) {
    service.setHooks(collector::ingest::IngestHooks{
        [&rules_engine](const std::string& asset_id, const wire::InventoryReport& report) {
          (void)rules_engine.onInventory(asset_id, report);  // logged by the engine
        },
        [&rules_engine](const std::string& asset_id, const wire::Heartbeat& heartbeat) {
          (void)rules_engine.onHeartbeat(asset_id, heartbeat);
        }});
  }
  collector::rules::RulesTimer rules_timer(rules_engine, config->rules_tick);
  // The OCS Inventory / FusionInventory endpoint only when [ocs] enabled, and then
  // only with the configured HTTP Basic credentials.
  collector::ingest::ocs::OcsBasicAuth ocs_auth(collector::ingest::ocs::OcsCredentials{
      config->ocs_user, config->ocs_password_hash, config->ocs_realm});
  collector::ingest::ocs::OcsEndpoint ocs(
      service, clock,
      collector::ingest::ocs::OcsOptions{config->ocs_max_inflated_bytes, 24, &ocs_auth});
  // Agents watch the levels of the rules loaded now (a reload pushes new ones).
  collector::ingest::WatchLevelsSource watch_levels;
  if (!config->rules_file.empty()) {
    watch_levels = [&rules_engine] { return collector::rules::watchLevels(*rules_engine.rules()); };
  }
  collector::ingest::IngestRouter router(service, config->ocs_enabled ? &ocs : nullptr,
                                         config->agent_settings, std::move(watch_levels));

  if (auto r = collector::auth::CredentialStore::prepare(**db); !r) {
    return fail("cannot open storage: " + r.error().message);
  }
  collector::auth::CredentialStore credentials(**db);
  collector::enroll::RateLimiter enroll_limiter(clock, config->enroll_rate_per_minute,
                                                std::chrono::seconds(60));
  collector::enroll::EnrollRouter enroll(credentials, enroll_limiter, clock,
                                         config->enroll_token_sha256s);
  // Agents' reports pass the gate (credential, own agent id only) before ingest.
  collector::auth::AgentGate gate(
      credentials, enroll,
      [&router](const http::HttpRequest& request) { return router.handle(request); },
      [&router](const http::HttpRequest& request, const std::string& agent_id) {
        return router.inventoryOf(request, agent_id);
      });

  // SNMP trap receiver ([traps], off by default): matched to assets, stored, handed
  // to the trap sinks (fault rules).
  namespace traps = collector::snmp::traps;
  if (auto r = traps::TrapStore::prepare(**db); !r) {
    return fail("cannot open storage: " + r.error().message);
  }
  traps::TrapStats trap_stats;
  traps::TrapStore trap_store(
      **db, clock,
      traps::TrapRetention{config->traps.max_events,
                           std::chrono::hours(24 * config->traps.max_age_days)});
  traps::AssetAddressIndex trap_assets(**db, clock);
  traps::TrapProcessor trap_processor(trap_store, trap_assets, trap_stats);
  collector::rules::TrapRulesSink trap_rules(rules_engine);
  if (!config->rules_file.empty()) trap_processor.addSink(trap_rules);
  traps::NetSnmpTrapListener trap_listener(
      config->traps, trap_stats, clock,
      [&trap_processor](traps::TrapEvent& event) { return trap_processor.process(event); });
  if (config->traps.enabled) {
    if (auto r = trap_listener.start(); !r) return fail(r.error().message);
  }
  const traps::TrapStats* exposed_trap_stats = config->traps.enabled ? &trap_stats : nullptr;

  // SNMP discovery: sweeps of the [snmp] ranges on their own thread.
  collector::snmp::NetSnmpClient snmp_client;
  collector::snmp::DiscoveryService discovery(**db, clock, reconciler,
                                              snmp_config->uplink_mac_threshold,
                                              [&forwarder] { forwarder.wake(); },
                                              &config->reconcile);
  if (auto r = discovery.prepare(); !r) return fail("cannot open storage: " + r.error().message);
  discovery.setLinkMaxAge(snmp_config->link_max_age);
  collector::snmp::RangeSweeper sweeper(snmp_client, discovery, *snmp_config, clock);
  if (!config->rules_file.empty()) {
    sweeper.setReachabilitySink(
        [&rules_engine](const std::string& asset_id, bool reachable, const std::string& evidence) {
          (void)rules_engine.onReachability(asset_id, reachable, evidence);  // logged there
        });
    sweeper.setInterfaceSink([&rules_engine](const std::string& asset_id,
                                             const std::string& hostname,
                                             const std::vector<collector::rules::PortState>& ports) {
      (void)rules_engine.onInterfaces(asset_id, hostname, ports);  // logged there
    });
  }
  collector::snmp::DiscoveryScheduler discovery_scheduler(sweeper, *snmp_config, clock);

  http::HttpServerOptions options;
  options.tls_cert_file = config->tls_cert;
  options.tls_key_file = config->tls_key;
  options.address = config->http_address;
  options.port = config->http_port;
  options.body_limit = config->body_limit_bytes;
  options.threads = config->http_threads;
  http::HttpServer server(
      options, [&gate, exposed_trap_stats](const http::HttpRequest& request) {
        if (auto stats = traps::trapStatsResponse(request, exposed_trap_stats)) return *stats;
        return gate.handle(request);
      });
  auto port = server.start();
  if (!port) {
    return fail(port.error().message);  // names the address, port and reason
  }
  if (!config->port_file.empty()) {
    if (auto r = writePortFile(config->port_file, *port); !r) {
      server.stop();
      return fail(r.error().message);
    }
  }
  forwarder.start();
  discovery_scheduler.start();
  if (!config->rules_file.empty()) rules_timer.start();
  log.information("collector %s listening on %s://%s:%s, forwarding to %s", (*db)->collectorId(),
                  std::string(config->tls_cert.empty() ? "http" : "https"), config->http_address,
                  std::to_string(*port), config->server_url);

  int signal_number = 0;
  while ((signal_number = waitForStop(termination)) == SIGHUP) {
    if (config->rules_file.empty()) {
      log.warning("SIGHUP: no rules file configured ([rules] file), nothing to reload");
    } else {
      (void)rules_engine.reload(config->rules_file);  // a bad file is logged; old rules stay
    }
    if (!config->uplinks_file.empty()) {
      auto table = collector::rules::loadUplinksFile(config->uplinks_file);
      if (!table) {
        log.error("uplinks reload failed, keeping the previous table: %s", table.error().message);
      } else {
        log.information("uplinks reloaded: %s endpoints", std::to_string(table->size()));
        uplinks.replace(std::move(*table));
      }
    }
  }
  log.information("signal %s: stopping", std::to_string(signal_number));
  server.stop();
  discovery_scheduler.stop();
  rules_timer.stop();
  trap_listener.stop();
  forwarder.stop();
  log.information("stopped");
  return 0;
}
