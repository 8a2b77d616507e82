// The RPM header parser on blobs built here tag by tag, and on hostile variants of
// them: every truncation, offsets and counts past the data store, wrong types.

#include "agent/inventory/linux/rpm_header.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace steward::agent {
namespace {

void be32(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16);
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}

// Builds a header blob the way rpm lays it out: index entries, then the data store.
class HeaderBuilder {
 public:
  HeaderBuilder& string(std::uint32_t tag, const std::string& text, std::uint32_t type = 6) {
    entries_.push_back({tag, type, static_cast<std::uint32_t>(store_.size()), 1});
    store_ += text;
    store_ += '\0';
    return *this;
  }
  HeaderBuilder& int32(std::uint32_t tag, std::uint32_t value) {
    while (store_.size() % 4 != 0) store_ += '\0';
    entries_.push_back({tag, 4, static_cast<std::uint32_t>(store_.size()), 1});
    be32(store_, value);
    return *this;
  }
  HeaderBuilder& raw(std::uint32_t tag, std::uint32_t type, std::uint32_t offset,
                     std::uint32_t count) {
    entries_.push_back({tag, type, offset, count});
    return *this;
  }
  std::string build() const {
    std::string out;
    be32(out, static_cast<std::uint32_t>(entries_.size()));
    be32(out, static_cast<std::uint32_t>(store_.size()));
    for (const auto& e : entries_) {
      be32(out, e[0]), be32(out, e[1]), be32(out, e[2]), be32(out, e[3]);
    }
    return out + store_;
  }

 private:
  std::vector<std::array<std::uint32_t, 4>> entries_;
  std::string store_;
};

HeaderBuilder openssl() {
  HeaderBuilder b;
  b.raw(63, 7, 0, 16)  // the immutable-region tag rpm puts first; not ours, skipped
      .string(1000, "openssl-libs")
      .string(1001, "3.0.7")
      .string(1002, "27.el9")
      .int32(1003, 1)
      .int32(1008, 1'733'011'200)
      .string(1004, "Utilities from the general purpose cryptography library", 9)
      .string(1011, "Red Hat, Inc.")
      .string(1015, "Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>")
      .string(1022, "x86_64");
  return b;
}

TEST(RpmHeaderTest, ReadsTheWantedTags) {
  auto header = parseRpmHeader(openssl().build());
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->name, "openssl-libs");
  EXPECT_EQ(header->version, "3.0.7");
  EXPECT_EQ(header->release, "27.el9");
  EXPECT_EQ(header->epoch, 1u);
  EXPECT_EQ(header->install_time, 1'733'011'200);
  EXPECT_EQ(header->vendor, "Red Hat, Inc.");
  EXPECT_EQ(header->packager, "Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>");
  EXPECT_EQ(header->arch, "x86_64");
  EXPECT_EQ(rpmEvr(*header), "1:3.0.7-27.el9");
}

TEST(RpmHeaderTest, OptionalTagsMayBeAbsent) {
  auto header =
      parseRpmHeader(HeaderBuilder().string(1001, "2024a").string(1000, "tzdata").build());
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->name, "tzdata");
  EXPECT_FALSE(header->release);
  EXPECT_FALSE(header->epoch);
  EXPECT_FALSE(header->install_time);
  EXPECT_FALSE(header->vendor);
  EXPECT_EQ(rpmEvr(*header), "2024a");
}

TEST(RpmHeaderTest, EveryTruncationIsRejectedNotOverread) {
  const std::string blob = openssl().build();
  for (std::size_t size = 0; size < blob.size(); ++size) {
    // A copy of exactly `size` bytes, so ASan catches any read past it.
    const std::string cut = blob.substr(0, size);
    auto header = parseRpmHeader(cut);
    ASSERT_FALSE(header) << size;
    EXPECT_EQ(header.error().code, "malformed_rpm_header");
  }
}

TEST(RpmHeaderTest, RejectsHostileCountsAndOffsets) {
  struct Case {
    std::string blob, message_part;
  };
  std::string huge_count;
  be32(huge_count, 0x01000000), be32(huge_count, 0);
  std::string huge_data;
  be32(huge_data, 1), be32(huge_data, 0x7FFFFFFF);
  huge_data += std::string(16, '\0');
  const Case cases[] = {
      {"", "no preamble"},
      {huge_count, "index count 16777216 is out of range"},
      {std::string(8, '\0'), "index count 0 is out of range"},
      {huge_data, "data length 2147483647 is out of range"},
      {HeaderBuilder().string(1001, "1").raw(1000, 6, 9999, 1).build(),
       "tag 1000 offset 9999 is past the data store"},
      {HeaderBuilder().string(1000, "x").string(1001, "1").raw(1002, 6, 0xFFFFFFFF, 1).build(),
       "tag 1002 offset 4294967295"},
      {HeaderBuilder().string(1000, "x").string(1001, "1").raw(1008, 4, 1, 1).build(),
       "misaligned or past the data store"},
      {HeaderBuilder().string(1000, "x").string(1001, "1").raw(1008, 4, 4000, 1).build(),
       "misaligned or past the data store"},
      {HeaderBuilder().string(1000, "x").string(1001, "1").raw(1003, 6, 0, 1).build(),
       "tag 1003 has type 6, expected INT32"},
      {HeaderBuilder().int32(1000, 7).string(1001, "1").build(),
       "tag 1000 has type 4, expected a string"},
      {HeaderBuilder().string(1001, "1.0").build(), "no NAME tag"},
      {HeaderBuilder().string(1000, "").string(1001, "1.0").build(), "no NAME tag"},
      {HeaderBuilder().string(1000, "bash").build(), "package bash has no VERSION tag"},
  };
  for (const auto& c : cases) {
    auto header = parseRpmHeader(c.blob);
    ASSERT_FALSE(header) << c.message_part;
    EXPECT_NE(header.error().message.find(c.message_part), std::string::npos)
        << header.error().message;
  }
}

TEST(RpmHeaderTest, StringWithoutTerminatorIsRejected) {
  std::string blob = HeaderBuilder().string(1001, "1").string(1000, "bash").build();
  blob.back() = 'h';  // the store's last NUL, the end of NAME, becomes a letter
  auto header = parseRpmHeader(blob);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().message, "tag 1000 string has no terminating NUL");
}

}  // namespace
}  // namespace steward::agent
