#include <gtest/gtest.h>

#include "shared/wire/incident_event.h"

namespace steward::wire {
namespace {

IncidentEvent sample() {
  IncidentEvent e;
  e.event_id = "0193b000-0000-7000-8000-000000000001";
  e.collector_id = "site-1";
  e.kind = "raise";
  e.asset_id = "0193a000-0000-7000-8000-00000000000a";
  e.rule_id = "disk_usage";
  e.subject = "/var";
  e.title = "Filesystem /var is 97% full";
  e.description = "97% > 90% for 5 min";
  e.urgency = 2;
  e.evidence = R"({"threshold":90,"used_percent":97})";
  e.occurred_at = "2026-09-21T10:00:00.000Z";
  e.flapping = true;
  return e;
}

std::string withField(const std::string& key, const std::string& json_value) {
  std::string text = encodeIncidentEvent(sample());
  const std::string needle = "\"" + key + "\":";
  const auto at = text.find(needle);
  const auto value_start = at + needle.size();
  auto value_end = text.find_first_of(",}", value_start);
  if (text[value_start] == '{') value_end = text.find('}', value_start) + 1;
  return text.substr(0, value_start) + json_value + text.substr(value_end);
}

TEST(IncidentEventCodecTest, RoundTrips) {
  auto decoded = decodeIncidentEvent(encodeIncidentEvent(sample()));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, sample());
}

TEST(IncidentEventCodecTest, IgnoresUnknownFieldsAndDefaultsOptionalOnes) {
  auto decoded = decodeIncidentEvent(
      R"({"schema_version":"1.4","event_id":"e1","collector_id":"c","kind":"clear",)"
      R"("asset_id":"a","rule_id":"r","occurred_at":"2026-09-21T10:00:00Z","future":1})");
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->urgency, 3);
  EXPECT_EQ(decoded->evidence, "{}");
  EXPECT_EQ(decoded->subject, "");
  EXPECT_FALSE(decoded->flapping);
}

TEST(IncidentEventCodecTest, RejectsBadValuesWithTheirLocation) {
  struct Case {
    std::string body;
    std::string location;
  };
  const std::vector<Case> cases = {
      {withField("kind", "\"explode\""), "$.kind"},
      {withField("urgency", "4"), "$.urgency"},
      {withField("urgency", "0"), "$.urgency"},
      {withField("evidence", "[1,2]"), "$.evidence"},
      {withField("occurred_at", "\"yesterday\""), "$.occurred_at"},
      {withField("event_id", "\"\""), "$.event_id"},
      {withField("title", "\"\""), "$.title"},
      {withField("flapping", "\"yes\""), "$.flapping"},
      {withField("schema_version", "\"2.0\""), "$.schema_version"},
  };
  for (const auto& c : cases) {
    auto decoded = decodeIncidentEvent(c.body);
    ASSERT_FALSE(decoded) << c.body;
    EXPECT_NE(decoded.error().message.find(c.location), std::string::npos)
        << decoded.error().message;
  }
  auto malformed = decodeIncidentEvent("{\"kind\":");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, "malformed_json");
}

}  // namespace
}  // namespace steward::wire
