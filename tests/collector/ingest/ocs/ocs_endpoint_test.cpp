#include "collector/ingest/ocs/ocs_endpoint.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <sstream>

#include "collector/ingest/ingest_router.h"
#include "collector/ingest/ocs/ocs_compression.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::ingest::ocs {
namespace {

using http::HttpRequest;
using http::HttpResponse;
using testing::CollectorHarness;

const char* const kProlog =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REQUEST><DEVICEID>vm-2026-11-25-17-39-00"
    "</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>";

std::string fixture(const std::string& name) {
  std::ifstream in(::steward::testing::fixturesDir() + "/ocs/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OcsEndpointTest : public ::testing::Test {
 protected:
  HttpResponse post(const std::string& body,
                    const std::string& content_type = "application/x-compress-zlib",
                    const std::string& path = "/ocsinventory") {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.setHeader("Content-Type", content_type);
    request.body = body;
    return router_.handle(request);
  }
  // The reply as the agents read it: zlib, root <REPLY>.
  static std::string inflateReply(const HttpResponse& response) {
    EXPECT_GE(response.body.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(response.body[0]), 0x78);
    EXPECT_EQ(static_cast<unsigned char>(response.body[1]), 0x9C);
    auto xml = decodeBody(response.body, BodyEncoding::Zlib, 1 << 20);
    EXPECT_TRUE(xml) << xml.error().message;
    return xml ? *xml : "";
  }
  static std::string errorCode(const HttpResponse& response) {
    return std::string(boost::json::parse(response.body).at("error").at("code").as_string());
  }
  // Stores the FusionInventory fixture so "nothing changed" is checked on a non-empty store.
  void storeBaseline() {
    ASSERT_EQ(post(zlibCompress(fixture("fusioninventory-2.6-debian12-vm.xml"))).status, 200);
    baseline_assets_ = h_.assetCount();
    baseline_outbox_ = h_.outbox().size();
  }
  void expectNothingStored() {
    EXPECT_EQ(h_.assetCount(), baseline_assets_);
    EXPECT_EQ(h_.outbox().size(), baseline_outbox_);
  }

  CollectorHarness h_;
  OcsEndpoint ocs_{*h_.service, h_.clock, OcsOptions{1024 * 1024, 24}};
  IngestRouter router_{*h_.service, &ocs_};
  std::int64_t baseline_assets_ = 0;
  std::size_t baseline_outbox_ = 0;
};

TEST_F(OcsEndpointTest, PrologIsAnsweredWithSendInZlibOnBothPaths) {
  for (const char* path : {"/ocsinventory", "/"}) {
    const HttpResponse response = post(zlibCompress(kProlog), "application/x-compress-zlib", path);
    ASSERT_EQ(response.status, 200) << path << ": " << response.body;
    const std::string xml = inflateReply(response);
    EXPECT_NE(xml.find("<REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</PROLOG_FREQ></REPLY>"),
              std::string::npos)
        << xml;
  }
  EXPECT_EQ(h_.assetCount(), 0);  // a PROLOG stores nothing
}

TEST_F(OcsEndpointTest, InventoryIsStoredAndQueuedForTheServerLikeANativeReport) {
  const HttpResponse response =
      post(zlibCompress(fixture("ocsinventory-2.10-debian12-vm.xml")), "application/x-compress");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_NE(inflateReply(response).find("<REPLY><RESPONSE>no_account_update</RESPONSE></REPLY>"),
            std::string::npos);
  EXPECT_EQ(h_.assetCount(), 1);
  const auto outbox = h_.outbox();
  ASSERT_EQ(outbox.size(), 1u);
  auto record = wire::decodeAssetRecord(outbox[0].payload);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->inventory.system.hostname, "vm");
  EXPECT_EQ(record->inventory.packages.size(), 120u);
  EXPECT_EQ(record->inventory.agent_id.rfind("ocs:", 0), 0u);
}

TEST_F(OcsEndpointTest, ARetriedUploadIsStoredOnce) {
  const std::string body = zlibCompress(fixture("fusioninventory-2.6-debian12-vm.xml"));
  ASSERT_EQ(post(body).status, 200);
  ASSERT_EQ(post(body).status, 200);
  EXPECT_EQ(h_.assetCount(), 1);
  EXPECT_EQ(h_.outbox().size(), 1u);
}

TEST_F(OcsEndpointTest, GzipAndPlainXmlBodiesAreAccepted) {
  const std::string xml = fixture("ocsinventory-2.10-debian12-vm.xml");
  ASSERT_EQ(post(xml, "application/xml").status, 200);
  EXPECT_EQ(h_.assetCount(), 1);
  const HttpResponse prolog = post(kProlog, "application/xml", "/");
  ASSERT_EQ(prolog.status, 200);
  EXPECT_NE(inflateReply(prolog).find("SEND"), std::string::npos);
}

TEST_F(OcsEndpointTest, EnvironmentAndProcessCommandLinesAreNotStored) {
  const std::string xml = fixture("fusioninventory-2.6-debian12-vm.xml");
  ASSERT_NE(xml.find("hunter2-must-not-be-stored"), std::string::npos);  // the fixture has them
  ASSERT_EQ(post(zlibCompress(xml)).status, 200);
  for (const auto& item : h_.outbox()) {
    EXPECT_EQ(item.payload.find("hunter2"), std::string::npos);
    EXPECT_EQ(item.payload.find("STEWARD_FIXTURE_SECRET"), std::string::npos);
  }
}

TEST_F(OcsEndpointTest, NativeAgentAndOcsAgentOnOneMachineAreOneAsset) {
  // A Steward agent on the VM the fixtures come from: same hostname and eth0 MAC, no
  // usable serial or UUID (placeholders), so only the two weak keys can agree.
  auto native = testing::whiteboxReport("vm", "02:fc:00:00:00:01");
  auto first = h_.service->ingestInventory(native);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(post(zlibCompress(fixture("fusioninventory-2.6-debian12-vm.xml"))).status, 200);
  ASSERT_EQ(post(zlibCompress(fixture("ocsinventory-2.10-debian12-vm.xml"))).status, 200);
  EXPECT_EQ(h_.assetCount(), 1);
  for (const auto& item : h_.outbox()) EXPECT_EQ(item.asset_id, first->asset_id);
}

TEST_F(OcsEndpointTest, DoctypeIsRejectedAndNothingStored) {
  storeBaseline();
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE REQUEST [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
      "<REQUEST><CONTENT><HARDWARE><NAME>&x;</NAME></HARDWARE></CONTENT>"
      "<DEVICEID>evil</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  const HttpResponse response = post(zlibCompress(xxe));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(errorCode(response), "doctype_rejected");
  expectNothingStored();
}

TEST_F(OcsEndpointTest, ZlibBombIs413AndNothingStored) {
  storeBaseline();
  const HttpResponse response = post(zlibCompress(std::string(4 * 1024 * 1024, ' ')));
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(errorCode(response), "inflated_too_large");
  expectNothingStored();
}

TEST_F(OcsEndpointTest, BadBodiesAre400WithAReasonAndNothingStored) {
  storeBaseline();
  const std::string inventory = zlibCompress(fixture("ocsinventory-2.10-debian12-vm.xml"));
  const struct {
    std::string body;
    std::string code;
  } cases[] = {
      {inventory.substr(0, inventory.size() - 100), "bad_compression"},
      {"\x78\x9c garbage garbage", "bad_compression"},
      {zlibCompress("<REQUEST><CONTENT><HARDWARE><NAME>x</NAME></HARDW"), "malformed_xml"},
      {zlibCompress("<REQUEST><QUERY>INVENTORY</QUERY></REQUEST>"), "missing_field"},
      {zlibCompress("<REQUEST><DEVICEID>d</DEVICEID></REQUEST>"), "missing_field"},
      {zlibCompress("<REQUEST><CONTENT/><DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY>"
                    "</REQUEST>"),
       "missing_field"},
      {zlibCompress("<REQUEST><DEVICEID>d</DEVICEID><QUERY>SNMPQUERY</QUERY></REQUEST>"),
       "unsupported_query"},
  };
  for (const auto& c : cases) {
    const HttpResponse response = post(c.body);
    EXPECT_EQ(response.status, 400) << c.code;
    EXPECT_EQ(errorCode(response), c.code) << response.body;
  }
  expectNothingStored();
}

TEST_F(OcsEndpointTest, WrongMethodAndContentTypeAreRefused) {
  HttpRequest get;
  get.method = "GET";
  get.target = "/ocsinventory";
  EXPECT_EQ(router_.handle(get).status, 405);
  const HttpResponse json = post(zlibCompress(kProlog), "application/json");
  EXPECT_EQ(json.status, 415);
  EXPECT_EQ(errorCode(json), "unsupported_media_type");
}

}  // namespace
}  // namespace steward::collector::ingest::ocs
