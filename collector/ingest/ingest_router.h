#pragma once

// The collector's HTTP API for agents, as a pure function of the request:
//   POST /api/v1/agent/inventory  InventoryReport JSON -> {"status":"stored"|"duplicate",
//                                                          "asset_id":...}
//   POST /api/v1/agent/heartbeat  Heartbeat JSON -> {"status":"ok","asset_id":...};
//                                 409 "inventory_required" for an agent never inventoried
//   GET  /healthz                 {"status":"ok"}
//   POST /ocsinventory, POST /    OCS Inventory / FusionInventory agents, when an
//                                 OcsEndpoint is given (collector/ingest/ocs/ocs_endpoint.h)
// Errors are {"error":{"code","message"}}: 400 bad body (nothing stored), 415 not
// JSON, 404 unknown path, 405 wrong method, 500 storage failure.

#include "collector/ingest/ingest_service.h"
#include "collector/ingest/ocs/ocs_endpoint.h"
#include "shared/http/message.h"

namespace steward::collector::ingest {

class IngestRouter {
 public:
  explicit IngestRouter(IngestService& service, const ocs::OcsEndpoint* ocs = nullptr)
      : service_(service), ocs_(ocs) {}

  http::HttpResponse handle(const http::HttpRequest& request) const;

 private:
  http::HttpResponse inventory(const http::HttpRequest& request) const;
  http::HttpResponse heartbeat(const http::HttpRequest& request) const;

  IngestService& service_;
  const ocs::OcsEndpoint* ocs_;  // nullptr: the OCS paths are 404
};

}  // namespace steward::collector::ingest
