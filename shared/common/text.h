#pragma once

// The small text chores config readers, parsers and repositories all need. ASCII
// only on purpose: identifiers, keys and hex are ASCII, and locale-dependent case
// folding would make matching differ between machines.

#include <string>
#include <string_view>

namespace steward {

// `text` without leading and trailing ASCII whitespace (space, \t, \r, \n, \f, \v).
std::string trimmed(std::string_view text);

// `text` with A-Z folded to a-z (or a-z to A-Z); every other byte unchanged.
std::string asciiLower(std::string_view text);
std::string asciiUpper(std::string_view text);

}  // namespace steward
