#include "collector/ingest/ocs/ocs_request.h"

#include <gtest/gtest.h>

#include <string>

namespace steward::collector::ingest::ocs {
namespace {

TEST(OcsRequestParserTest, ParsesFusionInventoryProlog) {
  auto r = parseOcsRequest(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REQUEST>\n  <DEVICEID>vm-2026-11-25-17-39-00"
      "</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n  <TOKEN>12345678</TOKEN>\n</REQUEST>\n");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->device_id, "vm-2026-11-25-17-39-00");
  EXPECT_EQ(r->query, "PROLOG");
  ASSERT_EQ(r->header.size(), 1u);
  EXPECT_EQ(r->header[0].first, "TOKEN");
  EXPECT_TRUE(r->content.empty());
}

TEST(OcsRequestParserTest, EachSectionElementIsAnEntryAndNestedFieldsArePaths) {
  auto r = parseOcsRequest(
      "<REQUEST><CONTENT>"
      "<SOFTWARES><NAME>bash</NAME><VERSION>5.2</VERSION></SOFTWARES>"
      "<SOFTWARES><NAME>a&amp;b</NAME></SOFTWARES>"
      "<OPERATINGSYSTEM><TIMEZONE><NAME>UTC</NAME></TIMEZONE></OPERATINGSYSTEM>"
      "<VERSIONCLIENT>OCS-NG_unified_unix_agent_v2.10.0</VERSIONCLIENT>"
      "</CONTENT><DEVICEID>d</DEVICEID><QUERY> INVENTORY </QUERY></REQUEST>");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->query, "INVENTORY");
  ASSERT_EQ(r->section("SOFTWARES").size(), 2u);
  EXPECT_EQ(r->section("SOFTWARES")[0]->get("VERSION"), "5.2");
  EXPECT_EQ(r->section("SOFTWARES")[1]->get("NAME"), "a&b");
  EXPECT_EQ(r->first("OPERATINGSYSTEM")->get("TIMEZONE/NAME"), "UTC");
  EXPECT_EQ(r->first("VERSIONCLIENT")->text, "OCS-NG_unified_unix_agent_v2.10.0");
}

TEST(OcsRequestParserTest, EnvironmentAndProcessesNeverLeaveTheParser) {
  auto r = parseOcsRequest(
      "<REQUEST><CONTENT>"
      "<ENVS><KEY>AWS_SECRET_ACCESS_KEY</KEY><VAL>hunter2</VAL></ENVS>"
      "<PROCESSES><CMD>mysql -phunter2</CMD></PROCESSES>"
      "<HARDWARE><NAME>vm</NAME></HARDWARE>"
      "</CONTENT><DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->content.size(), 1u);
  EXPECT_EQ(r->content[0].section, "HARDWARE");
}

TEST(OcsRequestParserTest, AnyDoctypeIsRejectedOutright) {
  const char* attacks[] = {
      // external entity (XXE)
      "<?xml version=\"1.0\"?><!DOCTYPE REQUEST [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<REQUEST><DEVICEID>&x;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>",
      // billion laughs
      "<!DOCTYPE REQUEST [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
      "<REQUEST><DEVICEID>&c;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>",
      // external DTD, no internal subset
      "<!DOCTYPE REQUEST SYSTEM \"http://127.0.0.1:1/evil.dtd\">"
      "<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>",
  };
  for (const char* xml : attacks) {
    auto r = parseOcsRequest(xml);
    ASSERT_FALSE(r) << xml;
    EXPECT_EQ(r.error().code, "doctype_rejected") << r.error().message;
  }
}

TEST(OcsRequestParserTest, MalformedXmlIsRefusedWithAReason) {
  const char* bad[] = {
      "",
      "<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY>",  // truncated
      "<REQUEST><DEVICEID>d</QUERY></REQUEST>",                // mismatched tags
      "<REQUEST><DEVICEID>&undefined;</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>",
      "<REPLY><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REPLY>",  // wrong root
      "\xff\xfe<REQUEST/>",
      "<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REQUEST><REQUEST/>",
  };
  for (const char* xml : bad) {
    auto r = parseOcsRequest(xml);
    ASSERT_FALSE(r) << xml;
    EXPECT_EQ(r.error().code, "malformed_xml") << xml;
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(OcsRequestParserTest, DeepNestingAndTooManyEntriesAreRefused) {
  std::string deep = "<REQUEST><CONTENT>";
  for (int i = 0; i < 100; ++i) deep += "<A>";
  for (int i = 0; i < 100; ++i) deep += "</A>";
  deep += "</CONTENT><DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  auto r = parseOcsRequest(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "malformed_xml");
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);

  std::string many = "<REQUEST><CONTENT>";
  for (int i = 0; i < 11; ++i) many += "<SOFTWARES><NAME>p</NAME></SOFTWARES>";
  many += "</CONTENT><DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  OcsParseLimits limits;
  limits.max_entries = 10;
  auto m = parseOcsRequest(many, limits);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, "malformed_xml");
}

TEST(OcsRequestParserTest, MissingDeviceIdOrQueryIsRefused) {
  auto no_id = parseOcsRequest("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>");
  ASSERT_FALSE(no_id);
  EXPECT_EQ(no_id.error().code, "missing_field");
  EXPECT_NE(no_id.error().message.find("DEVICEID"), std::string::npos);
  auto no_query = parseOcsRequest("<REQUEST><DEVICEID>d</DEVICEID><QUERY> </QUERY></REQUEST>");
  ASSERT_FALSE(no_query);
  EXPECT_EQ(no_query.error().code, "missing_field");
  EXPECT_NE(no_query.error().message.find("QUERY"), std::string::npos);
}

}  // namespace
}  // namespace steward::collector::ingest::ocs
