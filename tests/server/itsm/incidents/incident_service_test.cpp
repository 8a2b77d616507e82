#include "server/itsm/incidents/incident_service.h"

#include <gtest/gtest.h>

#include "tests/server/itsm/incidents/incident_test_support.h"

namespace steward::server::itsm::testing {
namespace {

using std::chrono::minutes;

TEST_F(IncidentServiceTest, ManualIncidentsGetSequentialSevenDigitNumbers) {
  NewIncident draft;
  draft.title = "Printer jammed";
  auto first = service_->create(draft, "alice");
  auto second = service_->create(draft, "bob");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(first->number, "INC0000001");
  EXPECT_EQ(second->number, "INC0000002");
  EXPECT_EQ(second->source, "person:bob");
  EXPECT_EQ(first->state, IncidentState::New);
  EXPECT_EQ(mustGet("inc0000002").id, second->id);  // number lookup ignores case
  EXPECT_EQ(mustGet(second->id).number, "INC0000002");
}

TEST_F(IncidentServiceTest, PriorityComesFromAssetCriticalityAndUrgency) {
  ASSERT_TRUE(repo_->setAssetCriticality(kAssetA, 1));
  auto raised = service_->applyEvent(diskEvent("raise", "e1"));  // urgency 2
  ASSERT_TRUE(raised) << raised.error().message;
  const Incident i = mustGet(*raised->number);
  EXPECT_EQ(i.impact, 1);
  EXPECT_EQ(i.urgency, 2);
  EXPECT_EQ(i.priority, 2);
  // An unrated asset has criticality 3: impact 3 × urgency 2 = P4.
  auto other = diskEvent("raise", "e2");
  other.asset_id = kAssetB;
  auto raised_b = service_->applyEvent(other);
  ASSERT_TRUE(raised_b);
  EXPECT_EQ(mustGet(*raised_b->number).priority, 4);
}

TEST_F(IncidentServiceTest, ConfiguredMatrixIsUsed) {
  policy_.matrix = {{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}};
  auto raised = service_->applyEvent(diskEvent("raise", "e1"));
  ASSERT_TRUE(raised);
  EXPECT_EQ(mustGet(*raised->number).priority, 1);
}

TEST_F(IncidentServiceTest, RaiseWhileOpenCountsAnOccurrenceInsteadOfANewIncident) {
  auto first = service_->applyEvent(diskEvent("raise", "e1"));
  auto again = service_->applyEvent(diskEvent("raise", "e2"));
  auto repeat = service_->applyEvent(diskEvent("repeat", "e3"));
  ASSERT_TRUE(first && again && repeat);
  EXPECT_EQ(first->action, "raised");
  EXPECT_EQ(again->action, "occurrence");
  EXPECT_EQ(again->number, first->number);
  EXPECT_EQ(mustGet(*first->number).occurrence_count, 3);
  auto page = repo_->list({});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  // A different subject on the same asset and rule is a different incident.
  auto other = service_->applyEvent(diskEvent("raise", "e4", "/home"));
  ASSERT_TRUE(other);
  EXPECT_NE(other->number, first->number);
}

TEST_F(IncidentServiceTest, ReplayedEventChangesNothing) {
  auto first = service_->applyEvent(diskEvent("raise", "e1"));
  auto replay = service_->applyEvent(diskEvent("raise", "e1"));
  ASSERT_TRUE(first && replay);
  EXPECT_EQ(replay->status, "duplicate");
  EXPECT_EQ(mustGet(*first->number).occurrence_count, 1);
  auto clear = service_->applyEvent(diskEvent("clear", "e2"));
  auto replay_clear = service_->applyEvent(diskEvent("clear", "e2"));
  ASSERT_TRUE(clear && replay_clear);
  EXPECT_EQ(replay_clear->status, "duplicate");
  auto timeline = repo_->timeline(mustGet(*first->number).id);
  ASSERT_TRUE(timeline);
  EXPECT_EQ(timeline->size(), 2u);  // created, resolved
}

TEST_F(IncidentServiceTest, ClearAutoResolvesWithTheEvidenceAndReopenBringsItBack) {
  auto raised = service_->applyEvent(diskEvent("raise", "e1"));
  ASSERT_TRUE(raised);
  auto clear = diskEvent("clear", "e2");
  clear.description = "usage back to 70%";
  clear.evidence = R"({"used_percent":70})";
  auto cleared = service_->applyEvent(clear);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->action, "resolved");
  Incident i = mustGet(*raised->number);
  EXPECT_EQ(i.state, IncidentState::Resolved);
  EXPECT_NE(i.resolution_note.find("usage back to 70%"), std::string::npos);
  EXPECT_NE(i.resolution_note.find("\"used_percent\":70"), std::string::npos);
  ASSERT_TRUE(i.resolved_at);

