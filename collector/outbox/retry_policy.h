#pragma once

// How the outbox reacts to a delivery attempt: pure functions, tested on their own.

#include <chrono>
#include <cstdint>
#include <optional>

#include "shared/http/message.h"

namespace steward::collector::outbox {

enum class Delivery {
  Delivered,  // 2xx: the server committed it; delete the item
  Retry,      // 408, 429, 5xx, auth trouble or no response: keep it, back off
  Refused,    // any other 4xx: the item itself is bad; park it
};

// What to do after the server answered `status`. 401/403 are retried, not parked:
// they mean the collector's token is wrong, which an operator fixes, and parking would
// strand every item queued meanwhile.
Delivery classifyStatus(int status);

// Delay after `failures` consecutive failures (>= 1): 1 s doubled per failure, capped
// at `max`, then scaled by `jitter` (clamped to [0.5, 1]) so many collectors do not
// retry in step.
std::chrono::milliseconds backoffDelay(std::int64_t failures, std::chrono::milliseconds max,
                                       double jitter);

// The Retry-After header in seconds, when present and numeric.
std::optional<std::chrono::seconds> retryAfter(const http::HttpResponse& response);

}  // namespace steward::collector::outbox
