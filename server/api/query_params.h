#pragma once

// Query-string parameters for the read API, with errors worded for the client.

#include <cstdint>
#include <optional>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"

namespace steward::server {

// A query parameter; nullopt when absent. Error "invalid_query" for a value that
// does not percent-decode (the client's error, not absence).
Result<std::optional<std::string>> queryParam(const http::HttpRequest& request,
                                              const std::string& name);

// A decimal parameter within [1, max]; nullopt when absent; "invalid_query" otherwise.
Result<std::optional<std::uint32_t>> positiveQueryParam(const http::HttpRequest& request,
                                                        const std::string& name,
                                                        std::uint32_t max);

}  // namespace steward::server
