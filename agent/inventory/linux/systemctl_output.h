#pragma once

// Pure parsers for what `systemctl` prints, tested on captured output
// (tests/fixtures/systemd). systemd 246 and later print JSON with `-o json`; older
// ones ignore the option and print the plain table, so both forms are understood:
//   systemctl list-units --all --plain --no-legend --no-pager -o json
//     [{"unit":"ssh.service","load":"loaded","active":"active","sub":"running",
//       "description":"OpenBSD Secure Shell server"}, ...]
//     ssh.service loaded active running OpenBSD Secure Shell server
//   systemctl list-unit-files --no-legend --no-pager -o json
//     [{"unit_file":"ssh.service","state":"enabled","preset":"enabled"}, ...]
//     ssh.service enabled enabled

#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

struct UnitStatus {
  std::string name;  // "ssh.service"
  std::string load;  // "loaded", "not-found", "masked", "error", "bad-setting"
  std::string active;
  std::string sub;
  std::string description;  // may be empty
  friend bool operator==(const UnitStatus&, const UnitStatus&) = default;
};

struct UnitFileStatus {
  std::string name;   // "ssh.service", "getty@.service"
  std::string state;  // "enabled", "disabled", "static", "masked", "alias", "generated"...
  friend bool operator==(const UnitFileStatus&, const UnitFileStatus&) = default;
};

// Entries that do not look like a unit (bad name, missing or odd state words) are
// skipped, so a truncated last line costs one unit, not the list. Errors
// ("malformed"): the text is neither a JSON array nor a table with at least one
// good row (garbage, an error message, JSON cut short). Empty output is an empty list.
Result<std::vector<UnitStatus>> parseSystemctlListUnits(std::string_view text);
Result<std::vector<UnitFileStatus>> parseSystemctlListUnitFiles(std::string_view text);

// True for a plausible unit name: "name.type", printable ASCII without spaces,
// at most 256 bytes (systemd's own limit).
bool isUnitName(std::string_view name);

}  // namespace steward::agent
