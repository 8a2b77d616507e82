#pragma once

// What steward-agent and its TLS helper (steward-agent-tls) say to each other over
// the helper's stdin and stdout: one https call in, one outcome out. Fields are
// netstrings ("5:hello,"), so bodies may hold any byte; anything else is refused.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "shared/common/result.h"
#include "shared/http/https_sender.h"

namespace steward::agent {

struct HttpsCall {
  http::HttpsTarget to;
  http::HttpRequest request;
  std::chrono::milliseconds timeout{0};
  std::size_t response_limit = 0;
  http::TlsClientOptions tls;
};

std::string encodeHttpsCall(const HttpsCall& call);
// Error "bad_call" for anything that is not exactly one encoded call.
Result<HttpsCall> decodeHttpsCall(std::string_view bytes);

// A response or the sender's error, as the helper writes it.
std::string encodeHttpsOutcome(const Result<http::HttpResponse>& outcome);
// The response, the helper's own error (its code and message), or "tls_helper_failed"
// when the bytes are not an outcome (the helper crashed or wrote garbage).
Result<http::HttpResponse> decodeHttpsOutcome(std::string_view bytes);

}  // namespace steward::agent
