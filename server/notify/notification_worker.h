#pragma once

// Drains the durable notification queue: mails through EmailSender, webhooks as a
// JSON POST through HttpClient (2xx = delivered). A failed attempt is retried after
// retry_base × 2^(attempts-1), capped at retry_max, until max_attempts; then the
// notification is marked "failed". Runs on its own thread, so a slow or dead target
// never delays an API answer.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "server/notify/email_sender.h"
#include "server/notify/notification.h"
#include "server/notify/notify_config.h"
#include "shared/common/clock.h"
#include "shared/http/client.h"

namespace steward::server::notify {

class NotificationWorker {
 public:
  NotificationWorker(NotificationQueue& queue, const Clock& clock, EmailSender& email,
                     http::HttpClient& http, const NotifyConfig& config)
      : queue_(queue), clock_(clock), email_(email), http_(http), config_(config) {}
  ~NotificationWorker() { stop(); }
  NotificationWorker(const NotificationWorker&) = delete;
  NotificationWorker& operator=(const NotificationWorker&) = delete;

  // Attempts every notification due now once; returns how many were attempted.
  std::size_t drainOnce();
  // Starts the background thread, which drains, then sleeps `poll` (or until wake()).
  void start(std::chrono::milliseconds poll = std::chrono::seconds(1));
  void wake();
  // Stops and joins the thread (an attempt in flight finishes first). Idempotent.
  void stop();

 private:
  Result<void> deliver(const Notification& n);
  void run(std::chrono::milliseconds poll);

  NotificationQueue& queue_;
  const Clock& clock_;
  EmailSender& email_;
  http::HttpClient& http_;
  const NotifyConfig& config_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace steward::server::notify
