#include "shared/common/id.h"

#include <array>
#include <cstdint>
#include <random>

namespace steward {

std::string newUuidV7(const Clock& clock) {
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }()};
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch())
          .count());
  std::array<std::uint8_t, 16> b{};
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  const std::uint64_t r1 = rng();
  const std::uint64_t r2 = rng();
  for (int i = 6; i < 16; ++i) {
    b[i] = static_cast<std::uint8_t>(i < 12 ? r1 >> (8 * (i - 6)) : r2 >> (8 * (i - 12)));
  }
  b[6] = static_cast<std::uint8_t>(0x70 | (b[6] & 0x0f));  // version 7
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3f));  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

bool isUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace steward
