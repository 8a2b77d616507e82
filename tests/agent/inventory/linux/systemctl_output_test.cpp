#include "agent/inventory/linux/systemctl_output.h"

#include <gtest/gtest.h>

#include "tests/agent/fake_command_runner.h"

namespace steward::agent {
namespace {

using testing::fixtureText;

TEST(SystemctlListUnitsTest, ParsesSystemd252Json) {
  auto units = parseSystemctlListUnits(fixtureText("systemd/debian12-list-units.json"));
  ASSERT_TRUE(units) << units.error().message;
  ASSERT_EQ(units->size(), 18u);
  EXPECT_EQ(units->at(4), (UnitStatus{"dbus.service", "loaded", "active", "running",
                                      "D-Bus System Message Bus"}));
  EXPECT_EQ(units->at(8).active, "failed");
  EXPECT_EQ(units->at(12).load, "not-found");
}

TEST(SystemctlListUnitsTest, PlainTableGivesTheSameUnits) {
  auto json = parseSystemctlListUnits(fixtureText("systemd/debian12-list-units.json"));
  auto text = parseSystemctlListUnits(fixtureText("systemd/debian12-list-units.txt"));
  ASSERT_TRUE(json);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*json, *text);
}

TEST(SystemctlListUnitsTest, EmptyOutputIsNoUnits) {
  auto units = parseSystemctlListUnits("");
  ASSERT_TRUE(units);
  EXPECT_TRUE(units->empty());
  units = parseSystemctlListUnits("[]\n");
  ASSERT_TRUE(units);
  EXPECT_TRUE(units->empty());
}

TEST(SystemctlListUnitsTest, TruncatedJsonIsMalformed) {
  const std::string full = fixtureText("systemd/debian12-list-units.json");
  auto units = parseSystemctlListUnits(full.substr(0, full.size() / 2));
  ASSERT_FALSE(units);
  EXPECT_EQ(units.error().code, "malformed");
}

TEST(SystemctlListUnitsTest, TruncatedTableKeepsTheCompleteRows) {
  const std::string full = fixtureText("systemd/debian12-list-units.txt");
  // Cut in the middle of the fourth row's name.
  const auto third_end = full.find('\n', full.find('\n', full.find('\n') + 1) + 1);
  auto units = parseSystemctlListUnits(full.substr(0, third_end + 5));
  ASSERT_TRUE(units);
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ(units->back().name, "console-getty.service");
}

TEST(SystemctlListUnitsTest, GarbageAndErrorMessagesAreMalformed) {
  for (const char* text :
       {"System has not been booted with systemd as init system (PID 1). Can't operate.\n"
        "Failed to connect to bus: Host is down\n",
        "\x7f"
        "ELF\x02\x01\x01",
        "{\"unit\":\"a.service\"}", "[1,2,3", "null"}) {
    auto units = parseSystemctlListUnits(text);
    EXPECT_FALSE(units) << text;
  }
}

TEST(SystemctlListUnitsTest, HostileEntriesAreSkipped) {
  const std::string long_name(300, 'a');
  const std::string json =
      "[{\"unit\":\"ok.service\",\"load\":\"loaded\",\"active\":\"active\",\"sub\":\"running\","
      "\"description\":\"tab\\there\\u0007bell\"},"
      "{\"unit\":\"" +
      long_name +
      ".service\",\"load\":\"loaded\",\"active\":\"active\","
      "\"sub\":\"running\"},"
      "{\"unit\":\"no-dot\",\"load\":\"loaded\",\"active\":\"active\",\"sub\":\"running\"},"
      "{\"unit\":\"bad.service\",\"load\":\"LOADED!\",\"active\":\"active\",\"sub\":\"x\"},"
      "{\"unit\":7},\"string\",[],null]";
  auto units = parseSystemctlListUnits(json);
  ASSERT_TRUE(units) << units.error().message;
  ASSERT_EQ(units->size(), 1u);
  EXPECT_EQ(units->at(0).name, "ok.service");
  EXPECT_EQ(units->at(0).description, "tabherebell");  // control characters dropped
}

TEST(SystemctlListUnitFilesTest, ParsesCapturedJsonAndTable) {
  auto json = parseSystemctlListUnitFiles(fixtureText("systemd/container-list-unit-files.json"));
  auto text = parseSystemctlListUnitFiles(fixtureText("systemd/container-list-unit-files.txt"));
  ASSERT_TRUE(json) << json.error().message;
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(json->size(), 110u);
  EXPECT_EQ(*json, *text);
  EXPECT_EQ(json->at(0), (UnitFileStatus{"apt-daily-upgrade.service", "static"}));
  EXPECT_EQ(json->at(3), (UnitFileStatus{"console-getty.service", "disabled"}));
}

TEST(SystemctlListUnitFilesTest, GarbageIsMalformedTruncationCostsOneRow) {
  EXPECT_FALSE(parseSystemctlListUnitFiles("Failed to list unit files: Access denied\n"));
  EXPECT_FALSE(parseSystemctlListUnitFiles("[{\"unit_file\":\"a.service\",\"sta"));
  auto cut = parseSystemctlListUnitFiles("a.service enabled enabled\nb.service disab");
  ASSERT_TRUE(cut);
  ASSERT_EQ(cut->size(), 2u);  // "disab" is a state word; the row is kept as systemd cut it
  cut = parseSystemctlListUnitFiles("a.service enabled enabled\nb.serv");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->size(), 1u);
}

TEST(UnitNameTest, AcceptsSystemdNamesOnly) {
  EXPECT_TRUE(isUnitName("ssh.service"));
  EXPECT_TRUE(isUnitName("getty@tty1.service"));
  EXPECT_TRUE(isUnitName("sys-devices-pci0000:00.device"));
  EXPECT_FALSE(isUnitName(""));
  EXPECT_FALSE(isUnitName("ssh"));
  EXPECT_FALSE(isUnitName(".service"));
  EXPECT_FALSE(isUnitName("a b.service"));
  EXPECT_FALSE(isUnitName("a\x01.service"));
}

}  // namespace
}  // namespace steward::agent
