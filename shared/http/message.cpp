#include "shared/http/message.h"

#include "shared/common/text.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>

namespace steward::http {

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  auto it = headers.find(asciiLower(name));
  return it == headers.end() ? std::string() : it->second;
}

void HttpRequest::setHeader(const std::string& name, std::string value) {
  headers[asciiLower(name)] = std::move(value);
}

std::string HttpRequest::path() const { return target.substr(0, target.find('?')); }

std::optional<std::string> HttpRequest::query(const std::string& name) const {
  const auto q = target.find('?');
  if (q == std::string::npos) return std::nullopt;
  std::size_t pos = q + 1;
  while (pos <= target.size()) {
    std::size_t end = target.find('&', pos);
    if (end == std::string::npos) end = target.size();
    const std::string pair = target.substr(pos, end - pos);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return eq == std::string::npos ? std::string() : percentDecode(pair.substr(eq + 1));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

bool isJsonContentType(const std::string& content_type) {
  std::string media = content_type.substr(0, content_type.find(';'));
  media.erase(std::remove_if(media.begin(), media.end(),
                             [](unsigned char c) { return std::isspace(c) != 0; }),
              media.end());
  return asciiLower(media) == "application/json";
}

std::optional<std::string> percentDecode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = hexValue(text[i + 1]);
    const int lo = hexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

HttpResponse jsonError(int status, const std::string& code, const std::string& message) {
  boost::json::object inner{{"code", code}, {"message", message}};
  boost::json::object outer{{"error", std::move(inner)}};
  return HttpResponse{status, "application/json", boost::json::serialize(outer), {}};
}

HttpResponse jsonOk(std::string body, int status) {
  return HttpResponse{status, "application/json", std::move(body), {}};
}

}  // namespace steward::http
