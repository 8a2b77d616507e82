#pragma once

// Plain HTTP request/response types shared by routers, the server and the client.
// No Beast here: routers are pure functions over these types and are tested without
// sockets; only shared/http/*.cpp touch Beast and Asio.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace steward::http {

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";  // path plus optional "?query"
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_address;

  // Header value by case-insensitive name, or "" when absent.
  std::string header(const std::string& name) const;
  void setHeader(const std::string& name, std::string value);
  // The target without its query string.
  std::string path() const;
  // A query parameter's (percent-decoded) value, if present.
  std::optional<std::string> query(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// {"error": {"code": ..., "message": ...}} with the given status.
HttpResponse jsonError(int status, const std::string& code, const std::string& message);
HttpResponse jsonOk(std::string body, int status = 200);

// True for "application/json", ignoring case and parameters such as "; charset=utf-8".
bool isJsonContentType(const std::string& content_type);

// Percent-decodes a URL component ('+' stays '+'); nullopt on a bad escape.
std::optional<std::string> percentDecode(const std::string& text);

}  // namespace steward::http