  auto reopened = service_->applyEvent(diskEvent("reopen", "e3"));
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->action, "reopened");
  EXPECT_EQ(reopened->number, raised->number);
  i = mustGet(*raised->number);
  EXPECT_EQ(i.state, IncidentState::InProgress);
  EXPECT_FALSE(i.resolved_at);
  EXPECT_EQ(i.occurrence_count, 2);
  auto timeline = repo_->timeline(i.id);
  ASSERT_TRUE(timeline);
  ASSERT_EQ(timeline->size(), 3u);
  EXPECT_EQ((*timeline)[2].action, "reopened");
  EXPECT_EQ((*timeline)[2].actor, "rule:disk_usage");
}

TEST_F(IncidentServiceTest, ClearWithNothingOpenIsIgnored) {
  auto cleared = service_->applyEvent(diskEvent("clear", "e1"));
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->action, "ignored");
  EXPECT_EQ(repo_->list({})->total, 0);
}

TEST_F(IncidentServiceTest, RaiseAfterCloseOpensANewIncident) {
  auto raised = service_->applyEvent(diskEvent("raise", "e1"));
  ASSERT_TRUE(service_->applyEvent(diskEvent("clear", "e2")));
  IncidentPatch close;
  close.state = IncidentState::Closed;
  ASSERT_TRUE(service_->update(*raised->number, close, "alice"));
  auto again = service_->applyEvent(diskEvent("reopen", "e3"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->action, "raised");
  EXPECT_NE(again->number, raised->number);
}

TEST_F(IncidentServiceTest, InvalidTransitionsAreRefusedAndChangeNothing) {
  NewIncident draft;
  draft.title = "Mail down";
  auto created = service_->create(draft, "alice");
  ASSERT_TRUE(created);
  IncidentPatch hold;
  hold.state = IncidentState::OnHold;
  hold.assignee = "bob";
  auto refused = service_->update(created->number, hold, "alice");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_transition");
  EXPECT_NE(refused.error().message.find("hold_reason"), std::string::npos);
  EXPECT_EQ(mustGet(created->number).assignee, "");  // nothing changed, not even the assignee

  IncidentPatch resolve;
  resolve.state = IncidentState::Resolved;
  EXPECT_EQ(service_->update(created->number, resolve, "alice").error().code, "invalid_transition");
  IncidentPatch close;
  close.state = IncidentState::Closed;
  auto closed = service_->update(created->number, close, "alice");
  ASSERT_FALSE(closed);
  EXPECT_NE(closed.error().message.find("from new to closed"), std::string::npos);

  resolve.resolution_note = "restarted postfix";
  ASSERT_TRUE(service_->update(created->number, resolve, "alice"));
  ASSERT_TRUE(service_->update(created->number, close, "alice"));
  IncidentPatch reopen;
  reopen.state = IncidentState::InProgress;
  auto final_refusal = service_->update(created->number, reopen, "alice");
  ASSERT_FALSE(final_refusal);
  EXPECT_NE(final_refusal.error().message.find("final"), std::string::npos);
  EXPECT_EQ(mustGet(created->number).state, IncidentState::Closed);
}

TEST_F(IncidentServiceTest, UpdatesAreRecordedInTheTimelineWithActor) {
  NewIncident draft;
  draft.title = "VPN flaky";
  auto created = service_->create(draft, "alice");
  ASSERT_TRUE(created);
  IncidentPatch p;
  p.state = IncidentState::InProgress;
  p.assignee = "bob";
  p.assignment_group = "network";
  p.work_note = "looking at the concentrator";
  auto updated = service_->update(created->number, p, "bob");
  ASSERT_TRUE(updated) << updated.error().message;
  auto timeline = repo_->timeline(created->id);
  ASSERT_TRUE(timeline);
  ASSERT_EQ(timeline->size(), 3u);
  EXPECT_EQ((*timeline)[1].actor, "person:bob");
  EXPECT_NE((*timeline)[1].changes.find(R"("state":{"from":"new","to":"in_progress"})"),
            std::string::npos);
  EXPECT_NE((*timeline)[1].changes.find(R"("assignee":{"from":"","to":"bob"})"), std::string::npos);
  EXPECT_EQ((*timeline)[2].action, "work_note");
  EXPECT_EQ((*timeline)[2].note, "looking at the concentrator");
}

TEST_F(IncidentServiceTest, SlaBreachesFollowTheClock) {
  NewIncident draft;
  draft.title = "Core switch down";
  draft.impact = 1;
  draft.urgency = 1;  // P1: respond within 15 min, resolve within 4 h
  auto created = service_->create(draft, "alice");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->priority, 1);
  EXPECT_FALSE(slaStatus(*created, clock_.now()).response_breached);
  clock_.advance(minutes(16));
  EXPECT_TRUE(slaStatus(mustGet(created->number), clock_.now()).response_breached);

  NewIncident second = draft;
  auto quick = service_->create(second, "alice");
  ASSERT_TRUE(quick);
  clock_.advance(minutes(5));
  IncidentPatch note;
  note.work_note = "on it";  // a first work note counts as the response
  ASSERT_TRUE(service_->update(quick->number, note, "bob"));
  clock_.advance(minutes(60));
  SlaStatus sla = slaStatus(mustGet(quick->number), clock_.now());
  EXPECT_FALSE(sla.response_breached);
  EXPECT_FALSE(sla.resolution_breached);
  clock_.advance(minutes(4 * 60));
  EXPECT_TRUE(slaStatus(mustGet(quick->number), clock_.now()).resolution_breached);
}

