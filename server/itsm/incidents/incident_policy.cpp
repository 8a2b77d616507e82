#include "server/itsm/incidents/incident_policy.h"

#include <sstream>
#include <vector>

#include "server/itsm/incidents/incident.h"

namespace steward::server::itsm {

namespace {

Error invalid(const std::string& message) { return makeError("config_invalid", message); }

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

Result<std::array<std::array<int, 3>, 3>> parsePriorityMatrix(const std::string& text) {
  std::array<std::array<int, 3>, 3> matrix{};
  std::vector<std::string> rows;
  std::string row;
  std::istringstream in(text);
  while (std::getline(in, row, '/')) rows.push_back(row);
  if (rows.size() != 3) {
    return invalid("priority_matrix: expected 3 rows (impact 1..3) separated by '/', got " +
                   std::to_string(rows.size()));
  }
  for (std::size_t i = 0; i < 3; ++i) {
    auto cells = words(rows[i]);
    if (cells.size() != 3) {
      return invalid("priority_matrix: row " + std::to_string(i + 1) +
                     " needs 3 priorities (urgency 1..3)");
    }
    for (std::size_t j = 0; j < 3; ++j) {
      auto p = parsePriority(cells[j]);
      if (!p) {
        return invalid("priority_matrix: '" + cells[j] + "' in row " + std::to_string(i + 1) +
                       " is not P1..P5");
      }
      matrix[i][j] = *p;
    }
  }
  return matrix;
}

Result<std::array<std::chrono::seconds, 5>> parseSlaTargets(
    const std::string& text, const std::array<std::chrono::seconds, 5>& defaults) {
  auto targets = defaults;
  for (const auto& item : words(text)) {
    const auto eq = item.find('=');
    auto priority = parsePriority(item.substr(0, eq));
    if (eq == std::string::npos || !priority || eq + 2 > item.size()) {
      return invalid("'" + item + "' is not PRIORITY=DURATION (e.g. P1=15m)");
    }
    const std::string amount = item.substr(eq + 1, item.size() - eq - 2);
    const char unit = item.back();
    const std::int64_t scale = unit == 's'   ? 1
                               : unit == 'm' ? 60
                               : unit == 'h' ? 3600
                               : unit == 'd' ? 86400
                                             : 0;
    if (scale == 0 || amount.empty() ||
        amount.find_first_not_of("0123456789") != std::string::npos || amount.size() > 6) {
      return invalid("'" + item + "': the duration must be a whole number with s, m, h or d");
    }
    const std::int64_t value = std::stoll(amount) * scale;
    if (value <= 0) return invalid("'" + item + "': the duration must be positive");
    targets[static_cast<std::size_t>(*priority - 1)] = std::chrono::seconds(value);
  }
  return targets;
}

}  // namespace steward::server::itsm
