#include "server/notify/notification_router.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <set>

namespace steward::server::notify {

namespace {

template <typename T>
bool matches(const std::vector<T>& filter, const T& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

// True when `filter` is empty or shares a name with `names`.
bool anyIn(const std::vector<std::string>& filter, const std::vector<std::string>& names) {
  if (filter.empty()) return true;
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return matches(filter, name); });
}

std::string ruleOf(const itsm::Incident& i) {
  return i.source.starts_with("rule:") ? i.source.substr(5) : "";
}

std::string verb(const std::string& event) {
  if (event == "raise") return "raised";
  if (event == "priority") return "priority changed";
  if (event == "reopen") return "reopened";
  return "resolved";
}

// Header values must stay on one line.
std::string oneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\r', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string mailBody(const std::string& event, const itsm::Incident& i) {
  std::string body = i.number + " " + verb(event) + "\n\n";
  body += "Title:     " + i.title + "\n";
  body += "Priority:  " + itsm::priorityName(i.priority) + " (impact " + std::to_string(i.impact) +
          ", urgency " + std::to_string(i.urgency) + ")\n";
  body += "State:     " + itsm::stateName(i.state) + "\n";
  body += "Source:    " + i.source + "\n";
  if (!i.subject.empty()) body += "Subject:   " + i.subject + "\n";
  if (i.asset_id) body += "Asset:     " + *i.asset_id + "\n";
  if (!i.assignee.empty()) body += "Assignee:  " + i.assignee + "\n";
  body += "Occurred:  " + std::to_string(i.occurrence_count) + " time(s)\n\n";
  body += i.description + "\n";
  if (!i.resolution_note.empty()) body += "\nResolution: " + i.resolution_note + "\n";
  body += "\nEvidence: " + i.evidence + "\n";
  return body;
}

std::string webhookBody(const std::string& event, const itsm::Incident& i) {
  boost::json::object incident{
      {"number", i.number},
      {"id", i.id},
      {"title", i.title},
      {"priority", itsm::priorityName(i.priority)},
      {"state", itsm::stateName(i.state)},
      {"source", i.source},
      {"subject", i.subject},
      {"impact", i.impact},
      {"urgency", i.urgency},
      {"assignee", i.assignee},
      {"assignment_group", i.assignment_group},
      {"occurrence_count", i.occurrence_count},
      {"resolution_note", i.resolution_note},
      {"url_path", "/api/v1/incidents/" + i.number},
  };
  incident["asset_id"] = i.asset_id ? boost::json::value(*i.asset_id) : boost::json::value(nullptr);
  return boost::json::serialize(boost::json::object{{"event", event}, {"incident", incident}});
}

}  // namespace

std::vector<Notification> notificationsFor(const NotifyConfig& config, const std::string& event,
                                           const itsm::Incident& incident,
                                           const std::vector<std::string>& asset_groups) {
  std::vector<Notification> out;
  std::set<std::pair<std::string, std::string>> seen;
  const std::string rule = ruleOf(incident);
  for (const auto& route : config.routes) {
    if (!matches(route.events, event) || !matches(route.priorities, incident.priority) ||
        (!route.rules.empty() && !matches(route.rules, rule)) ||
        (!route.assets.empty() && !matches(route.assets, incident.asset_id.value_or(""))) ||
        !anyIn(route.groups, asset_groups)) {
      continue;
    }
    auto add = [&](const std::string& channel, const std::string& target) {
      if (!seen.emplace(channel, target).second) return;
      Notification n;
      n.incident_number = incident.number;
      n.event = event;
      n.channel = channel;
      n.target = target;
      if (channel == "email") {
        n.subject =
            oneLine("[Steward] " + incident.number + " " + itsm::priorityName(incident.priority) +
                    " " + verb(event) + ": " + incident.title);
        n.body = mailBody(event, incident);
      } else {
        n.body = webhookBody(event, incident);
      }
      out.push_back(std::move(n));
    };
    for (const auto& email : route.emails) add("email", email);
    for (const auto& url : route.webhooks) add("webhook", url);
  }
  return out;
}

}  // namespace steward::server::notify
