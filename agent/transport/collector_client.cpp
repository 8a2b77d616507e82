#include "agent/transport/collector_client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "agent/inventory/linux/text_util.h"
#include "shared/wire/json_codec.h"

namespace steward::agent {
namespace {

// The "error.code" of a jsonError body, or "" when the body is not one.
std::string errorCode(const std::string& body) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(body, ec);
  if (ec || !doc.is_object()) return {};
  const auto* error = doc.as_object().if_contains("error");
  if (error == nullptr || !error->is_object()) return {};
  const auto* code = error->as_object().if_contains("code");
  if (code == nullptr || !code->is_string()) return {};
  return std::string(code->as_string());
}

// Retry-After in delta-seconds form; HTTP dates are ignored (the collector sends
// seconds, and our backoff still applies without it).
std::optional<std::chrono::seconds> retryAfter(const http::HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (toLower(name) != "retry-after") continue;
    if (const auto seconds = parseUnsigned(value); seconds && *seconds <= 86400) {
      return std::chrono::seconds(*seconds);
    }
  }
  return std::nullopt;
}

}  // namespace

Delivery classifyResponse(const http::HttpResponse& response) {
  Delivery delivery;
  delivery.status = response.status;
  delivery.detail = response.body;
  delivery.retry_after = retryAfter(response);
  const int status = response.status;
  if (status >= 200 && status < 300) {
    delivery.outcome = Delivery::Outcome::Accepted;
  } else if (status == 409 && errorCode(response.body) == "inventory_required") {
    delivery.outcome = Delivery::Outcome::InventoryRequired;
  } else if (status == 408 || status == 429 || status >= 500) {
    delivery.outcome = Delivery::Outcome::RetryLater;
  } else {
    delivery.outcome = Delivery::Outcome::Rejected;
  }
  return delivery;
}

CollectorClient::CollectorClient(http::HttpClient& http, std::string base_url,
                                 std::string credential)
    : http_(http), base_url_(std::move(base_url)), credential_(std::move(credential)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Delivery CollectorClient::sendInventory(const wire::InventoryReport& report) {
  return post("/api/v1/agent/inventory", wire::encodeInventory(report));
}

Delivery CollectorClient::sendHeartbeat(const wire::Heartbeat& heartbeat) {
  return post("/api/v1/agent/heartbeat", wire::encodeHeartbeat(heartbeat));
}

Delivery CollectorClient::sendSpooled(const SpoolItem& item) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(item.body, ec);
  if (ec || !doc.is_object()) {
    Delivery broken;
    broken.outcome = Delivery::Outcome::Rejected;
    broken.detail = "spooled item is not a JSON object";
    return broken;
  }
  auto& object = doc.as_object();
  object["sequence"] = item.sequence;
  if (item.dropped > 0) object["dropped_reports"] = item.dropped;
  return post(item.kind == SpoolKind::Inventory ? "/api/v1/agent/inventory"
                                                : "/api/v1/agent/heartbeat",
              boost::json::serialize(doc));
}

Delivery CollectorClient::post(const std::string& path, std::string body) {
  http::HttpRequest request;
  request.method = "POST";
  request.target = path;
  request.setHeader("content-type", "application/json");
  if (!credential_.empty()) request.setHeader("authorization", "Bearer " + credential_);
  request.body = std::move(body);
  auto response = http_.send(base_url_ + path, request);
  if (!response) {
    Delivery failed;
    failed.outcome = Delivery::Outcome::RetryLater;
    failed.detail = response.error().code + ": " + response.error().message;
    return failed;
  }
  return classifyResponse(*response);
}

}  // namespace steward::agent
