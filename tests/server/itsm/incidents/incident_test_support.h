#pragma once

// An IncidentService over a real SQLite repository in a temp dir, a FakeClock and a
// collector event builder, for the incident tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/itsm/incidents/incident_service.h"
#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::server::itsm::testing {

inline constexpr const char* kAssetA = "0193a000-0000-7000-8000-00000000000a";
inline constexpr const char* kAssetB = "0193a000-0000-7000-8000-00000000000b";

inline wire::IncidentEvent diskEvent(const std::string& kind, const std::string& event_id,
                                     const std::string& subject = "/var") {
  wire::IncidentEvent e;
  e.event_id = event_id;
  e.collector_id = "site-1";
  e.kind = kind;
  e.asset_id = kAssetA;
  e.rule_id = "disk_usage";
  e.subject = subject;
  e.title = "Filesystem " + subject + " is 97% full";
  e.description = "usage 97% above threshold 90% for 5 min";
  e.urgency = 2;
  e.evidence = R"({"used_percent":97,"threshold":90})";
  e.occurred_at = "2026-09-21T10:00:00.000Z";
  return e;
}

class IncidentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteIncidentRepository::open(dir_.file("server.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    repo_ = std::move(*opened);
    service_ = std::make_unique<IncidentService>(*repo_, clock_, policy_, notify_);
  }

  Incident mustGet(const std::string& key) {
    auto i = repo_->get(key);
    EXPECT_TRUE(i) << (i ? "" : i.error().message);
    return i ? *i : Incident{};
  }

  steward::testing::TempDir dir_;
  steward::testing::FakeClock clock_;
  IncidentPolicy policy_;
  notify::NotifyConfig notify_;
  std::unique_ptr<SqliteIncidentRepository> repo_;
  std::unique_ptr<IncidentService> service_;
};

}  // namespace steward::server::itsm::testing
