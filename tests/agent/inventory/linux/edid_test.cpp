// The EDID parser on the fixture blobs (tests/fixtures/linux/edid/make_edid.py,
// checked with Debian's edid-decode) and on broken ones; the monitor reader on the
// workstation and laptop trees.

#include "agent/inventory/linux/edid.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::readFile;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

std::string fixture(const std::string& relative) { return fixturesDir() + "/linux/" + relative; }
std::string dellEdid() { return readFile(fixture("workstation/sys/class/drm/card0-DP-1/edid")); }

// Sets byte 127 so the base block sums to 0 again after an edit.
void fixChecksum(std::string& edid) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < 127; ++i) sum += static_cast<unsigned char>(edid[i]);
  edid[127] = static_cast<char>((256 - sum % 256) % 256);
}

TEST(EdidParserTest, DellMonitorAsEdidDecodeShowsIt) {
  const std::string edid = dellEdid();
  ASSERT_EQ(edid.size(), 256u);  // base block plus a CTA-861 extension, not read
  auto m = parseEdid(edid, "card0-DP-1");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->connector, "card0-DP-1");
  EXPECT_EQ(m->manufacturer_id, "DEL");
  EXPECT_EQ(m->manufacturer, "Dell");
  EXPECT_EQ(m->model, "DELL U2720Q");
  EXPECT_EQ(m->product_code, 41201u);
  EXPECT_EQ(m->serial, "F3K8123");  // the serial descriptor beats the number 1279996465
  EXPECT_EQ(m->manufacture_year, 2020u);
  EXPECT_EQ(m->width_mm, 597u);  // from the detailed timing, finer than 60 x 34 cm
  EXPECT_EQ(m->height_mm, 336u);
}

TEST(EdidParserTest, LaptopPanelWithoutNameOrSerial) {
  auto m = parseEdid(readFile(fixture("laptop/sys/class/drm/card1-eDP-1/edid")), "card1-eDP-1");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->manufacturer, "AU Optronics");
  EXPECT_EQ(m->model, "B140HAN06.8");  // last text descriptor
  EXPECT_EQ(m->product_code, 26861u);
  EXPECT_FALSE(m->serial);  // serial number 0, no serial descriptor
  EXPECT_EQ(m->manufacture_year, 2019u);
  EXPECT_EQ(m->width_mm, 309u);
}

TEST(EdidParserTest, ModelYearAndNumericSerialFallback) {
  std::string edid = readFile(fixture("edid/benq-model-year.bin"));
  auto m = parseEdid(edid, "card0-HDMI-A-1");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->manufacturer, "BenQ");
  EXPECT_EQ(m->manufacture_year, 2018u);  // week 0xFF: the model year
  EXPECT_EQ(m->serial, "ET9AJ01234SL0");
  // Without the serial descriptor (tag 0xFF → 0x10, "dummy"), the number is used.
  edid[72 + 3] = 0x10;
  fixChecksum(edid);
  m = parseEdid(edid, "x");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->serial, "21573");  // 0x00005445
  // An unknown PNP id keeps its code without a name.
  edid[8] = 0x10, edid[9] = 0x21;  // "DAA"
  fixChecksum(edid);
  m = parseEdid(edid, "x");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->manufacturer_id, "DAA");
  EXPECT_FALSE(m->manufacturer);
}

TEST(EdidParserTest, RejectsShortBadHeaderAndBadChecksum) {
  const std::string good = dellEdid();
  for (std::size_t size : {0u, 8u, 127u}) {
    auto m = parseEdid(good.substr(0, size), "x");
    ASSERT_FALSE(m) << size;
    EXPECT_EQ(m.error().code, "malformed_edid");
    EXPECT_NE(m.error().message.find("shorter than 128"), std::string::npos);
  }
  std::string bad_header = good;
  bad_header[0] = 0x01;
  EXPECT_NE(parseEdid(bad_header, "x").error().message.find("header"), std::string::npos);
  std::string bad_sum = good;
  bad_sum[20] ^= 0x40;
  EXPECT_EQ(parseEdid(bad_sum, "x").error().message, "EDID base block checksum does not add up");
}

TEST(EdidParserTest, GarbageFieldsAreLeftOut) {
  std::string edid = dellEdid().substr(0, 128);
  edid[8] = 0, edid[9] = 0;  // PNP letters out of range
  edid[10] = 0, edid[11] = 0;
  edid[17] = 0;
  edid[21] = 0;
  for (std::size_t at = 54; at < 126; ++at) edid[at] = 0;  // all descriptors zero
  edid[90 + 3] = static_cast<char>(0xFC);
  edid[90 + 5] = '\x07';  // a control character in the name
  fixChecksum(edid);
  auto m = parseEdid(edid, "x");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_FALSE(m->manufacturer_id);
  EXPECT_FALSE(m->product_code);
  EXPECT_FALSE(m->manufacture_year);
  EXPECT_FALSE(m->width_mm);
  EXPECT_FALSE(m->model);
  EXPECT_EQ(m->serial, "1279996465");
}

TEST(MonitorReaderTest, ConnectedMonitorsOnlyAndBrokenOnesLogged) {
  FsRoot workstation(fixture("workstation"));
  auto monitors = readMonitors(workstation);
  ASSERT_EQ(monitors.size(), 1u);  // card0 is the GPU; HDMI-A-1 has an empty edid
  EXPECT_EQ(monitors[0].model, "DELL U2720Q");

  FsRoot laptop(fixture("laptop"));
  monitors = readMonitors(laptop);
  ASSERT_EQ(monitors.size(), 1u);
  EXPECT_EQ(monitors[0].connector, "card1-eDP-1");

  TempDir dir;
  dir.write("sys/class/drm/card0-DP-1/edid", dellEdid().substr(0, 100));
  dir.write("sys/class/drm/card0-DP-2/edid", std::string(128, '\xff'));
  FsRoot broken(dir.path());
  LogCapture log;
  EXPECT_TRUE(readMonitors(broken).empty());
  EXPECT_TRUE(log.contains({"skipped monitor on card0-DP-1", "shorter than 128"}));
  EXPECT_TRUE(log.contains({"skipped monitor on card0-DP-2", "header"}));

  FakeFsRoot denied(fixture("workstation"));
  denied.deny("/sys/class/drm/card0-DP-1/edid");
  EXPECT_TRUE(readMonitors(denied).empty());
  EXPECT_TRUE(log.contains({"/sys/class/drm/card0-DP-1/edid", "permission_denied"}));

  TempDir empty;
  FsRoot none(empty.path());
  EXPECT_TRUE(readMonitors(none).empty());
}

}  // namespace
}  // namespace steward::agent
