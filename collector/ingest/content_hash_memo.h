#pragma once

// Skips re-encoding an agent's report to hash its content when the same body (but
// for its report_id and collected_at) was hashed before. An unchanged re-inventory
// is the common case, and encoding 86 KB of JSON again just to find it equal to
// the last one cost about as much as decoding it.
//
// The memo maps the SHA-256 of the body with those two values cut out (the rest of
// the bytes determine the decoded report, and so its content hash) to the content
// hash (reportContent(report).sha256). It is a cache of a pure function: whatever
// the database holds, a hit gives the same hash the encoding would.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace steward::collector::ingest {

// SHA-256 (hex) of `body` without the contents of its top-level "report_id" and
// "collected_at" strings; nullopt when the body is not such a plain object (one of
// them missing, escaped, repeated or not a string; malformed JSON), so the caller
// encodes instead.
std::optional<std::string> envelopeFreeBodyHash(std::string_view body);

class ContentHashMemo {
 public:
  explicit ContentHashMemo(std::size_t capacity = 100'000) : capacity_(capacity) {}

  std::optional<std::string> find(const std::string& body_hash) const;
  // Forgets everything when full: a bound on memory, at the cost of one encoding per
  // agent afterwards.
  void remember(const std::string& body_hash, const std::string& content_hash);

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> hashes_;
};

}  // namespace steward::collector::ingest
