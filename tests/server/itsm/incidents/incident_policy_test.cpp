#include "server/itsm/incidents/incident_policy.h"

#include <gtest/gtest.h>

#include "server/itsm/incidents/incident_lifecycle.h"
#include "server/server_config.h"

namespace steward::server::itsm {
namespace {

TEST(PriorityMatrixTest, DefaultIsTheItilTable) {
  IncidentPolicy policy;
  EXPECT_EQ(policy.priority(1, 1), 1);
  EXPECT_EQ(policy.priority(1, 3), 3);
  EXPECT_EQ(policy.priority(2, 2), 3);
  EXPECT_EQ(policy.priority(3, 3), 5);
}

TEST(PriorityMatrixTest, ParsesThreeRowsOfThree) {
  auto m = parsePriorityMatrix("P1 P1 P2 / P2 P3 P4 / P4 P4 P5");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ((*m)[0][1], 1);
  EXPECT_EQ((*m)[2][0], 4);
}

TEST(PriorityMatrixTest, BadMatricesNameTheProblem) {
  auto rows = parsePriorityMatrix("P1 P2 P3 / P2 P3 P4");
  ASSERT_FALSE(rows);
  EXPECT_NE(rows.error().message.find("3 rows"), std::string::npos);
  auto cells = parsePriorityMatrix("P1 P2 / P2 P3 P4 / P3 P4 P5");
  ASSERT_FALSE(cells);
  EXPECT_NE(cells.error().message.find("row 1"), std::string::npos);
  auto name = parsePriorityMatrix("P1 P2 P9 / P2 P3 P4 / P3 P4 P5");
  ASSERT_FALSE(name);
  EXPECT_NE(name.error().message.find("'P9'"), std::string::npos);
}

TEST(SlaTargetsTest, OverridesOnlyTheNamedPriorities) {
  IncidentPolicy defaults;
  auto t = parseSlaTargets("P1=10m P4=2d", defaults.response);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ((*t)[0], std::chrono::minutes(10));
  EXPECT_EQ((*t)[1], std::chrono::minutes(30));
  EXPECT_EQ((*t)[3], std::chrono::hours(48));
}

TEST(SlaTargetsTest, RejectsMalformedItems) {
  IncidentPolicy defaults;
  for (const char* bad : {"P1", "P1=", "P1=10", "P1=10w", "P6=1h", "P1=-5m", "P1=0m"}) {
    auto t = parseSlaTargets(bad, defaults.response);
    EXPECT_FALSE(t) << bad;
    if (!t) {
      EXPECT_EQ(t.error().code, "config_invalid");
    }
  }
}

TEST(IncidentLifecycleTest, AllowsTheDocumentedPaths) {
  using S = IncidentState;
  EXPECT_TRUE(checkTransition(S::New, S::InProgress, "", ""));
  EXPECT_TRUE(checkTransition(S::InProgress, S::OnHold, "waiting for vendor", ""));
  EXPECT_TRUE(checkTransition(S::OnHold, S::InProgress, "", ""));
  EXPECT_TRUE(checkTransition(S::InProgress, S::Resolved, "", "replaced disk"));
  EXPECT_TRUE(checkTransition(S::Resolved, S::InProgress, "", ""));  // reopen
  EXPECT_TRUE(checkTransition(S::Resolved, S::Closed, "", ""));
}

TEST(IncidentLifecycleTest, RefusesWithAReason) {
  using S = IncidentState;
  auto closed = checkTransition(S::Closed, S::InProgress, "", "");
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, "invalid_transition");
  EXPECT_NE(closed.error().message.find("final"), std::string::npos);
  auto skip = checkTransition(S::InProgress, S::New, "", "");
  ASSERT_FALSE(skip);
  EXPECT_NE(skip.error().message.find("from in_progress to new"), std::string::npos);
  EXPECT_FALSE(checkTransition(S::New, S::Closed, "", ""));
  auto hold = checkTransition(S::New, S::OnHold, "", "");
  ASSERT_FALSE(hold);
  EXPECT_NE(hold.error().message.find("hold_reason"), std::string::npos);
  auto resolve = checkTransition(S::OnHold, S::Resolved, "", "");
  ASSERT_FALSE(resolve);
  EXPECT_NE(resolve.error().message.find("resolution_note"), std::string::npos);
}

}  // namespace
}  // namespace steward::server::itsm

namespace steward::server {
namespace {

TEST(IncidentConfigTest, ServerConfigReadsTheMatrixAndSlaAndNamesBadKeys) {
  auto base = [] {
    auto ini = IniConfig::empty();
    EXPECT_TRUE(ini.applyOverrides(
        {"storage.path=/tmp/x.db", "auth.collector_token_sha256=" + std::string(64, 'a')}));
    return ini;
  };
  auto ini = base();
  ASSERT_TRUE(ini.applyOverrides({"incidents.priority_matrix=P1 P1 P1 / P2 P2 P2 / P3 P3 P3",
                                  "incidents.sla_response=P1=5m"}));
  auto config = loadServerConfig(ini);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->incident_policy.priority(1, 3), 1);
  EXPECT_EQ(config->incident_policy.response[0], std::chrono::minutes(5));

  auto bad = base();
  ASSERT_TRUE(bad.applyOverrides({"incidents.sla_resolution=P1=soon"}));
  auto refused = loadServerConfig(bad);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("incidents.sla_resolution"), std::string::npos);
  auto bad_matrix = base();
  ASSERT_TRUE(bad_matrix.applyOverrides({"incidents.priority_matrix=P1"}));
  auto refused_matrix = loadServerConfig(bad_matrix);
  ASSERT_FALSE(refused_matrix);
  EXPECT_NE(refused_matrix.error().message.find("incidents.priority_matrix"), std::string::npos);
}

}  // namespace
}  // namespace steward::server
