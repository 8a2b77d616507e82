#include "agent/inventory/linux/systemd_units.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "agent/inventory/linux/service_inventory.h"
#include "agent/platform/linux/spawn_command_runner.h"
#include "tests/agent/fake_command_runner.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using testing::FakeCommandRunner;
using testing::fixtureText;

constexpr const char* kListUnits =
    "/usr/bin/systemctl list-units --type=service --all --plain --no-legend --no-pager -o json";
constexpr const char* kListUnitFiles =
    "/usr/bin/systemctl list-unit-files --type=service --no-legend --no-pager -o json";
constexpr const char* kListFailed =
    "/usr/bin/systemctl list-units --state=failed --all --plain --no-legend --no-pager -o json";

// A host tree where systemd runs (/run/systemd/system exists) and systemctl answers
// from the fixtures.
struct SystemdHost {
  SystemdHost() {
    dir.write("run/systemd/system/.keep", "");
    runner.install("/usr/bin/systemctl");
    runner.answer(kListUnits, fixtureText("systemd/debian12-list-units.json"));
    runner.answer(kListUnitFiles, fixtureText("systemd/container-list-unit-files.json"));
    runner.answer(kListFailed, fixtureText("systemd/debian12-list-units-failed.json"));
  }
  steward::testing::TempDir dir;
  FakeCommandRunner runner;
};

