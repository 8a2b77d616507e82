#include "server/api/query_params.h"

#include <charconv>

namespace steward::server {

// A query parameter; nullopt when absent. request.query() also says nullopt for a
// value that does not percent-decode, which is the client's error, not absence.
Result<std::optional<std::string>> queryParam(const http::HttpRequest& request,
                                         const std::string& name) {
  auto value = request.query(name);
  if (value) return value;
  const auto q = request.target.find('?');
  const std::string query = q == std::string::npos ? "" : "&" + request.target.substr(q + 1);
  if (query.find("&" + name + "=") != std::string::npos) {
    return makeError("invalid_query", name + " is not correctly percent-encoded");
  }
  return std::optional<std::string>();
}

// A decimal parameter within [1, max]; nullopt when absent.
Result<std::optional<std::uint32_t>> positiveQueryParam(const http::HttpRequest& request,
                                                   const std::string& name, std::uint32_t max) {
  auto text = queryParam(request, name);
  if (!text) return text.error();
  if (!*text) return std::optional<std::uint32_t>();
  const std::string& digits = **text;
  std::uint32_t value = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || ptr != end || value < 1 || value > max) {
    return makeError("invalid_query", name + " must be an integer from 1 to " +
                                          std::to_string(max) + ", got '" + digits + "'");
  }
  return std::optional<std::uint32_t>(value);
}

}  // namespace steward::server
