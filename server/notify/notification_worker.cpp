#include "server/notify/notification_worker.h"

#include <algorithm>

#include "shared/common/log.h"

namespace steward::server::notify {

namespace {
constexpr std::size_t kBatch = 50;
}  // namespace

Result<void> NotificationWorker::deliver(const Notification& n) {
  if (n.channel == "email") return email_.send(config_.from, n.target, n.subject, n.body);
  http::HttpRequest request;
  request.method = "POST";
  request.setHeader("content-type", "application/json");
  request.setHeader("user-agent", "steward-server");
  request.body = n.body;
  auto response = http_.send(n.target, request);
  if (!response) return response.error();
  if (response->status < 200 || response->status > 299) {
    return makeError("webhook", n.target + " answered " + std::to_string(response->status));
  }
  return {};
}

std::size_t NotificationWorker::drainOnce() {
  auto& log = logger("server.notify");
  auto due = queue_.due(formatRfc3339(clock_.now()), kBatch);
  if (!due) {
    log.error("cannot read the notification queue: " + due.error().message);
    return 0;
  }
  for (const auto& n : *due) {
    const std::string context =
        "[incident=" + n.incident_number + "] [" + n.channel + "=" + n.target + "] ";
    if (auto sent = deliver(n); sent) {
      if (auto marked = queue_.markSent(n.id); !marked) log.error(context + marked.error().message);
      log.information(context + n.event + " notification delivered");
      continue;
    } else {
      const int attempts = n.attempts + 1;
      std::string next;
      if (attempts < config_.max_attempts) {
        const auto shift = std::min(attempts - 1, 20);
        const std::chrono::seconds delay =
            std::min(config_.retry_max, std::chrono::seconds(config_.retry_base.count() << shift));
        next = formatRfc3339(clock_.now() + delay);
      }
      log.warning(context + "attempt " + std::to_string(attempts) +
                  " failed: " + sent.error().message +
                  (next.empty() ? " (giving up)" : " (retry at " + next + ")"));
      if (auto marked = queue_.markFailed(n.id, sent.error().message, next); !marked) {
        log.error(context + marked.error().message);
      }
    }
  }
  return due->size();
}

void NotificationWorker::start(std::chrono::milliseconds poll) {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, poll] { run(poll); });
}

void NotificationWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_one();
}

void NotificationWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void NotificationWorker::run(std::chrono::milliseconds poll) {
  while (true) {
    drainOnce();
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, poll, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace steward::server::notify