const wire::Service* find(const std::vector<wire::Service>& services, const std::string& name) {
  for (const auto& s : services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

TEST(SystemdUnitsTest, MergesLoadedUnitsWithUnitFiles) {
  SystemdHost host;
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  const auto services = systemd.services();
  ASSERT_TRUE(services);
  // Running and enabled.
  EXPECT_EQ(*find(*services, "snmpd.service"),
            (wire::Service{"snmpd.service", "Simple Network Management Protocol (SNMP) Daemon.",
                           "loaded", "active", "running", "enabled"}));
  // Failed, enabled.
  const auto* ocs = find(*services, "ocsinventory-agent.service");
  ASSERT_NE(ocs, nullptr);
  EXPECT_EQ(ocs->active_state, "failed");
  EXPECT_EQ(ocs->unit_file_state, "enabled");
  // Installed but never loaded: only its enablement is known.
  EXPECT_EQ(*find(*services, "systemd-networkd.service"),
            (wire::Service{"systemd-networkd.service", std::nullopt, std::nullopt, std::nullopt,
                           std::nullopt, "disabled"}));
  // An instance of a template: loaded state, no unit file of its own.
  const auto* getty = find(*services, "getty@tty1.service");
  ASSERT_NE(getty, nullptr);
  EXPECT_EQ(getty->sub_state, "running");
  EXPECT_FALSE(getty->unit_file_state);
  // Templates and aliases are not units of their own.
  EXPECT_EQ(find(*services, "getty@.service"), nullptr);
  EXPECT_EQ(find(*services, "dbus-org.freedesktop.hostname1.service"), nullptr);
  EXPECT_EQ(find(*services, "cryptdisks-early.service")->unit_file_state, "masked");
  EXPECT_TRUE(std::is_sorted(services->begin(), services->end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST(SystemdUnitsTest, FailedUnitsOfEveryType) {
  SystemdHost host;
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  EXPECT_EQ(systemd.failedUnits(),
            (std::vector<std::string>{"ocsinventory-agent.service", "var-lib-backup.mount"}));
  host.runner.answer(kListFailed, "[]\n");
  EXPECT_EQ(systemd.failedUnits(), std::vector<std::string>{});  // none failed: empty, present
}

TEST(SystemdUnitsTest, WithoutSystemdBothAreAbsentAndNothingRuns) {
  SystemdHost host;
  std::filesystem::remove_all(host.dir.path() / "run");
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  for (int i = 0; i < 3; ++i) {  // every heartbeat: still nothing started
    EXPECT_FALSE(systemd.services());
    EXPECT_FALSE(systemd.failedUnits());
  }
  EXPECT_TRUE(host.runner.calls.empty());
}

TEST(SystemdUnitsTest, WithoutSystemctlBothAreAbsent) {
  SystemdHost host;
  FakeCommandRunner no_systemctl;
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, no_systemctl);
  EXPECT_FALSE(systemd.services());
  EXPECT_FALSE(systemd.failedUnits());
  EXPECT_TRUE(no_systemctl.calls.empty());
}

TEST(SystemdUnitsTest, FailingOrGarbledSystemctlIsAbsentNotAnError) {
  SystemdHost host;
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  host.runner.answer(kListUnits, "Failed to connect to bus: Host is down\n", 1);
  host.runner.fail(kListFailed, "timeout");
  EXPECT_FALSE(systemd.services());
  EXPECT_FALSE(systemd.failedUnits());
  host.runner.answer(kListUnits, "[{\"unit\":\"a.service\",\"lo");  // cut short, exit 0
  host.runner.answer(kListFailed, "\x01\x02garbage");
  EXPECT_FALSE(systemd.services());
  EXPECT_FALSE(systemd.failedUnits());
  // The limits keep a wedged systemctl from holding the heartbeat.
  EXPECT_LE(host.runner.last_limits.timeout, std::chrono::seconds(5));
}

TEST(SystemdUnitsTest, UnreadableUnitFilesStillReportLoadedUnits) {
  SystemdHost host;
  host.runner.fail(kListUnitFiles, "timeout");
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  const auto services = systemd.services();
  ASSERT_TRUE(services);
  EXPECT_EQ(services->size(), 18u);
  EXPECT_FALSE(find(*services, "snmpd.service")->unit_file_state);
}

// The real systemctl on this machine: in a container without systemd there is no
// /run/systemd/system and the answer is "absent"; on a booted machine, a list.
TEST(SystemdUnitsTest, RealSystemctlOnThisHost) {
  FsRoot fs("/");
  SpawnCommandRunner runner;
  SystemdUnits systemd(fs, runner);
  const auto services = systemd.services();
  if (!std::filesystem::exists("/run/systemd/system")) {
    EXPECT_FALSE(services);
    EXPECT_FALSE(systemd.failedUnits());
  } else if (runner.executable("/usr/bin/systemctl") || runner.executable("/bin/systemctl")) {
    ASSERT_TRUE(services);
    EXPECT_FALSE(services->empty());
    EXPECT_TRUE(systemd.failedUnits());
  }
}

// The real systemctl told systemd runs when it does not: it fails, and that is absent.
TEST(SystemdUnitsTest, RealSystemctlWithoutItsManagerIsAbsent) {
  if (std::filesystem::exists("/run/systemd/system")) GTEST_SKIP() << "systemd runs here";
  SpawnCommandRunner runner;
  if (!runner.executable("/usr/bin/systemctl")) GTEST_SKIP() << "no systemctl";
  steward::testing::TempDir dir;
  dir.write("run/systemd/system/.keep", "");
  FsRoot fs(dir.path());
  SystemdUnits systemd(fs, runner);
  EXPECT_FALSE(systemd.services());
  EXPECT_FALSE(systemd.failedUnits());
}

class FixedCollector final : public InventoryCollector {
 public:
  wire::InventoryReport collect() override {
    wire::InventoryReport r;
    r.system.hostname = "host";
    return r;
  }
};

TEST(ServiceInventoryTest, AddsServicesOnlyWhenSwitchedOn) {
  SystemdHost host;
  FsRoot fs(host.dir.path());
  SystemdUnits systemd(fs, host.runner);
  FixedCollector inner;
  const auto on = ServiceInventory(inner, systemd, true).collect();
  EXPECT_EQ(on.system.hostname, "host");
  ASSERT_TRUE(on.services);
  EXPECT_GT(on.services->size(), 18u);
  host.runner.calls.clear();
  const auto off = ServiceInventory(inner, systemd, false).collect();
  EXPECT_FALSE(off.services);
  EXPECT_TRUE(host.runner.calls.empty());
}

}  // namespace
}  // namespace steward::agent
