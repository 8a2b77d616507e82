// The body scan that lets an unchanged re-inventory skip decoding: its hash must
// ignore exactly the per-report and volatile fields, change with anything else, and
// refuse bodies whose left-out fields the decoder would not accept.

#include "collector/ingest/inventory_body_scan.h"

#include <gtest/gtest.h>

#include "collector/ingest/sighting_ingest.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::ingest {
namespace {

// The sample laptop with a filesystem, whose usage is volatile.
wire::InventoryReport laptop() {
  auto report = testing::laptopReport();
  wire::Filesystem root;
  root.mount_point = "/";
  root.device = "/dev/nvme0n1p2";
  root.type = "ext4";
  root.size_bytes = 900'000'000'000ULL;
  root.used_bytes = 120'000'000'000ULL;
  report.filesystems.push_back(root);
  return report;
}

std::string hashOf(const wire::InventoryReport& report) {
  const auto scan = scanInventoryBody(wire::encodeInventory(report));
  return scan ? scan->content_hash : "";
}

TEST(InventoryBodyScanTest, ReadsTheEnvelopeTheDecoderReads) {
  auto report = laptop();
  report.sequence = 41;
  report.dropped_reports = 3;
  report.section_hashes = {{"packages", "12-00ff"}, {"system", "7-0a0b"}};
  const auto scan = scanInventoryBody(wire::encodeInventory(report));
  ASSERT_TRUE(scan);
  EXPECT_TRUE(scan->envelope_valid);
  EXPECT_EQ(scan->report_id, report.report_id);
  EXPECT_EQ(scan->agent_id, report.agent_id);
  EXPECT_EQ(scan->collected_at, report.collected_at);
  EXPECT_EQ(scan->sequence, 41u);
  EXPECT_EQ(scan->dropped_reports, 3u);
  EXPECT_EQ(scan->section_hashes, report.section_hashes);
  EXPECT_EQ(scan->content_hash.size(), 64u);  // SHA-256, hex
}

TEST(InventoryBodyScanTest, VolatileAndDeliveryFieldsDoNotCount) {
  auto report = laptop();
  ASSERT_FALSE(report.filesystems.empty());
  ASSERT_FALSE(report.interfaces.empty());
  const std::string first = hashOf(report);
  ASSERT_FALSE(first.empty());
  report.report_id = "0193a1b2-0000-7000-8000-00000000beef";
  report.collected_at = "2031-01-01T00:00:00Z";
  report.sequence = 7;
  report.dropped_reports = 2;
  report.section_hashes = {{"system", "1-00"}};
  report.system.uptime_seconds = 123456.5;
  report.filesystems[0].used_bytes = 42;
  report.interfaces[0].oper_state = "down";
  report.interfaces[0].speed_mbps = 10;
  EXPECT_EQ(hashOf(report), first);
  // The same way the collector hashes a report it has no body of.
  EXPECT_EQ(reportContent(report, "agent").sha256, first);
}

TEST(InventoryBodyScanTest, AnythingElseCounts) {
  const auto base = laptop();
  const std::string first = hashOf(base);
  auto renamed = base;
  renamed.system.hostname += "-x";
  auto upgraded = base;
  upgraded.agent_version = "9.9.9";
  auto resized = base;
  resized.filesystems[0].size_bytes = resized.filesystems[0].size_bytes.value_or(0) + 1;
  auto package = base;
  package.packages.push_back({"curl", "7.88.1-10", std::string("amd64"), "dpkg"});
  for (const auto& changed : {renamed, upgraded, resized, package}) {
    EXPECT_NE(hashOf(changed), first);
  }
  // Values moved across keys or between strings must not give the same stream.
  const auto a = scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":"ab","y":""})");
  const auto b = scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":"a","y":"b"})");
  const auto c = scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":["ab"],"y":""})");
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->content_hash, b->content_hash);
  EXPECT_NE(a->content_hash, c->content_hash);
}

TEST(InventoryBodyScanTest, OtherSourcesKeepTheVolatileFields) {
  auto report = laptop();
  const std::string first = reportContent(report, "snmp").sha256;
  report.interfaces[0].oper_state = "down";
  EXPECT_NE(reportContent(report, "snmp").sha256, first);
}

TEST(InventoryBodyScanTest, LeftOutFieldsOfTheWrongTypeAreRefused) {
  const std::string head = R"({"report_id":"r","agent_id":"a","collected_at":"t",)";
  EXPECT_TRUE(scanInventoryBody(head + R"("system":{"uptime_seconds":5}})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("system":{"uptime_seconds":"5"}})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("system":{"uptime_seconds":{"a":1}}})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("system":{"uptime_seconds":null}})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("filesystems":[{"used_bytes":-1}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("filesystems":[{"used_bytes":1.5}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("interfaces":[{"speed_mbps":4294967296}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("interfaces":[{"oper_state":1}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("sequence":"1"})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("section_hashes":{"s":{"x":"1"}}})"));
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r","report_id":"s","agent_id":"a","collected_at":"t"})"));
  EXPECT_FALSE(scanInventoryBody(R"(["report_id"])"));
  EXPECT_FALSE(scanInventoryBody("not json"));
  EXPECT_FALSE(scanInventoryBody(head + R"("x":1)"));  // truncated
}

TEST(InventoryBodyScanTest, AnEnvelopeTheDecoderRejectsIsMarkedInvalid) {
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"","agent_id":"a","collected_at":"t"})")->envelope_valid);
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r","agent_id":"","collected_at":"t"})")->envelope_valid);
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r","agent_id":"a"})")->envelope_valid);
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","section_hashes":{"s":""}})")->envelope_valid);
  EXPECT_TRUE(scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","section_hashes":{"s":"1"}})")->envelope_valid);
}

}  // namespace
}  // namespace steward::collector::ingest
