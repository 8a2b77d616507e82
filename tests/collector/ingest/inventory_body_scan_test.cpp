// The body scan that lets an unchanged re-inventory skip decoding: its hash must
// ignore exactly the per-report and volatile fields, change with anything else, and
// refuse bodies whose left-out fields the decoder would not accept.

#include "collector/ingest/inventory_body_scan.h"

#include <gtest/gtest.h>

#include <random>

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
  const auto a =
      scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":"ab","y":""})");
  const auto b =
      scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":"a","y":"b"})");
  const auto c =
      scanInventoryBody(R"({"report_id":"r","agent_id":"a","collected_at":"t","x":["ab"],"y":""})");
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
  EXPECT_FALSE(scanInventoryBody(head + R"("system":{"uptime_seconds":1e999}})"));  // not finite
  EXPECT_FALSE(scanInventoryBody(head + R"("system":{"uptime_seconds":01}})"));     // not JSON
  EXPECT_TRUE(scanInventoryBody(head + R"("system":{"uptime_seconds":-1.5e3}})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("filesystems":[{"used_bytes":-1}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("filesystems":[{"used_bytes":1.5}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("interfaces":[{"speed_mbps":4294967296}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("interfaces":[{"oper_state":1}]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("sequence":"1"})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("section_hashes":{"s":{"x":"1"}}})"));
  EXPECT_FALSE(
      scanInventoryBody(R"({"report_id":"r","report_id":"s","agent_id":"a","collected_at":"t"})"));
  EXPECT_FALSE(scanInventoryBody(R"(["report_id"])"));
  EXPECT_FALSE(scanInventoryBody("not json"));
  EXPECT_FALSE(scanInventoryBody(head + R"("x":1)"));  // truncated
}

TEST(InventoryBodyScanTest, AnEnvelopeTheDecoderRejectsIsMarkedInvalid) {
  EXPECT_FALSE(
      scanInventoryBody(R"({"report_id":"","agent_id":"a","collected_at":"t"})")->envelope_valid);
  EXPECT_FALSE(
      scanInventoryBody(R"({"report_id":"r","agent_id":"","collected_at":"t"})")->envelope_valid);
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r","agent_id":"a"})")->envelope_valid);
  EXPECT_FALSE(
      scanInventoryBody(
          R"({"report_id":"r","agent_id":"a","collected_at":"t","section_hashes":{"s":""}})")
          ->envelope_valid);
  EXPECT_TRUE(
      scanInventoryBody(
          R"({"report_id":"r","agent_id":"a","collected_at":"t","section_hashes":{"s":"1"}})")
          ->envelope_valid);
}

TEST(InventoryBodyScanTest, StringsHoldingJsonSyntaxDoNotMisleadIt) {
  // Package names with quotes, brackets and escapes, before the envelope fields:
  // the envelope is still found, and the names still count.
  auto report = laptop();
  report.packages.push_back({"we\"ird]},{\"x", "1.0\\", std::string("all"), "dpkg"});
  report.packages.push_back({"caf\u00e9 \u2603", "2", std::nullopt, "dpkg"});
  const std::string body = wire::encodeInventory(report);
  const auto scan = scanInventoryBody(body);
  ASSERT_TRUE(scan);
  EXPECT_TRUE(scan->envelope_valid);
  EXPECT_EQ(scan->report_id, report.report_id);
  EXPECT_EQ(scan->collected_at, report.collected_at);
  auto renamed = report;
  renamed.packages.back().name = "caf\u00e9 \u2604";
  EXPECT_NE(hashOf(renamed), scan->content_hash);
}

TEST(InventoryBodyScanTest, ControlBytesAndEscapedKeysAreLeftToTheDecoder) {
  const std::string head = R"({"report_id":"r","agent_id":"a","collected_at":"t",)";
  EXPECT_TRUE(scanInventoryBody(head + "\n\t\"x\" :\r\n[1, {\"y\": \"z\"}]}"));
  // Raw control bytes: invalid in JSON, and the scan's own framing bytes.
  EXPECT_FALSE(scanInventoryBody(head + "\"x\":[\"a\x01b\"]}"));
  EXPECT_FALSE(scanInventoryBody(head + "\"x\":[1,\x02 2]}"));
  // A key written with escapes may be an envelope field in disguise.
  EXPECT_FALSE(scanInventoryBody(R"({"report\u005fid":"r","agent_id":"a","collected_at":"t"})"));
  // Left-out strings with escapes or non-ASCII bytes are the decoder's to read.
  EXPECT_FALSE(scanInventoryBody(R"({"report_id":"r\u0041","agent_id":"a","collected_at":"t"})"));
  EXPECT_FALSE(
      scanInventoryBody("{\"report_id\":\"r\xc3\xa9\",\"agent_id\":\"a\",\"collected_at\":\"t\"}"));
  // Unbalanced or mismatched brackets inside a span.
  EXPECT_FALSE(scanInventoryBody(head + R"("x":[1,{"y":2]]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("x":[[1]})"));
  EXPECT_FALSE(scanInventoryBody(head + R"("x":1} trailing)"));
}

// What must hold for a body to skip the decoder: any body whose hash equals an
// accepted body's decodes, and to the same content once the left-out fields are
// set aside. Bodies made by mutating a real one, biased towards the bytes that
// steer the scan, probe it.
wire::InventoryReport withoutLeftOutFields(wire::InventoryReport r) {
  r.report_id = "-";
  r.agent_id = "-";  // compared on its own
  r.collected_at = "-";
  r.sequence.reset();
  r.dropped_reports.reset();
  r.section_hashes.clear();
  r.system.uptime_seconds.reset();
  for (auto& f : r.filesystems) f.used_bytes.reset();
  for (auto& n : r.interfaces) {
    n.oper_state.reset();
    n.speed_mbps.reset();
  }
  return r;
}

TEST(InventoryBodyScanTest, AnyBodyWithAnAcceptedBodysHashDecodesToItsContent) {
  auto report = laptop();
  report.sequence = 12;
  report.section_hashes = {{"system", "1-ab"}};
  report.system.uptime_seconds = 3600.5;
  const std::string body = wire::encodeInventory(report);
  const auto original = scanInventoryBody(body);
  ASSERT_TRUE(original);
  const std::string content = wire::encodeInventory(withoutLeftOutFields(report));

  std::mt19937 random(20261201);
  const std::string alphabet = "\"\\{}[],: 09-.eEa\x01\n";
  int same_hash = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string mutant = body;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !mutant.empty(); ++e) {
      const std::size_t at = random() % mutant.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          mutant[at] = c;
          break;
        case 1:
          mutant.insert(at, 1, c);
          break;
        default:
          mutant.erase(at, 1);
      }
    }
    const auto scan = scanInventoryBody(mutant);
    if (!scan || scan->content_hash != original->content_hash) continue;
    ++same_hash;
    const auto decoded = wire::decodeInventory(mutant);
    ASSERT_TRUE(decoded) << "accepted by the scan, refused by the decoder: " << mutant;
    EXPECT_EQ(wire::encodeInventory(withoutLeftOutFields(*decoded)), content) << mutant;
  }
  // The probe reached the interesting cases: edits the hash rightly ignores.
  EXPECT_GT(same_hash, 100);
}

}  // namespace
}  // namespace steward::collector::ingest
