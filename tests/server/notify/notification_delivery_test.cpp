// Delivery against real targets on loopback: python3-aiosmtpd for mail, the
// project's own HttpServer as the webhook receiver, and a listening socket that never
// answers as a dead target.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <mutex>
#include <thread>

#include "server/itsm/incidents/incident_service.h"
#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "server/notify/email_sender.h"
#include "server/notify/notification_worker.h"
#include "shared/common/clock.h"
#include "shared/http/client.h"
#include "shared/http/server.h"
#include "tests/support/fake_clock.h"
#include "tests/support/process.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/temp_dir.h"

namespace steward::server::notify {
namespace {

using namespace std::chrono_literals;

// Records every webhook POST it receives.
class WebhookReceiver {
 public:
  WebhookReceiver()
      : server_({}, [this](const http::HttpRequest& r) {
          std::lock_guard lock(mutex_);
          bodies_.push_back(r.body);
          return http::jsonOk("{}");
        }) {}
  std::string url() {
    auto port = server_.start();
    EXPECT_TRUE(port);
    return "http://127.0.0.1:" + std::to_string(port ? *port : 0) + "/hook";
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> bodies_;
  http::HttpServer server_;
};

// Accepts TCP connections into its backlog and never reads or answers.
class Blackhole {
 public:
  Blackhole() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length);
    port_ = ntohs(addr.sin_port);
  }
  ~Blackhole() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

 private:
  int fd_;
  std::uint16_t port_ = 0;
};

class FailingEmail final : public EmailSender {
 public:
  Result<void> send(const std::string&, const std::string&, const std::string&,
                    const std::string&) override {
    ++calls;
    return makeError("smtp", "127.0.0.1:1: connection refused");
  }
  int calls = 0;
};

class NotificationDeliveryTest : public ::testing::Test {
 protected:
  void open(const Clock& clock) {
    auto opened = itsm::SqliteIncidentRepository::open(dir_.file("server.db"), clock);
    ASSERT_TRUE(opened) << opened.error().message;
    repo_ = std::move(*opened);
    service_.emplace(*repo_, clock, policy_, config_);
  }
  NotifyRoute route(std::vector<std::string> emails, std::vector<std::string> hooks) {
    NotifyRoute r;
    r.name = "test";
    r.emails = std::move(emails);
    r.webhooks = std::move(hooks);
    return r;
  }
  itsm::Incident raise(const std::string& title) {
    itsm::NewIncident draft;
    draft.title = title;
    draft.impact = 1;
    draft.urgency = 2;
    auto created = service_->create(draft, "alice");
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? *created : itsm::Incident{};
  }

