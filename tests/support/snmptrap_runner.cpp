#include "tests/support/snmptrap_runner.h"

#include <sys/wait.h>

#include <atomic>
#include <chrono>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace steward::testing {

SnmpToolResult runSnmpTool(const std::string& tool, const std::vector<std::string>& args,
                           const std::string& state_dir, int timeout_seconds) {
  static std::atomic<int> runs{0};
  const std::string log = state_dir + "/" + tool + "-" + std::to_string(++runs) + ".log";
  std::vector<std::string> command = {"MIBS=",
                                      "MIBDIRS=",
                                      "SNMPCONFPATH=" + state_dir,
                                      "SNMP_PERSISTENT_DIR=" + state_dir,
                                      "/usr/bin/" + tool,
                                      "-m",
                                      "",
                                      "-On"};
  command.insert(command.end(), args.begin(), args.end());
  ChildProcess child("/usr/bin/env", command, log);
  const int status = child.wait(std::chrono::seconds(timeout_seconds));
  SnmpToolResult result;
  if (status == -1) {
    child.stop(std::chrono::milliseconds(100));
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.output = readFile(log);
  return result;
}

}  // namespace steward::testing
