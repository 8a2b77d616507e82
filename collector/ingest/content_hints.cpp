#include "collector/ingest/content_hints.h"

#include <charconv>

namespace steward::collector::ingest {

std::uint64_t ContentHints::prefixOf(const std::string& content_hash) {
  std::uint64_t prefix = 0;
  const std::size_t digits = std::min<std::size_t>(content_hash.size(), 16);
  (void)std::from_chars(content_hash.data(), content_hash.data() + digits, prefix, 16);
  return prefix;
}

std::optional<bool> ContentHints::matches(const std::string& agent_id,
                                          const std::string& content_hash) const {
  const std::uint64_t prefix = prefixOf(content_hash);
  std::lock_guard lock(mutex_);
  const auto it = prefixes_.find(agent_id);
  if (it == prefixes_.end()) return std::nullopt;
  return it->second == prefix;
}

void ContentHints::remember(const std::string& agent_id, const std::string& content_hash) {
  const std::uint64_t prefix = prefixOf(content_hash);
  std::lock_guard lock(mutex_);
  if (prefixes_.size() >= capacity_ && !prefixes_.contains(agent_id)) prefixes_.clear();
  prefixes_[agent_id] = prefix;
}

void ContentHints::forget(const std::string& agent_id) {
  std::lock_guard lock(mutex_);
  prefixes_.erase(agent_id);
}

}  // namespace steward::collector::ingest
