// steward-server: builds the real dependencies from the configuration and serves
// until SIGINT/SIGTERM. All behaviour lives in the steward_server library.

#include <iostream>
#include <string>
#include <vector>

#include "server/api/asset_group_endpoints.h"
#include "server/api/incident_endpoints.h"
#include "server/api/router.h"
#include "server/api/user_endpoints.h"
#include "server/auth/authenticator.h"
#include "server/auth/sqlite_user_repository.h"
#include "server/auth/token_verifier.h"
#include "server/auth/user_command.h"
#include "server/cli.h"
#include "server/itsm/assets/asset_group_service.h"
#include "server/itsm/assets/sqlite_asset_group_repository.h"
#include "server/itsm/incidents/incident_service.h"
#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "server/notify/email_sender.h"
#include "server/notify/notification_worker.h"
#include "server/server_config.h"
#include "server/storage/sqlite/sqlite_asset_history_repository.h"
#include "server/storage/sqlite/sqlite_asset_repository.h"
#include "shared/common/clock.h"
#include "shared/common/config.h"
#include "shared/common/log.h"
#include "shared/common/port_file.h"
#include "shared/http/server.h"

namespace {

constexpr int kExitStartupFailure = 2;

int startupFailure(const std::string& message) {
  std::cerr << "steward-server: " << message << "\n";
  return kExitStartupFailure;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace steward;
  using namespace steward::server;

  auto cli = parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  if (!cli) return startupFailure(cli.error().message + "\n" + usageText());
  if (cli->show_version) {
    std::cout << "steward-server " << STEWARD_VERSION << "\n";
    return 0;
  }
  if (cli->show_help) {
    std::cout << usageText();
    return 0;
  }

  auto ini = IniConfig::load(cli->config_path);
  if (!ini) return startupFailure(ini.error().message);
  if (auto applied = ini->applyOverrides(cli->overrides); !applied) {
    return startupFailure(applied.error().message);
  }
  auto config = loadServerConfig(*ini);
  if (!config) return startupFailure(config.error().message);
  if (cli->command != Command::Serve) {
    return auth::runUserCommand(*cli, config->storage_path, std::cin, std::cout, std::cerr);
  }
  configureLogging(config->log_level);
  auto& log = logger("server");

  auto tokens = TokenVerifier::fromSha256Hex(config->collector_token_sha256);
  if (!tokens) return startupFailure(tokens.error().message);
  SystemClock clock;
  auto repository = SqliteAssetRepository::open(config->storage_path, clock);
  if (!repository) return startupFailure(repository.error().message);
  Router router(**repository, *tokens);
  auto history = SqliteAssetHistoryRepository::open(config->storage_path, clock);
  if (!history) return startupFailure(history.error().message);
  router.setHistoryEndpoints(history->get());
  auto incidents = itsm::SqliteIncidentRepository::open(config->storage_path, clock);
  if (!incidents) return startupFailure(incidents.error().message);
  itsm::IncidentService incident_service(**incidents, clock, config->incident_policy,
                                         config->notify);
  auto groups = itsm::SqliteAssetGroupRepository::open(config->storage_path);
  if (!groups) return startupFailure(groups.error().message);
  itsm::AssetGroupService group_service(**groups, **repository, clock);
  incident_service.setAssetGroups(&group_service);
  // A route naming a group nobody created yet is allowed (it may be created later
  // through the API) but is worth a line in the log: until then it sends nothing.
  for (const auto& route : config->notify.routes) {
    for (const auto& name : route.groups) {
      if (auto group = group_service.get(name); !group && group.error().code == "not_found") {
        log.warning("[notify.route." + route.name + "] groups names '" + name +
                    "', which does not exist yet: the route sends nothing for it");
      }
    }
  }
  IncidentEndpoints incident_endpoints(incident_service, **incidents, **incidents, clock, *tokens);
  router.setIncidentEndpoints(&incident_endpoints);
  auto users = auth::SqliteUserRepository::open(config->storage_path);
  if (!users) return startupFailure(users.error().message);
  auth::AuthOptions auth_options;
  auth_options.secure_cookie = config->secure_cookie;
  auth::Authenticator authenticator(**users, clock, auth_options);
  UserEndpoints user_endpoints(authenticator);
  router.setAuthentication(&authenticator, &user_endpoints);
  AssetGroupEndpoints group_endpoints(group_service, &authenticator);
  router.setAssetGroupEndpoints(&group_endpoints);
  if (auto admins = (*users)->countActiveAdmins(); admins && *admins == 0) {
    log.warning("no admin user yet: create one with  steward-server user add --config " +
                cli->config_path + " --name admin --role admin");
  }
  notify::PocoSmtpSender smtp(config->notify.smtp_host, config->notify.smtp_port,
                              config->notify.send_timeout);
  http::BeastHttpClient webhook_client(config->notify.send_timeout);
  notify::NotificationWorker notifier(**incidents, clock, smtp, webhook_client, config->notify);

  http::HttpServerOptions options;
  options.address = config->address;
  options.port = config->port;
  options.tls_cert_file = config->tls_cert;
  options.tls_key_file = config->tls_key;
  options.body_limit = config->body_limit_bytes;
  http::HttpServer server(options,
                          [&router](const http::HttpRequest& r) { return router.handle(r); });
  auto port = server.start();
  if (!port) {
    return startupFailure("cannot listen on " + config->address + ":" +
                          std::to_string(config->port) + ": " + port.error().message);
  }
  if (!config->port_file.empty()) {
    if (auto written = writePortFile(config->port_file, *port); !written) {
      server.stop();
      return startupFailure(written.error().message);
    }
  }
  log.information(std::string("listening on ") + (config->tls_cert.empty() ? "http" : "https") +
                  "://" + config->address + ":" + std::to_string(*port) +
                  " [storage=" + config->storage_path + "]");

  notifier.start();
  http::waitForTerminationSignal();
  log.information("stopping");
  server.stop();
  notifier.stop();
  return 0;
}
