#pragma once

// SnmpClient: polls many devices at once. NetSnmpClient is the real one; discovery
// logic above it is tested on VarBinds literals and against real snmpd/snmpsim.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "collector/snmp/oid.h"
#include "collector/snmp/snmp_config.h"

namespace steward::collector::snmp {

struct PollTarget {
  std::string address;  // IPv4 text
  std::uint16_t port = 161;
  std::vector<const SnmpCredential*> credentials;  // tried in order until one answers
};

struct PollPlan {
  std::vector<Oid> get;   // scalars asked first; no answer means "not responding"
  std::vector<Oid> walk;  // subtrees walked (GETBULK; GETNEXT for v1) once `get` answered
};

struct PollOptions {
  std::chrono::milliseconds timeout{1000};
  int retries = 1;
  int max_in_flight = 512;  // devices polled at once
  int rate_per_second = 0;  // requests sent per second, all devices together; 0 = unlimited
  int max_rows_per_walk = 20000;
  int bulk_rows = 24;  // GETBULK max-repetitions: rows per request
};

struct PollResult {
  std::string address;
  std::uint16_t port = 161;
  bool answered = false;
  std::string credential;  // the name of the credential that answered
  VarBinds values;
  std::vector<std::string> warnings;  // refused credentials, cut tables, looping walks, ...
  bool complete = true;  // false when a walk was cut or broke off (tables may be partial)
};

class SnmpClient {
 public:
  virtual ~SnmpClient() = default;
  // Polls every target with many requests in flight; returns one result per target,
  // in target order. Blocks until all are answered or timed out.
  virtual std::vector<PollResult> poll(const std::vector<PollTarget>& targets,
                                       const PollPlan& plan, const PollOptions& options) = 0;
};

}  // namespace steward::collector::snmp
