// The body hash that lets the collector skip re-encoding a report must change with
// anything but report_id and collected_at, and refuse bodies it cannot cut safely.

#include "collector/ingest/content_hash_memo.h"

#include <gtest/gtest.h>

#include "collector/ingest/sighting_ingest.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::ingest {
namespace {

TEST(EnvelopeFreeBodyHashTest, IgnoresReportIdAndCollectionTimeOnly) {
  auto report = testing::laptopReport();
  const auto first = envelopeFreeBodyHash(wire::encodeInventory(report));
  ASSERT_TRUE(first);
  report.report_id = "0193a1b2-0000-7000-8000-00000000beef";
  report.collected_at = "2031-01-01T00:00:00Z";
  EXPECT_EQ(envelopeFreeBodyHash(wire::encodeInventory(report)), first);
  report.system.hostname += "-renamed";
  const auto renamed = envelopeFreeBodyHash(wire::encodeInventory(report));
  ASSERT_TRUE(renamed);
  EXPECT_NE(*renamed, *first);
}

TEST(EnvelopeFreeBodyHashTest, ValuesMovedBetweenTheEnvelopeAndTheContentDoNotCollide) {
  const auto a = envelopeFreeBodyHash(R"({"report_id":"r","collected_at":"t","x":"1"})");
  const auto b = envelopeFreeBodyHash(R"({"report_id":"r","collected_at":"t1","x":""})");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
}

TEST(EnvelopeFreeBodyHashTest, BodiesItCannotCutSafelyAreRefused) {
  EXPECT_FALSE(envelopeFreeBodyHash("not json"));
  EXPECT_FALSE(envelopeFreeBodyHash(R"(["report_id","collected_at"])"));
  EXPECT_FALSE(envelopeFreeBodyHash(R"({"report_id":"r"})"));  // no collected_at
  EXPECT_FALSE(envelopeFreeBodyHash(R"({"report_id":"r","collected_at":5})"));
  EXPECT_FALSE(envelopeFreeBodyHash(R"({"report_id":"r\u0031","collected_at":"t"})"));
  EXPECT_FALSE(envelopeFreeBodyHash(R"({"report_id":"r","report_id":"s","collected_at":"t"})"));
  EXPECT_FALSE(envelopeFreeBodyHash(R"({"report_id":"r","collected_at":"t"} trailing)"));
  // Nested members of those names are content, not envelope: the hash sees them.
  const auto nested = envelopeFreeBodyHash(
      R"({"report_id":"r","collected_at":"t","system":{"report_id":"inner"}})");
  const auto other = envelopeFreeBodyHash(
      R"({"report_id":"r","collected_at":"t","system":{"report_id":"other"}})");
  ASSERT_TRUE(nested && other);
  EXPECT_NE(*nested, *other);
}

TEST(ContentHashMemoTest, RemembersUntilFullThenStartsOver) {
  ContentHashMemo memo(2);
  EXPECT_FALSE(memo.find("a"));
  memo.remember("a", "hash-a");
  memo.remember("b", "hash-b");
  EXPECT_EQ(memo.find("a"), "hash-a");
  memo.remember("c", "hash-c");  // full: forgets a and b
  EXPECT_FALSE(memo.find("a"));
  EXPECT_EQ(memo.find("c"), "hash-c");
}

}  // namespace
}  // namespace steward::collector::ingest
