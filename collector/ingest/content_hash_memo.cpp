#include "collector/ingest/content_hash_memo.h"

#include <boost/json/basic_parser_impl.hpp>
#include <cstdint>
#include <vector>

#include "shared/http/tls.h"

namespace steward::collector::ingest {

namespace {

using boost::json::error_code;
using boost::json::string_view;

// SAX handler finding where the top-level report_id and collected_at strings lie in
// the input. A string that arrives in parts or unescaped into the parser's own
// buffer does not point into the input: the body is then refused (`unusual`).
struct EnvelopeScan {
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  std::string_view input;
  int depth = 0;
  bool started = false;
  bool root_is_object = false;
  std::string key;
  int wanted = -1;  // 0: report_id, 1: collected_at is the next top-level value
  bool unusual = false;
  bool found[2] = {false, false};
  std::pair<std::size_t, std::size_t> span[2];  // offset, length

  void otherValue() {
    if (depth == 1 && wanted >= 0) unusual = true;  // not a string
    if (depth == 1) wanted = -1;
  }
  bool open() {
    started = true;
    otherValue();
    ++depth;
    return true;
  }
  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return open(); }
  bool on_array_end(std::size_t, error_code&) { return --depth, true; }
  bool on_object_begin(error_code&) {
    const bool first = !started;
    open();
    if (first) root_is_object = true;
    return true;
  }
  bool on_object_end(std::size_t, error_code&) { return --depth, true; }
  bool on_string_part(string_view, std::size_t, error_code&) {
    if (depth == 1 && wanted >= 0) unusual = true;
    return true;
  }
  bool on_string(string_view s, std::size_t n, error_code&) {
    started = true;
    if (depth == 1 && wanted >= 0) {
      // Where the view lies, as addresses: it may point into the parser's own
      // buffer (an escaped string) rather than into the input.
      const auto begin = reinterpret_cast<std::uintptr_t>(input.data());
      const auto at = reinterpret_cast<std::uintptr_t>(s.data());
      const bool inside = at > begin && at + s.size() < begin + input.size();
      const std::size_t offset = inside ? at - begin : 0;
      if (!inside || n != s.size() || found[wanted] || input[offset - 1] != '"' ||
          input[offset + s.size()] != '"') {
        unusual = true;  // escaped, split or repeated
      } else {
        found[wanted] = true;
        span[wanted] = {offset, s.size()};
      }
      wanted = -1;
    }
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (depth == 1) key.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    if (depth == 1) {
      key.append(s.data(), s.size());
      wanted = key == "report_id" ? 0 : key == "collected_at" ? 1 : -1;
      if (wanted >= 0 && found[wanted]) unusual = true;  // repeated
      key.clear();
    }
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_double(double, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_bool(bool, error_code&) { return started = true, otherValue(), true; }
  bool on_null(error_code&) { return started = true, otherValue(), true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::optional<std::string> envelopeFreeBodyHash(std::string_view body) {
  boost::json::basic_parser<EnvelopeScan> parser{boost::json::parse_options{}};
  parser.handler().input = body;
  error_code ec;
  const std::size_t consumed = parser.write_some(false, body.data(), body.size(), ec);
  const EnvelopeScan& scan = parser.handler();
  if (ec || consumed != body.size() || !scan.root_is_object || scan.unusual || !scan.found[0] ||
      !scan.found[1]) {
    return std::nullopt;
  }
  // The body with both values emptied ("report_id":""): what is left decodes to the
  // same report content whatever the two values were.
  auto first = scan.span[0];
  auto second = scan.span[1];
  if (second.first < first.first) std::swap(first, second);
  std::string rest;
  rest.reserve(body.size());
  rest.append(body.substr(0, first.first));
  rest.append(body.substr(first.first + first.second, second.first - first.first - first.second));
  rest.append(body.substr(second.first + second.second));
  return http::sha256Hex(rest);
}

std::optional<std::string> ContentHashMemo::find(const std::string& body_hash) const {
  std::lock_guard lock(mutex_);
  const auto it = hashes_.find(body_hash);
  if (it == hashes_.end()) return std::nullopt;
  return it->second;
}

void ContentHashMemo::remember(const std::string& body_hash, const std::string& content_hash) {
  std::lock_guard lock(mutex_);
  if (hashes_.size() >= capacity_) hashes_.clear();
  hashes_[body_hash] = content_hash;
}

}  // namespace steward::collector::ingest
