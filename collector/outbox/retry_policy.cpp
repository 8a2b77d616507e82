#include "collector/outbox/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace steward::collector::outbox {

Delivery classifyStatus(int status) {
  if (status >= 200 && status < 300) return Delivery::Delivered;
  if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
    return Delivery::Retry;
  }
  if (status >= 400) return Delivery::Refused;
  return Delivery::Retry;  // 1xx/3xx: not an acknowledgement; try again later
}

std::chrono::milliseconds backoffDelay(std::int64_t failures, std::chrono::milliseconds max,
                                       double jitter) {
  const std::int64_t shift = std::clamp<std::int64_t>(failures - 1, 0, 30);
  const std::chrono::milliseconds base =
      std::min(max, std::chrono::milliseconds(std::int64_t{1000} << shift));
  const double scale = std::clamp(jitter, 0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(base.count() * scale));
}

std::optional<std::chrono::seconds> retryAfter(const http::HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "retry-after") continue;
    if (value.empty() || value.size() > 9 ||
        !std::all_of(value.begin(), value.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
      return std::nullopt;  // HTTP-date form: fall back to our own backoff
    }
    return std::chrono::seconds(std::stoll(value));
  }
  return std::nullopt;
}

}  // namespace steward::collector::outbox