  steward::testing::TempDir dir_;
  itsm::IncidentPolicy policy_;
  NotifyConfig config_;
  std::unique_ptr<itsm::SqliteIncidentRepository> repo_;
  std::optional<itsm::IncidentService> service_;
};

TEST_F(NotificationDeliveryTest, MailAndWebhookReachRealReceivers) {
  steward::testing::SmtpSink smtp(dir_.path().string());
  ASSERT_NE(smtp.port(), 0);
  WebhookReceiver receiver;
  config_.routes = {route({"ops@example.test"}, {receiver.url()})};
  config_.from = "steward@example.test";
  SystemClock clock;
  open(clock);
  const auto incident = raise("Core switch sw-01 unreachable");
  ASSERT_EQ(incident.number, "INC0000001");

  PocoSmtpSender mail("127.0.0.1", smtp.port(), 5s);
  http::BeastHttpClient client(5s);
  NotificationWorker worker(*repo_, clock, mail, client, config_);
  EXPECT_EQ(worker.drainOnce(), 2u);

  ASSERT_TRUE(steward::testing::waitUntil([&] { return smtp.messages().size() == 1; }, 10s));
  const std::string message = smtp.messages()[0];
  EXPECT_NE(message.find("Subject: [Steward] INC0000001 P2 raised: Core switch sw-01 unreachable"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("To: ops@example.test"), std::string::npos) << message;
  ASSERT_EQ(receiver.bodies().size(), 1u);
  auto hook = boost::json::parse(receiver.bodies()[0]);
  EXPECT_EQ(hook.at("event").as_string(), "raise");
  EXPECT_EQ(hook.at("incident").at("number").as_string(), "INC0000001");
  EXPECT_EQ(hook.at("incident").at("priority").as_string(), "P2");
  EXPECT_EQ(hook.at("incident").at("source").as_string(), "person:alice");
  auto queued = repo_->forIncident("INC0000001");
  ASSERT_TRUE(queued);
  for (const auto& n : *queued) EXPECT_EQ(n.status, "sent") << n.target << n.last_error;
  EXPECT_EQ(worker.drainOnce(), 0u);  // nothing is sent twice
}

TEST_F(NotificationDeliveryTest, FailedDeliveryRetriesWithExponentialBackoffThenGivesUp) {
  steward::testing::FakeClock clock;
  config_.routes = {route({"ops@example.test"}, {})};
  config_.retry_base = 30s;
  config_.max_attempts = 3;
  open(clock);
  raise("Disk failing");
  FailingEmail mail;
  http::BeastHttpClient client(1s);
  NotificationWorker worker(*repo_, clock, mail, client, config_);

  EXPECT_EQ(worker.drainOnce(), 1u);
  EXPECT_EQ(worker.drainOnce(), 0u);  // not due again before 30 s
  clock.advance(29s);
  EXPECT_EQ(worker.drainOnce(), 0u);
  clock.advance(1s);
  EXPECT_EQ(worker.drainOnce(), 1u);  // second attempt; next after 60 s
  clock.advance(59s);
  EXPECT_EQ(worker.drainOnce(), 0u);
  clock.advance(1s);
  EXPECT_EQ(worker.drainOnce(), 1u);  // third and last attempt
  clock.advance(24h);
  EXPECT_EQ(worker.drainOnce(), 0u);
  EXPECT_EQ(mail.calls, 3);
  auto queued = repo_->forIncident("INC0000001");
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ((*queued)[0].status, "failed");
  EXPECT_EQ((*queued)[0].attempts, 3);
  EXPECT_NE((*queued)[0].last_error.find("connection refused"), std::string::npos);
}

TEST_F(NotificationDeliveryTest, QueueSurvivesARestart) {
  steward::testing::FakeClock clock;
  config_.routes = {route({}, {"http://127.0.0.1:9/never-sent"})};
  open(clock);
  raise("Backup job failed");
  repo_.reset();
  service_.reset();
  open(clock);  // same database file: the pending notification is still there
  auto due = repo_->due(formatRfc3339(clock.now()), 10);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].target, "http://127.0.0.1:9/never-sent");
}

TEST_F(NotificationDeliveryTest, ADeadTargetNeverBlocksIncidentCreation) {
  Blackhole dead;
  config_.routes = {route({}, {dead.url()})};
  SystemClock clock;
  open(clock);
  http::BeastHttpClient client(3s);
  FailingEmail mail;
  NotificationWorker worker(*repo_, clock, mail, client, config_);
  raise("First");
  worker.start(10ms);
  // Give the worker time to connect to the dead target, where it hangs until its timeout.
  std::this_thread::sleep_for(200ms);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) raise("More " + std::to_string(i));
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, 1s) << "creating incidents waited for the notification target";
  EXPECT_EQ(repo_->list({})->total, 6);
  // The worker did try the target and recorded the failure for a retry.
  EXPECT_TRUE(steward::testing::waitUntil(
      [&] {
        auto q = repo_->forIncident("INC0000001");
        return q && !q->empty() && (*q)[0].attempts == 1 && (*q)[0].status == "pending";
      },
      10s));
  worker.stop();
}

}  // namespace
}  // namespace steward::server::notify
