#pragma once

// What this collector process last stored as each agent's content hash, kept in
// memory so that an agent's re-inventory learns whether it can skip decoding
// without a read of the database first. Only a hint: the transaction that records
// an unchanged report checks the stored sighting again, and a report the hint sends
// to the decoder is still recognised as unchanged there. A wrong hint costs time,
// never correctness.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace steward::collector::ingest {

class ContentHints {
 public:
  // Holds at most `capacity` agents (about 120 bytes each); past that it starts again
  // empty (the agents then each pay one database read, as after a restart).
  explicit ContentHints(std::size_t capacity = 200'000) : capacity_(capacity) {}

  // Whether the agent's stored content has `content_hash` (hex SHA-256); nullopt
  // when this process does not know.
  std::optional<bool> matches(const std::string& agent_id, const std::string& content_hash) const;
  void remember(const std::string& agent_id, const std::string& content_hash);
  void forget(const std::string& agent_id);

 private:
  // The first 64 bits of the hash: enough for a hint, and a fleet of them is small.
  static std::uint64_t prefixOf(const std::string& content_hash);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::uint64_t> prefixes_;
};

}  // namespace steward::collector::ingest
