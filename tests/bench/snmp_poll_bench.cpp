// Driver for tests/bench/snmp_sweep.sh: polls a list of addresses with the
// collector's NetSnmpClient and prints one line of figures. Not a test.
//
//   steward_snmp_poll_bench --port P --community C --timeout-ms T --retries R
//                           --plan sweep|full [--max-in-flight N] [--print-roots] ADDRESS...
//   (ADDRESS may be a CIDR block: 127.0.50.0/24)

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "collector/snmp/address_range.h"
#include "collector/snmp/net_snmp_client.h"
#include "collector/snmp/snmp_device.h"

using namespace steward::collector::snmp;

int main(int argc, char** argv) {
  std::uint16_t port = 161;
  SnmpCredential cred;
  cred.name = "bench";
  cred.community = "public";
  PollOptions options;
  PollPlan plan = sweepPlan();
  std::vector<std::string> addresses;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--port") {
      port = static_cast<std::uint16_t>(std::stoi(next()));
    } else if (arg == "--community") {
      cred.community = next();
    } else if (arg == "--timeout-ms") {
      options.timeout = std::chrono::milliseconds(std::stoi(next()));
    } else if (arg == "--max-in-flight") {
      options.max_in_flight = std::stoi(next());
    } else if (arg == "--retries") {
      options.retries = std::stoi(next());
    } else if (arg == "--plan") {
      plan = next() == "full" ? discoveryPlan() : sweepPlan();
    } else if (arg == "--print-roots") {
      for (const auto& oid : discoveryPlan().walk) std::cout << oidText(oid) << "\n";
      return 0;
    } else {
      addresses.push_back(arg);
    }
  }
  std::vector<PollTarget> targets;
  for (const auto& a : addresses) {
    auto block = parseBlock(a);
    if (!block) {
      std::cerr << block.error().message << "\n";
      return 2;
    }
    auto hosts = expandRange({*block}, {});
    if (!hosts) {
      std::cerr << hosts.error().message << "\n";
      return 2;
    }
    for (auto h : *hosts) targets.push_back({formatIpv4(h), port, {&cred}});
  }
  NetSnmpClient client;
  const auto started = std::chrono::steady_clock::now();
  const auto results = client.poll(targets, plan, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t answered = 0, values = 0;
  for (const auto& r : results) {
    answered += r.answered;
    values += r.values.size();
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("addresses=%zu answered=%zu values=%zu seconds=%.3f max_rss_mib=%.1f\n",
              targets.size(), answered, values, seconds, usage.ru_maxrss / 1024.0);
  return 0;
}
