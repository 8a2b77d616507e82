#pragma once

// Records what one logger writes while the object lives, so a test can assert that a
// skipped source was logged with its reason. Restores the logger's channel and level.

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <string>
#include <vector>

#include "shared/common/log.h"

namespace steward::agent::testing {

class LogCapture {
 public:
  explicit LogCapture(const std::string& name = "agent.inventory")
      : logger_(logger(name)),
        old_channel_(logger_.getChannel()),
        old_level_(logger_.getLevel()),
        channel_(new Sink) {
    logger_.setChannel(channel_);
    logger_.setLevel(Poco::Message::PRIO_TRACE);
  }
  ~LogCapture() {
    logger_.setChannel(old_channel_);
    logger_.setLevel(old_level_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // True when some message contains every one of `parts`.
  bool contains(std::initializer_list<std::string> parts) const {
    for (const auto& message : channel_->messages) {
      bool all = true;
      for (const auto& part : parts) all = all && message.find(part) != std::string::npos;
      if (all) return true;
    }
    return false;
  }
  const std::vector<std::string>& messages() const { return channel_->messages; }

 private:
  struct Sink : Poco::Channel {
    void log(const Poco::Message& message) override { messages.push_back(message.getText()); }
    std::vector<std::string> messages;
  };

  Poco::Logger& logger_;
  Poco::AutoPtr<Poco::Channel> old_channel_;
  int old_level_;
  Poco::AutoPtr<Sink> channel_;
};

}  // namespace steward::agent::testing
