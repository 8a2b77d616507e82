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

}  // namespace steward::agent
