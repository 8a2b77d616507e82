#pragma once

// Calls RulesEngine::tick() every `period` on a background thread (offline
// detection, held clears, uplink links).

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "collector/rules/rules_engine.h"

namespace steward::collector::rules {

class RulesTimer {
 public:
  RulesTimer(RulesEngine& engine, std::chrono::milliseconds period)
      : engine_(engine), period_(period) {}
  ~RulesTimer() { stop(); }
  RulesTimer(const RulesTimer&) = delete;
  RulesTimer& operator=(const RulesTimer&) = delete;

  void start();
  // Idempotent; returns after the tick in progress.
  void stop();

 private:
  RulesEngine& engine_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace steward::collector::rules
