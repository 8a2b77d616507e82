#include "shared/common/log.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>

namespace steward {

void configureLogging(const std::string& level) {
  Poco::AutoPtr<Poco::PatternFormatter> formatter(
      new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel);
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(level));
}

Poco::Logger& logger(const std::string& name) { return Poco::Logger::get(name); }

}  // namespace steward
