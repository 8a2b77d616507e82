#include "agent/inventory/linux/wtmp.h"

#include <algorithm>
#include <cstring>

namespace steward::agent {
namespace {

constexpr std::int16_t kUserProcess = 7;
constexpr std::size_t kTypeAt = 0;
constexpr std::size_t kUserAt = 44, kUserBytes = 32;
constexpr std::size_t kHostAt = 76, kHostBytes = 256;
constexpr std::size_t kTimeAt = 340;

// A fixed-size field up to its first NUL.
std::string_view field(std::string_view record, std::size_t at, std::size_t size) {
  const std::string_view raw = record.substr(at, size);
  return raw.substr(0, raw.find('\0'));
}

template <typename T>
T hostOrder(std::string_view record, std::size_t at) {
  T value;
  std::memcpy(&value, record.data() + at, sizeof value);
  return value;
}

bool printableAscii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace

void WtmpScanner::feed(std::string_view bytes) {
  if (!pending_.empty()) {
    const std::size_t take = std::min(bytes.size(), kUtmpRecordBytes - pending_.size());
    pending_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (pending_.size() < kUtmpRecordBytes) return;
    record(pending_);
    pending_.clear();
  }
  while (bytes.size() >= kUtmpRecordBytes) {
    record(bytes.substr(0, kUtmpRecordBytes));
    bytes.remove_prefix(kUtmpRecordBytes);
  }
  pending_.assign(bytes);
}

void WtmpScanner::record(std::string_view bytes) {
  ++records_;
  if (hostOrder<std::int16_t>(bytes, kTypeAt) != kUserProcess) return;
  const std::string_view user = field(bytes, kUserAt, kUserBytes);
  const std::int32_t time = hostOrder<std::int32_t>(bytes, kTimeAt);
  if (user.empty() || time < 0 || !printableAscii(user)) return;
  if (!users_.empty() && users_.count(std::string(user)) == 0) return;
  std::string_view host = field(bytes, kHostAt, kHostBytes);
  if (!printableAscii(host)) host = {};
  auto [it, inserted] = last_.try_emplace(std::string(user));
  // wtmp is appended in time order, but a clock step can break that: keep the latest.
  if (!inserted && it->second.time > time) return;
  it->second.time = time;
  it->second.host = host.empty() ? std::nullopt : std::optional<std::string>(host);
}

}  // namespace steward::agent
