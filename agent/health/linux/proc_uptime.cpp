#include "agent/health/linux/proc_uptime.h"

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

std::optional<double> firstNumber(std::string_view text) {
  text = trim(text);
  const auto value = parseDouble(text.substr(0, text.find_first_of(" \t")));
  if (!value || *value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> parseProcUptime(std::string_view text) { return firstNumber(text); }
std::optional<double> parseProcLoadavg(std::string_view text) { return firstNumber(text); }

std::array<std::optional<double>, 3> parseProcLoadavgAll(std::string_view text) {
  std::array<std::optional<double>, 3> out;
  text = trim(text);
  for (auto& value : out) {
    const std::size_t end = std::min(text.find_first_of(" \t"), text.size());
    const auto number = parseDouble(text.substr(0, end));
    if (number && *number >= 0) value = number;
    text = trim(text.substr(end));
  }
  return out;
}

}  // namespace steward::agent
