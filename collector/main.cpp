// steward-collector: wires the real clock, database, HTTP client and server to the
// collector library. No logic of its own beyond start-up and shutdown.

#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "collector/auth/agent_gate.h"
#include "collector/auth/credential_store.h"
#include "collector/cli.h"
#include "collector/collector_config.h"
#include "collector/enroll/enroll_router.h"
#include "collector/enroll/rate_limiter.h"
#include "collector/ingest/ingest_router.h"
#include "collector/ingest/ingest_service.h"
#include "collector/outbox/outbox_forwarder.h"
#include "collector/reconcile/reconciler.h"
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

// Blocks SIGINT and SIGTERM in this thread and in every thread started after it, so
// a signal arriving at any moment is picked up by waitForStop() instead of killing the
// process mid-write.
sigset_t blockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int waitForStop(const sigset_t& set) {
  int signal_number = 0;
  sigwait(&set, &signal_number);
  return signal_number;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace steward;
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

  auto ini = IniConfig::load(cli->config_path);
  if (!ini) return fail(ini.error().message);
  if (auto r = ini->applyOverrides(cli->overrides); !r) return fail(r.error().message);
  auto config = collector::loadCollectorConfig(*ini);
  if (!config) return fail(config.error().message);

  configureLogging(config->log_level);
  Poco::Logger& log = logger("collector");

  SystemClock clock;
  auto db = collector::storage::CollectorDb::open(config->storage_path, clock);
  if (!db) return fail("cannot open storage: " + db.error().message);

  http::BeastHttpClient client;
  collector::outbox::OutboxForwarder forwarder(
      **db, client, clock,
      collector::outbox::ForwarderOptions{config->server_url, config->server_token,
                                          config->retry_max});
  collector::reconcile::Reconciler reconciler;
  collector::ingest::IngestService service(
      **db, clock, reconciler, [&forwarder] { forwarder.wake(); }, &config->reconcile);
  collector::ingest::ocs::OcsEndpoint ocs(
      service, clock, collector::ingest::ocs::OcsOptions{config->ocs_max_inflated_bytes});
  collector::ingest::IngestRouter router(service, &ocs);

  if (auto r = collector::auth::CredentialStore::prepare(**db); !r) {
    return fail("cannot open storage: " + r.error().message);
  }
  collector::auth::CredentialStore credentials(**db);
  collector::enroll::RateLimiter enroll_limiter(clock, config->enroll_rate_per_minute,
                                                std::chrono::seconds(60));
  collector::enroll::EnrollRouter enroll(credentials, enroll_limiter, clock,
                                         config->enroll_token_sha256s);
  // Agents' reports pass the gate (credential, own agent id only) before ingest.
  collector::auth::AgentGate gate(credentials, enroll, [&router](const http::HttpRequest& request) {
    return router.handle(request);
  });

  http::HttpServerOptions options;
  options.tls_cert_file = config->tls_cert;
  options.tls_key_file = config->tls_key;
  options.address = config->http_address;
  options.port = config->http_port;
  options.body_limit = config->body_limit_bytes;
  http::HttpServer server(
      options, [&gate](const http::HttpRequest& request) { return gate.handle(request); });
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
  log.information("collector %s listening on %s://%s:%s, forwarding to %s", (*db)->collectorId(),
                  std::string(config->tls_cert.empty() ? "http" : "https"), config->http_address,
                  std::to_string(*port), config->server_url);

  const int signal_number = waitForStop(termination);
  log.information("signal %s: stopping", std::to_string(signal_number));
  server.stop();
  forwarder.stop();
  log.information("stopped");
  return 0;
}
