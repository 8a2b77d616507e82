#include "agent/inventory/linux/os_release.h"

#include <cctype>
#include <optional>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

bool validKey(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The value with its quotes removed, or nullopt when a quote is left open.
std::optional<std::string> unquote(std::string_view raw) {
  if (raw.empty()) return std::string();
  const char quote = raw.front();
  if (quote != '"' && quote != '\'') return std::string(raw);
  if (raw.size() < 2 || raw.back() != quote) return std::nullopt;
  raw = raw.substr(1, raw.size() - 2);
  if (quote == '\'') return std::string(raw);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      const char next = raw[i + 1];
      if (next == '"' || next == '\\' || next == '$' || next == '`') {
        out += next;
        ++i;
        continue;
      }
    }
    out += raw[i];
  }
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> parseOsRelease(std::string_view text) {
  std::map<std::string, std::string> fields;
  for (auto line : splitLines(text)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = line.substr(0, eq);
    if (!validKey(key)) continue;
    auto value = unquote(trim(line.substr(eq + 1)));
    if (!value) continue;
    fields[std::string(key)] = std::move(*value);
  }
  if (fields.empty()) return makeError("malformed", "no KEY=VALUE assignment found");
  return fields;
}

}  // namespace steward::agent
