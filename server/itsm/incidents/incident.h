#pragma once

// The incident record, its timeline and the queries over them. Plain data: the
// rules that change it live in IncidentService and incident_lifecycle.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace steward::server::itsm {

enum class IncidentState { New, InProgress, OnHold, Resolved, Closed };

// "new", "in_progress", "on_hold", "resolved", "closed".
std::string stateName(IncidentState state);
std::optional<IncidentState> parseState(const std::string& text);
// New, InProgress and OnHold: the fault is still someone's job.
bool isOpen(IncidentState state);

// One change, as the timeline shows it: when, who, what.
struct TimelineEntry {
  std::string at;              // RFC 3339 UTC
  std::string actor;           // "person:<name>", "rule:<rule_id>" or "system"
  std::string action;          // "created", "updated", "work_note", "occurrence", "reopened", ...
  std::string changes = "{}";  // JSON object {"field": {"from": .., "to": ..}}
  std::string note;            // work note, reason or resolution text; may be ""
};

struct Incident {
  std::string id;      // UUIDv7
  std::string number;  // "INC0000042"
  std::string title;
  std::string description;
  std::string evidence = "{}";  // JSON object
  std::optional<std::string> asset_id;
  std::string category;
  std::string source;   // "rule:<rule_id>" or "person:<name>"
  std::string subject;  // mount point, port, ... ("" for none)
  int impact = 3;       // 1 high .. 3 low
  int urgency = 3;      // 1 high .. 3 low
  int priority = 5;     // 1..5, from the matrix
  IncidentState state = IncidentState::New;
  std::string assignment_group;
  std::string assignee;
  std::string hold_reason;
  std::string resolution_note;
  int occurrence_count = 1;
  bool flapping = false;
  std::string created_at;
  std::string updated_at;
  std::string last_occurred_at;
  std::optional<std::string> responded_at;  // first move out of new or first work note
  std::optional<std::string> resolved_at;
  std::optional<std::string> closed_at;
  std::string response_due;
  std::string resolution_due;
  std::int64_t version = 0;  // optimistic concurrency: bumped by every write
};

struct IncidentQuery {
  std::optional<IncidentState> state;
  std::optional<int> priority;
  std::optional<std::string> asset_id;
  std::optional<std::string> assignee;
  std::optional<std::string> source;  // exact, or "rule"/"person" for every source of that kind
  std::uint32_t page = 1;
  std::uint32_t per_page = 50;
};

struct IncidentPage {
  std::vector<Incident> items;  // newest first
  std::int64_t total = 0;
};

// "P1".."P5".
std::string priorityName(int priority);
std::optional<int> parsePriority(const std::string& text);

}  // namespace steward::server::itsm
