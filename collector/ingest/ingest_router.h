#pragma once

// The collector's HTTP API for agents, as a pure function of the request:
//   POST /api/v1/agent/inventory  InventoryReport JSON -> {"status":"stored"|"duplicate",
//                                                          "asset_id":..., "config":{...}}
//   POST /api/v1/agent/heartbeat  Heartbeat JSON -> {"status":"ok"|"duplicate",
//                                 "asset_id":..., "config":{...}}; 409
//                                 "inventory_required" for an agent never inventoried or
//                                 whose section hashes differ from its last inventory
//   "config" is the collector's [agents] settings (shared/wire/report_reply.h) with the
//   watch levels of the rules loaded at the time (collector/rules/watch_levels.h).
//   GET  /healthz                 {"status":"ok"}
//   POST /ocsinventory, POST /    OCS Inventory / FusionInventory agents, when an
//                                 OcsEndpoint is given (collector/ingest/ocs/ocs_endpoint.h)
// Errors are {"error":{"code","message"}}: 400 bad body (nothing stored), 415 not
// JSON, 404 unknown path, 405 wrong method, 500 storage failure.

#include <functional>
#include <vector>

#include "collector/ingest/ingest_service.h"
#include "collector/ingest/ocs/ocs_endpoint.h"
#include "shared/http/message.h"
#include "shared/wire/report_reply.h"

namespace steward::collector::ingest {

// The levels agents should watch now; called for every reply (rules may be reloaded).
using WatchLevelsSource = std::function<std::vector<wire::WatchLevel>()>;

class IngestRouter {
 public:
  explicit IngestRouter(IngestService& service, const ocs::OcsEndpoint* ocs = nullptr,
                        wire::AgentSettings agent_settings = {},
                        WatchLevelsSource watch_levels = {})
      : service_(service),
        ocs_(ocs),
        agent_settings_(std::move(agent_settings)),
        watch_levels_(std::move(watch_levels)) {}

  http::HttpResponse handle(const http::HttpRequest& request) const;
  // An inventory POSTed with `agent_id`'s credential (auth::AgentGate): as handle(),
  // but a body claiming another agent is refused with 403 "agent_mismatch".
  http::HttpResponse inventoryOf(const http::HttpRequest& request,
                                 const std::string& agent_id) const;

 private:
  // `authenticated`: the credential's agent id, when the body's must be checked.
  http::HttpResponse inventory(const http::HttpRequest& request,
                               const std::string* authenticated = nullptr) const;
  http::HttpResponse heartbeat(const http::HttpRequest& request) const;

  std::string replyBody(const std::string& status, const std::string& asset_id) const;

  IngestService& service_;
  const ocs::OcsEndpoint* ocs_;  // nullptr: the OCS paths are 404
  wire::AgentSettings agent_settings_;  // pushed to agents in every 2xx reply
  WatchLevelsSource watch_levels_;      // empty: no rules, nothing to watch
};

}  // namespace steward::collector::ingest
