// Routing by asset group end to end: incidents raised by collector events on real
// assets in SQLite, groups in the same database, mail through a real SMTP server
// (python3-aiosmtpd) and webhooks to a real HTTP receiver on loopback.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <mutex>

#include "server/itsm/assets/asset_group_service.h"
#include "server/itsm/assets/sqlite_asset_group_repository.h"
#include "server/itsm/incidents/incident_service.h"
#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "server/notify/email_sender.h"
#include "server/notify/notification_worker.h"
#include "server/storage/sqlite/sqlite_asset_repository.h"
#include "shared/common/clock.h"
#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/server/test_records.h"
#include "tests/support/process.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/temp_dir.h"

namespace steward::server::notify {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDb01 = "0193a1b2-c3d4-7e5f-8a6b-000000000d01";
constexpr const char* kWs07 = "0193a1b2-c3d4-7e5f-8a6b-000000000d07";
constexpr const char* kPg02 = "0193a1b2-c3d4-7e5f-8a6b-000000000d02";

// Records the incident number of every webhook POST it receives.
class WebhookReceiver {
 public:
  WebhookReceiver()
      : server_({}, [this](const http::HttpRequest& r) {
          std::lock_guard lock(mutex_);
          auto body = boost::json::parse(r.body);
          numbers_.emplace_back(body.at("incident").at("number").as_string());
          return http::jsonOk("{}");
        }) {}
  std::string url() {
    auto port = server_.start();
    EXPECT_TRUE(port);
    return "http://127.0.0.1:" + std::to_string(port ? *port : 0) + "/dba";
  }
  std::vector<std::string> numbers() {
    std::lock_guard lock(mutex_);
    return numbers_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> numbers_;
  http::HttpServer server_;
};

class GroupRoutingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = dir_.file("server.db");
    auto assets = SqliteAssetRepository::open(db, clock_);
    ASSERT_TRUE(assets) << assets.error().message;
    assets_ = std::move(*assets);
    auto groups = itsm::SqliteAssetGroupRepository::open(db);
    ASSERT_TRUE(groups) << groups.error().message;
    groups_ = std::move(*groups);
    auto incidents = itsm::SqliteIncidentRepository::open(db, clock_);
    ASSERT_TRUE(incidents) << incidents.error().message;
    incidents_ = std::move(*incidents);
    group_service_.emplace(*groups_, *assets_, clock_);
    for (auto [id, hostname] :
         {std::pair{kDb01, "db-01"}, std::pair{kWs07, "ws-07"}, std::pair{kPg02, "pg-02"}}) {
      auto record = server::testing::recordFor(id, std::string("asset-") + hostname, hostname,
                                               "2026-11-25T16:30:00.000Z");
      record.inventory.system.fqdn = std::string(hostname) + ".corp.example";
      ASSERT_TRUE(assets_->upsertAsset(record));
    }
  }
  void startService() {
    incident_service_.emplace(*incidents_, clock_, policy_, config_);
    incident_service_->setAssetGroups(&*group_service_);
  }
  NotifyRoute route(const std::string& name, std::vector<std::string> groups,
                    std::vector<std::string> emails, std::vector<std::string> hooks) {
    NotifyRoute r;
    r.name = name;
    r.groups = std::move(groups);
    r.emails = std::move(emails);
    r.webhooks = std::move(hooks);
    return r;
  }
  std::string raiseOn(const std::string& asset_id, const std::string& hostname,
                      const std::string& rule_id = "failed_unit") {
    wire::IncidentEvent e;
    e.event_id = "ev-" + std::to_string(++events_);
    e.collector_id = "collector-1";
    e.kind = "raise";
    e.asset_id = asset_id;
    e.rule_id = rule_id;
    e.subject = "backup.service";
    e.title = hostname + ": " + rule_id + " on backup.service";
    e.urgency = 2;
    e.occurred_at = formatRfc3339(clock_.now());
    auto applied = incident_service_->applyEvent(e);
    EXPECT_TRUE(applied) << applied.error().message;
    return applied && applied->number ? *applied->number : "";
  }
  // Mail recipient (without angle brackets) and incident number of each message.
  static std::vector<std::string> deliveries(const steward::testing::SmtpSink& smtp) {
    std::vector<std::string> out;
    for (const auto& message : smtp.messages()) {
      const auto to = message.find("To: ");
      const auto number = message.find("INC");
      std::string rcpt = message.substr(to + 4, message.find_first_of("\r\n", to) - to - 4);
      std::erase(rcpt, '<');
      std::erase(rcpt, '>');
      out.push_back(rcpt + " " + message.substr(number, 10));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  steward::testing::TempDir dir_;
  SystemClock clock_;
  itsm::IncidentPolicy policy_;
  NotifyConfig config_;
  std::unique_ptr<SqliteAssetRepository> assets_;
  std::unique_ptr<itsm::SqliteAssetGroupRepository> groups_;
  std::unique_ptr<itsm::SqliteIncidentRepository> incidents_;
  std::optional<itsm::AssetGroupService> group_service_;
  std::optional<itsm::IncidentService> incident_service_;
  int events_ = 0;
};

TEST_F(GroupRoutingTest, ARouteWithGroupsSendsOnlyForIncidentsOnTheirAssets) {
  steward::testing::SmtpSink smtp(dir_.path().string());
  ASSERT_NE(smtp.port(), 0);
  WebhookReceiver dba_hook;
  config_.from = "steward@example.test";
  config_.routes = {route("dba", {"dbservers"}, {"dba@example.test"}, {dba_hook.url()}),
                    route("everything", {}, {"ops@example.test"}, {}),
                    route("ghost", {"no-such-group"}, {"ghost@example.test"}, {})};
  // db-01 by rule, pg-02 listed explicitly; ws-07 in neither.
  itsm::AssetGroup dbservers{"dbservers", "", {kPg02}, {}, "", ""};
  dbservers.rules.push_back(itsm::GroupRule{"db-*", std::nullopt, std::nullopt});
  ASSERT_TRUE(group_service_->create(dbservers));
  startService();

  const auto on_db = raiseOn(kDb01, "db-01");
  const auto on_ws = raiseOn(kWs07, "ws-07");
  const auto on_pg = raiseOn(kPg02, "pg-02");
  ASSERT_EQ(on_db, "INC0000001");
  ASSERT_EQ(on_ws, "INC0000002");
  ASSERT_EQ(on_pg, "INC0000003");

  PocoSmtpSender mail("127.0.0.1", smtp.port(), 5s);
  http::BeastHttpClient client(5s);
  NotificationWorker worker(*incidents_, clock_, mail, client, config_);
  EXPECT_EQ(worker.drainOnce(), 7u);  // dba: 2 mails + 2 hooks; everything: 3 mails
  ASSERT_TRUE(steward::testing::waitUntil([&] { return smtp.messages().size() == 5; }, 10s))
      << smtp.messages().size();
  EXPECT_EQ(deliveries(smtp),
            (std::vector<std::string>{"dba@example.test INC0000001", "dba@example.test INC0000003",
                                      "ops@example.test INC0000001", "ops@example.test INC0000002",
                                      "ops@example.test INC0000003"}));
  EXPECT_EQ(dba_hook.numbers(), (std::vector<std::string>{"INC0000001", "INC0000003"}));
}

TEST_F(GroupRoutingTest, GroupEditsApplyToTheNextIncidentWithoutARestart) {
  steward::testing::SmtpSink smtp(dir_.path().string());
  ASSERT_NE(smtp.port(), 0);
  config_.from = "steward@example.test";
  config_.routes = {route("dba", {"dbservers"}, {"dba@example.test"}, {})};
  ASSERT_TRUE(group_service_->create(itsm::AssetGroup{"dbservers", "", {}, {}, "", ""}));
  startService();
  PocoSmtpSender mail("127.0.0.1", smtp.port(), 5s);
  http::BeastHttpClient client(5s);
  NotificationWorker worker(*incidents_, clock_, mail, client, config_);

  EXPECT_EQ(raiseOn(kWs07, "ws-07"), "INC0000001");  // the group is empty: nobody is told
  EXPECT_EQ(worker.drainOnce(), 0u);
  itsm::AssetGroupPatch patch;
  patch.rules = std::vector<itsm::GroupRule>{itsm::GroupRule{"ws-*", std::nullopt, std::nullopt}};
  ASSERT_TRUE(group_service_->update("dbservers", patch));
  EXPECT_EQ(raiseOn(kDb01, "db-01"), "INC0000002");  // not matched by the new rule
  EXPECT_EQ(worker.drainOnce(), 0u);
  EXPECT_EQ(raiseOn(kWs07, "ws-07", "smart_failure"), "INC0000003");  // now a member
  EXPECT_EQ(worker.drainOnce(), 1u);
  ASSERT_TRUE(steward::testing::waitUntil([&] { return smtp.messages().size() == 1; }, 10s));
  EXPECT_EQ(deliveries(smtp), (std::vector<std::string>{"dba@example.test INC0000003"}));
}

}  // namespace
}  // namespace steward::server::notify
