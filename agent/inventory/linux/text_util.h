#pragma once

// Small text helpers shared by the /proc, /sys and /etc parsers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::agent {

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// Lines of `text` split on '\n', each without a trailing '\r'. A final line without
// a newline is included (truncated files still yield what they have).
std::vector<std::string_view> splitLines(std::string_view text);

// A sysfs attribute value: trimmed, nullopt when empty (unset attributes read as "").
std::optional<std::string> sysfsValue(std::string_view raw);

// A decimal unsigned integer filling all of `text` (after trimming), else nullopt.
std::optional<unsigned long long> parseUnsigned(std::string_view text);

// A decimal number such as "749.87" filling all of `text`, else nullopt.
std::optional<double> parseDouble(std::string_view text);

std::string toLower(std::string_view text);

// Seconds since the Unix epoch as RFC 3339 UTC without fractions, "2025-06-01T09:12:44Z";
// nullopt for a time gmtime cannot represent.
std::optional<std::string> rfc3339FromUnix(std::int64_t seconds);

}  // namespace steward::agent
