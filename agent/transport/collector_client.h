#pragma once

// The collector's agent API (collector/ingest):
//   POST {url}/api/v1/agent/inventory   body: wire::encodeInventory
//   POST {url}/api/v1/agent/heartbeat   body: wire::encodeHeartbeat
// and what each answer means for the sender.

#include <chrono>
#include <optional>
#include <string>

#include "agent/spool/spool.h"
#include "shared/http/client.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

struct Delivery {
  enum class Outcome {
    Accepted,           // 2xx: stored (or already stored: duplicate)
    InventoryRequired,  // 409 "inventory_required": the collector needs a full inventory
    Rejected,           // other 4xx: the collector will never take this item as sent
    RetryLater,         // 408, 429, 5xx, or no response at all
  };
  Outcome outcome = Outcome::RetryLater;
  int status = 0;                                   // HTTP status, 0 when no response arrived
  std::string detail;                               // response body or network error, for the log
  std::optional<std::chrono::seconds> retry_after;  // from a Retry-After header, in seconds
};

class CollectorClient {
 public:
  // `base_url` such as "https://127.0.0.1:8481" (a trailing '/' is ignored);
  // `credential` ("<agent_id>.<secret>" from enrollment) goes with every request as
  // "Authorization: Bearer ..." (none when empty).
  CollectorClient(http::HttpClient& http, std::string base_url, std::string credential = {});

  Delivery sendInventory(const wire::InventoryReport& report);
  Delivery sendHeartbeat(const wire::Heartbeat& heartbeat);
  // Sends a spooled report with its delivery fields added: "sequence" (the spool's
  // number) and "dropped_reports" (when the spool attached a count). A body that is
  // not a JSON object is Rejected without a request.
  Delivery sendSpooled(const SpoolItem& item);

 private:
  Delivery post(const std::string& path, std::string body);

  http::HttpClient& http_;
  std::string base_url_;
  std::string credential_;
};

// Classifies a response (pure, for tests): status, error code in the JSON body,
// Retry-After header.
Delivery classifyResponse(const http::HttpResponse& response);

}  // namespace steward::agent
