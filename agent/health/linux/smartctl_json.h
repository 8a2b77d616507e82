#pragma once

// Pure parsers for smartctl's JSON output (smartmontools 7.0 and later, --json):
//   smartctl --scan-open --json             -> the devices to ask
//   smartctl --json -i -H -A -d TYPE DEVICE -> one disk's verdict
// Tested on captured and hand-made output in tests/fixtures/smartctl.

#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

struct SmartDevice {
  std::string name;  // "/dev/sda", "/dev/nvme0"
  std::string type;  // smartctl's -d value ("sat", "nvme", "megaraid,0"); may be empty
  friend bool operator==(const SmartDevice&, const SmartDevice&) = default;
};

// Devices of `smartctl --scan-open --json`; entries with an implausible name or
// type are skipped. No "devices" key is an empty list. Error "malformed" when the
// text is not a JSON object.
Result<std::vector<SmartDevice>> parseSmartctlScan(std::string_view text);

// One disk's verdict: smart_status.passed, model_name, serial_number,
// temperature.current and the raw value of ATA attribute 5 (reallocated sectors).
// `device` names the disk in the result. Errors: "malformed" (not a JSON object),
// "no_verdict" (smartctl could not assess the disk: no smart_status, e.g. a virtual
// disk, a disk in standby, or permission denied; the message carries smartctl's own).
Result<wire::SmartHealth> parseSmartctlHealth(std::string_view text, const std::string& device);

}  // namespace steward::agent
