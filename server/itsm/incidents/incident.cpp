#include "server/itsm/incidents/incident.h"

#include <array>

namespace steward::server::itsm {

namespace {

constexpr std::array<const char*, 5> kStateNames = {"new", "in_progress", "on_hold", "resolved",
                                                    "closed"};

}  // namespace

std::string stateName(IncidentState state) { return kStateNames[static_cast<std::size_t>(state)]; }

std::optional<IncidentState> parseState(const std::string& text) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (text == kStateNames[i]) return static_cast<IncidentState>(i);
  }
  return std::nullopt;
}

bool isOpen(IncidentState state) {
  return state == IncidentState::New || state == IncidentState::InProgress ||
         state == IncidentState::OnHold;
}

std::string priorityName(int priority) { return "P" + std::to_string(priority); }

std::optional<int> parsePriority(const std::string& text) {
  if (text.size() == 2 && (text[0] == 'P' || text[0] == 'p') && text[1] >= '1' && text[1] <= '5') {
    return text[1] - '0';
  }
  return std::nullopt;
}

}  // namespace steward::server::itsm
