#pragma once

// Process-wide logging on Poco (the one allowed global). One named logger per
// component ("agent", "collector.ingest", "server.api"); context goes in brackets
// in the message: "[asset=0193...] merged by serial".

#include <Poco/Logger.h>
#include <string>

namespace steward {

// Sends every logger to stderr with a timestamp and the logger name, at `level`
// ("error", "warning", "information", "debug"). Call once from main().
void configureLogging(const std::string& level);

Poco::Logger& logger(const std::string& name);

}  // namespace steward
