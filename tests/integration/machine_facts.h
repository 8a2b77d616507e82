#pragma once

// Facts about the machine the tests run on, read independently of steward-agent
// (gethostname, /proc/cpuinfo, dpkg-query, /sys/class/net), so the integration tests
// check what the agent reported against the truth rather than against itself.

#include <boost/json/value.hpp>
#include <cstdint>
#include <set>
#include <string>

namespace steward::testing {

std::string thisHostname();
std::string thisCpuModel();            // first "model name" in /proc/cpuinfo
std::int64_t thisPackageCount();       // dpkg-query lines starting "ii"; -1 on failure
std::set<std::string> thisPhysicalMacs();  // interfaces with a backing device

// A string member of a JSON object, or "" when absent or not an object.
std::string str(const boost::json::value& v, const char* key);

}  // namespace steward::testing
