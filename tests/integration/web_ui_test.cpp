// The web UI in a real browser (Debian's chromium driven by playwright-core from
// tests/e2e) against a real steward-server: an incident raised through the
// collector incident-events endpoint is worked to resolved by the admin, who logs
// in with the password `steward-server user add` generated, then reports one by hand
// and logs out. Skipped, saying why,
// where node, chromium or tests/e2e/node_modules is missing (install-deps.sh
// --tests installs them).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>

#include "tests/integration/steward_stack.h"

namespace steward::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kNode = "/usr/bin/node";

std::string chromium() {
  const char* custom = std::getenv("STEWARD_CHROMIUM");
  return custom != nullptr ? custom : "/usr/bin/chromium";
}

fs::path e2eDir() { return fs::path(STEWARD_FIXTURES_DIR).parent_path() / "e2e"; }

std::string missingBrowserPieces() {
  std::string missing;
  if (!fs::exists(kNode)) missing += " node";
  if (!fs::exists(chromium())) missing += " chromium";
  if (!fs::exists(e2eDir() / "node_modules" / "playwright-core")) {
    missing += " playwright-core (npm install --prefix tests/e2e)";
  }
  return missing;
}

std::string raiseEvent() {
  return R"({"schema_version":"1.1","event_id":"e2e-raise-1","collector_id":"site-1",)"
         R"("kind":"raise","asset_id":"0193a000-0000-7000-8000-0000000000e2",)"
         R"("rule_id":"disk_usage","subject":"/var","title":"Filesystem /var is 97% full",)"
         R"("description":"97% used, threshold 90%","urgency":1,)"
         R"("evidence":{"used_percent":97,"threshold":90},"occurred_at":"2026-09-21T10:00:00Z"})";
}

TEST(WebUiBrowserTest, AdminLogsInAndWorksAnAutoRaisedIncidentToResolved) {
  if (const std::string missing = missingBrowserPieces(); !missing.empty()) {
    GTEST_SKIP() << "browser test needs:" << missing;
  }
  StewardStack stack;
  stack.startServerAndCollector();
  const auto raised =
      stack.post(stack.serverUrl() + "/api/v1/collector/incident-events", raiseEvent(),
                 "application/json", "Bearer " + stack.collectorToken());
  ASSERT_EQ(raised.status, 200) << raised.body;
  const std::string number(raised.json.at("number").as_string());

  ChildProcess browser(kNode,
                       {(e2eDir() / "incidents_ui.mjs").string(), stack.serverUrl(), "admin",
                        stack.adminPassword(), number, stack.dir().path().string()},
                       stack.dir().file("browser.log"));
  const int status = browser.wait(120s);
  ASSERT_EQ(status, 0) << browser.log() << "\n" << stack.logs();

  const auto detail = stack.get(stack.serverUrl() + "/api/v1/incidents/" + number);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json.at("state").as_string(), "resolved");
  EXPECT_EQ(detail.json.at("resolution_note").as_string(), "Journal vacuumed; 40% free now");
  bool note_by_admin = false;
  for (const auto& entry : detail.json.at("timeline").as_array()) {
    note_by_admin =
        note_by_admin || (entry.at("actor").as_string() == "person:admin" &&
                          entry.at("note").as_string() == "Cleared old journal files on /var");
  }
  EXPECT_TRUE(note_by_admin) << detail.body;

  const auto reported = stack.get(stack.serverUrl() + "/api/v1/incidents?source=person:admin");
  ASSERT_EQ(reported.status, 200) << reported.body;
  ASSERT_EQ(reported.json.at("total").as_int64(), 1) << reported.body;
  EXPECT_EQ(reported.json.at("items").at(0).at("title").as_string(),
            "Projector in room 4 shows no picture");
  EXPECT_EQ(reported.json.at("items").at(0).at("urgency").as_int64(), 2);
}

}  // namespace
}  // namespace steward::testing
