#include "agent/transport/tls_helper_protocol.h"

#include <charconv>
#include <optional>

namespace steward::agent {
namespace {

constexpr std::string_view kCallMagic = "steward-https-call-1";
constexpr std::string_view kOutcomeMagic = "steward-https-outcome-1";
constexpr std::size_t kMaxHeaders = 1000;

class Writer {
 public:
  Writer& field(std::string_view value) {
    out_ += std::to_string(value.size());
    out_ += ':';
    out_ += value;
    out_ += ',';
    return *this;
  }
  Writer& number(std::uint64_t value) { return field(std::to_string(value)); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::optional<std::string_view> field() {
    const std::size_t colon = in_.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 20) return std::nullopt;
    std::size_t size = 0;
    const auto [end, ec] = std::from_chars(in_.data(), in_.data() + colon, size);
    if (ec != std::errc() || end != in_.data() + colon) return std::nullopt;
    if (size > in_.size() - colon - 1 || in_.size() - colon - 1 - size < 1 ||
        in_[colon + 1 + size] != ',') {
      return std::nullopt;
    }
    const std::string_view value = in_.substr(colon + 1, size);
    in_.remove_prefix(colon + 2 + size);
    return value;
  }
  std::optional<std::uint64_t> number() {
    const auto text = field();
    if (!text || text->empty()) return std::nullopt;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

// Reads fields into `out` in order; false at the first one missing or malformed.
bool read(Reader& r, std::initializer_list<std::string*> out) {
  for (std::string* s : out) {
    const auto v = r.field();
    if (!v) return false;
    *s = std::string(*v);
  }
  return true;
}

}  // namespace

std::string encodeHttpsCall(const HttpsCall& call) {
  Writer w;
  w.field(kCallMagic).field(call.to.url).field(call.to.host).field(call.to.port);
  w.field(call.to.target).field(call.request.method).field(call.request.target);
  w.number(call.request.headers.size());
  for (const auto& [name, value] : call.request.headers) w.field(name).field(value);
  w.field(call.request.body);
  w.number(static_cast<std::uint64_t>(call.timeout.count())).number(call.response_limit);
  w.field(call.tls.ca_file).field(call.tls.fingerprint_sha256);
  return w.take();
}

Result<HttpsCall> decodeHttpsCall(std::string_view bytes) {
  const Error bad = makeError("bad_call", "not a steward-agent https call");
  Reader r(bytes);
  if (r.field() != kCallMagic) return bad;
  HttpsCall call;
  if (!read(r, {&call.to.url, &call.to.host, &call.to.port, &call.to.target, &call.request.method,
                &call.request.target})) {
    return bad;
  }
  const auto headers = r.number();
  if (!headers || *headers > kMaxHeaders) return bad;
  for (std::uint64_t i = 0; i < *headers; ++i) {
    std::string name, value;
    if (!read(r, {&name, &value})) return bad;
    call.request.headers[name] = value;
  }
  if (!read(r, {&call.request.body})) return bad;
  const auto timeout = r.number();
  const auto limit = r.number();
  if (!timeout || !limit || *timeout > 3'600'000) return bad;
  call.timeout = std::chrono::milliseconds(*timeout);
  call.response_limit = *limit;
  if (!read(r, {&call.tls.ca_file, &call.tls.fingerprint_sha256}) || !r.done()) return bad;
  return call;
}

std::string encodeHttpsOutcome(const Result<http::HttpResponse>& outcome) {
  Writer w;
  w.field(kOutcomeMagic);
  if (!outcome) {
    w.field("error").field(outcome.error().code).field(outcome.error().message);
    return w.take();
  }
  w.field("response").number(static_cast<std::uint64_t>(outcome->status));
  w.field(outcome->content_type).number(outcome->headers.size());
  for (const auto& [name, value] : outcome->headers) w.field(name).field(value);
  w.field(outcome->body);
  return w.take();
}

Result<http::HttpResponse> decodeHttpsOutcome(std::string_view bytes) {
  const Error bad = makeError("tls_helper_failed", "the TLS helper gave no usable answer");
  Reader r(bytes);
  if (r.field() != kOutcomeMagic) return bad;
  const auto kind = r.field();
  if (kind == "error") {
    std::string code, message;
    if (!read(r, {&code, &message}) || !r.done() || code.empty()) return bad;
    return makeError(code, message);
  }
  if (kind != "response") return bad;
  http::HttpResponse response;
  const auto status = r.number();
  if (!status || *status < 100 || *status > 999) return bad;
  response.status = static_cast<int>(*status);
  if (!read(r, {&response.content_type})) return bad;
  const auto headers = r.number();
  if (!headers || *headers > kMaxHeaders) return bad;
  for (std::uint64_t i = 0; i < *headers; ++i) {
    std::string name, value;
    if (!read(r, {&name, &value})) return bad;
    response.headers.emplace_back(std::move(name), std::move(value));
  }
  if (!read(r, {&response.body}) || !r.done()) return bad;
  return response;
}

}  // namespace steward::agent