TEST_F(IncidentServiceTest, PriorityChangeMovesTheDueTimes) {
  NewIncident draft;
  draft.title = "Slow file share";
  auto created = service_->create(draft, "alice");  // impact 3 × urgency 3 = P5
  ASSERT_TRUE(created);
  EXPECT_EQ(created->priority, 5);
  IncidentPatch p;
  p.impact = 1;
  p.urgency = 1;
  auto updated = service_->update(created->number, p, "alice");
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->priority, 1);
  EXPECT_EQ(*parseRfc3339(updated->response_due) - *parseRfc3339(updated->created_at),
            std::chrono::minutes(15));
}

TEST_F(IncidentServiceTest, RaiseResolveReopenAndPriorityChangesQueueNotifications) {
  notify::NotifyRoute route;
  route.name = "all";
  route.webhooks = {"http://127.0.0.1:9/hook"};
  notify_.routes = {route};
  auto raised = service_->applyEvent(diskEvent("raise", "e1"));
  ASSERT_TRUE(raised);
  ASSERT_TRUE(service_->applyEvent(diskEvent("repeat", "e2")));  // repeats stay quiet
  ASSERT_TRUE(service_->applyEvent(diskEvent("clear", "e3")));
  ASSERT_TRUE(service_->applyEvent(diskEvent("reopen", "e4")));
  IncidentPatch p;
  p.urgency = 1;
  ASSERT_TRUE(service_->update(*raised->number, p, "alice"));
  auto queued = repo_->forIncident(*raised->number);
  ASSERT_TRUE(queued);
  std::vector<std::string> events;
  for (const auto& n : *queued) events.push_back(n.event);
  EXPECT_EQ(events, (std::vector<std::string>{"raise", "resolve", "reopen", "priority"}));
}

}  // namespace
}  // namespace steward::server::itsm::testing
