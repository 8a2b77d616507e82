#pragma once

// Runs net-snmp's real snmptrap/snmpinform on loopback for trap tests: numeric OIDs
// only (-On), no MIB files (MIBS empty, -m ""), no snmp.conf and no persistent state
// outside `state_dir`, so nothing on the machine changes what is sent.

#include <string>
#include <vector>

namespace steward::testing {

struct SnmpToolResult {
  int exit_code = -1;  // -1: did not exit in time (killed)
  std::string output;  // stdout and stderr
};

// Runs /usr/bin/<tool> (e.g. "snmptrap") with `args` after "-m '' -On"; waits up to
// `timeout_seconds`. `state_dir` must exist; its log file is named after the tool.
SnmpToolResult runSnmpTool(const std::string& tool, const std::vector<std::string>& args,
                           const std::string& state_dir, int timeout_seconds = 10);

}  // namespace steward::testing
