#pragma once

// /etc/os-release (os-release(5)): KEY=VALUE lines, values optionally quoted.

#include <map>
#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::agent {

// Every well-formed assignment, with quotes removed and shell escapes (\" \\ \$ \`)
// resolved. Comments, blank lines and malformed lines are skipped. An Error
// ("malformed") when no assignment at all was found.
Result<std::map<std::string, std::string>> parseOsRelease(std::string_view text);

}  // namespace steward::agent
