#pragma once

// The HTTP Date header's IMF-fixdate form (RFC 9110 section 5.6.7):
// "Sun, 06 Nov 1994 08:49:37 GMT". Servers send it; agents compare it with their own
// clock to report clock offset.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace steward::http {

std::string formatHttpDate(std::chrono::system_clock::time_point t);

// IMF-fixdate only (the form every current server sends); nullopt for anything else,
// including the obsolete RFC 850 and asctime forms and out-of-range fields.
std::optional<std::chrono::system_clock::time_point> parseHttpDate(std::string_view text);

}  // namespace steward::http
