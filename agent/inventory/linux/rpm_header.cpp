#include "agent/inventory/linux/rpm_header.h"

namespace steward::agent {
namespace {

constexpr std::uint32_t kTagName = 1000;
constexpr std::uint32_t kTagVersion = 1001;
constexpr std::uint32_t kTagRelease = 1002;
constexpr std::uint32_t kTagEpoch = 1003;
constexpr std::uint32_t kTagInstallTime = 1008;
constexpr std::uint32_t kTagVendor = 1011;
constexpr std::uint32_t kTagPackager = 1015;
constexpr std::uint32_t kTagArch = 1022;

constexpr std::uint32_t kTypeInt32 = 4;
constexpr std::uint32_t kTypeString = 6;
constexpr std::uint32_t kTypeI18nString = 9;  // first entry is the untranslated text

constexpr std::size_t kPreambleBytes = 8;
constexpr std::size_t kEntryBytes = 16;

std::uint32_t be32(std::string_view bytes, std::size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

Error malformed(const std::string& what) { return makeError("malformed_rpm_header", what); }

struct Entry {
  std::uint32_t tag, type, offset, count;
};

// The NUL-terminated string at the entry's offset, or an error.
Result<std::string> stringAt(const Entry& e, std::string_view store) {
  if (e.type != kTypeString && e.type != kTypeI18nString) {
    return malformed("tag " + std::to_string(e.tag) + " has type " + std::to_string(e.type) +
                     ", expected a string");
  }
  if (e.offset >= store.size()) {
    return malformed("tag " + std::to_string(e.tag) + " offset " + std::to_string(e.offset) +
                     " is past the data store (" + std::to_string(store.size()) + " bytes)");
  }
  const std::size_t end = store.find('\0', e.offset);
  if (end == std::string_view::npos) {
    return malformed("tag " + std::to_string(e.tag) + " string has no terminating NUL");
  }
  return std::string(store.substr(e.offset, end - e.offset));
}

Result<std::uint32_t> int32At(const Entry& e, std::string_view store) {
  if (e.type != kTypeInt32 || e.count < 1) {
    return malformed("tag " + std::to_string(e.tag) + " has type " + std::to_string(e.type) +
                     ", expected INT32");
  }
  if (e.offset % 4 != 0 || std::size_t{e.offset} + 4 > store.size()) {
    return malformed("tag " + std::to_string(e.tag) + " INT32 at offset " +
                     std::to_string(e.offset) + " is misaligned or past the data store");
  }
  return be32(store, e.offset);
}

std::optional<std::string> nonEmpty(std::string text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

Result<RpmHeader> parseRpmHeader(std::string_view blob) {
  if (blob.size() < kPreambleBytes) {
    return malformed("blob of " + std::to_string(blob.size()) + " bytes has no preamble");
  }
  const std::uint32_t index_count = be32(blob, 0);
  const std::uint32_t data_length = be32(blob, 4);
  if (index_count == 0 || index_count > kRpmMaxTags) {
    return malformed("index count " + std::to_string(index_count) + " is out of range");
  }
  if (data_length > kRpmMaxData) {
    return malformed("data length " + std::to_string(data_length) + " is out of range");
  }
  // Both are bounded above, so this cannot overflow.
  const std::size_t store_at = kPreambleBytes + std::size_t{index_count} * kEntryBytes;
  if (blob.size() < store_at + data_length) {
    return malformed("blob of " + std::to_string(blob.size()) + " bytes is shorter than its " +
                     std::to_string(index_count) + " index entries and " +
                     std::to_string(data_length) + " data bytes");
  }
  const std::string_view store = blob.substr(store_at, data_length);

  RpmHeader header;
  bool have_name = false;
  bool have_version = false;
  for (std::uint32_t i = 0; i < index_count; ++i) {
    const std::size_t at = kPreambleBytes + std::size_t{i} * kEntryBytes;
    const Entry e{be32(blob, at), be32(blob, at + 4), be32(blob, at + 8), be32(blob, at + 12)};
    switch (e.tag) {
      case kTagName:
      case kTagVersion:
      case kTagRelease:
      case kTagArch:
      case kTagVendor:
      case kTagPackager: {
        auto text = stringAt(e, store);
        if (!text) return text.error();
        if (e.tag == kTagName) header.name = std::move(*text), have_name = true;
        if (e.tag == kTagVersion) header.version = std::move(*text), have_version = true;
        if (e.tag == kTagRelease) header.release = nonEmpty(std::move(*text));
        if (e.tag == kTagArch) header.arch = nonEmpty(std::move(*text));
        if (e.tag == kTagVendor) header.vendor = nonEmpty(std::move(*text));
        if (e.tag == kTagPackager) header.packager = nonEmpty(std::move(*text));
        break;
      }
      case kTagEpoch:
      case kTagInstallTime: {
        auto value = int32At(e, store);
        if (!value) return value.error();
        if (e.tag == kTagEpoch) header.epoch = *value;
        if (e.tag == kTagInstallTime) header.install_time = *value;
        break;
      }
      default:
        break;  // every other tag (file lists, scripts, signatures) is not ours
    }
  }
  if (!have_name || header.name.empty()) return malformed("no NAME tag");
  if (!have_version || header.version.empty()) {
    return malformed("package " + header.name + " has no VERSION tag");
  }
  return header;
}

std::string rpmEvr(const RpmHeader& header) {
  std::string evr;
  if (header.epoch) evr = std::to_string(*header.epoch) + ":";
  evr += header.version;
  if (header.release) evr += "-" + *header.release;
  return evr;
}

}  // namespace steward::agent
