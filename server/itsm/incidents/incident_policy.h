#pragma once

// How priority and SLA targets follow from impact and urgency: the ITIL impact ×
// urgency matrix and per-priority response/resolution targets, both configurable in
// server.conf ([incidents] priority_matrix, sla_response, sla_resolution).

#include <array>
#include <chrono>
#include <string>

#include "shared/common/result.h"

namespace steward::server::itsm {

struct IncidentPolicy {
  // matrix[impact-1][urgency-1] = priority 1..5. Default:
  //            urgency 1  2  3
  //   impact 1        P1 P2 P3
  //   impact 2        P2 P3 P4
  //   impact 3        P3 P4 P5
  std::array<std::array<int, 3>, 3> matrix{{{1, 2, 3}, {2, 3, 4}, {3, 4, 5}}};
  // Index priority-1. Response: first move out of "new" or first work note.
  std::array<std::chrono::seconds, 5> response{std::chrono::minutes(15), std::chrono::minutes(30),
                                               std::chrono::hours(4), std::chrono::hours(24),
                                               std::chrono::hours(72)};
  std::array<std::chrono::seconds, 5> resolution{std::chrono::hours(4), std::chrono::hours(8),
                                                 std::chrono::hours(72), std::chrono::hours(120),
                                                 std::chrono::hours(240)};

  // impact and urgency are 1..3 (checked by callers).
  int priority(int impact, int urgency) const {
    return matrix[static_cast<std::size_t>(impact - 1)][static_cast<std::size_t>(urgency - 1)];
  }
};

// "P1 P2 P3 / P2 P3 P4 / P3 P4 P5": three rows (impact 1..3) of three priorities
// (urgency 1..3). Error "config_invalid" naming the problem.
Result<std::array<std::array<int, 3>, 3>> parsePriorityMatrix(const std::string& text);

// "P1=15m P2=30m P3=4h P4=1d P5=3d" (units s, m, h, d); priorities not named keep
// the value from `defaults`. Error "config_invalid" naming the bad item.
Result<std::array<std::chrono::seconds, 5>> parseSlaTargets(
    const std::string& text, const std::array<std::chrono::seconds, 5>& defaults);

}  // namespace steward::server::itsm
