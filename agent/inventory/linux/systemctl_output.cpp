#include "agent/inventory/linux/systemctl_output.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNameBytes = 256;
constexpr std::size_t kMaxDescriptionBytes = 512;

// systemd's state words: lower-case letters, digits and '-' ("not-found", "bad-setting").
bool isStateWord(std::string_view word) {
  if (word.empty() || word.size() > 32) return false;
  for (const char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Descriptions are free text; keep printable bytes (UTF-8 included), drop controls.
std::string cleanDescription(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, kMaxDescriptionBytes)) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out.push_back(c);
  }
  return std::string(trim(out));
}

Error malformed(const std::string& what) {
  return makeError("malformed", "systemctl " + what + " output is not a unit list");
}

// The JSON array, or nullopt when the text does not parse as one.
std::optional<json::array> jsonArray(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_array()) return std::nullopt;
  return std::move(doc.as_array());
}

std::string field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

// Whitespace-separated words of a table row; the last one takes the rest of the line.
std::vector<std::string_view> words(std::string_view line, std::size_t max_words) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (out.size() < max_words) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) break;
    if (out.size() + 1 == max_words) {
      out.push_back(trim(line.substr(pos)));
      break;
    }
    const std::size_t end = std::min(line.find_first_of(" \t", pos), line.size());
    out.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

bool startsLikeJson(std::string_view text) {
  const std::string_view t = trim(text);
  return !t.empty() && t.front() == '[';
}

}  // namespace

bool isUnitName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return false;
  for (const char c : name) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

Result<std::vector<UnitStatus>> parseSystemctlListUnits(std::string_view text) {
  std::vector<UnitStatus> units;
  if (trim(text).empty()) return units;
  if (startsLikeJson(text)) {
    const auto array = jsonArray(text);
    if (!array) return malformed("list-units");
    for (const auto& item : *array) {
      if (!item.is_object()) continue;
      const auto& o = item.as_object();
      UnitStatus u{field(o, "unit"), field(o, "load"), field(o, "active"), field(o, "sub"),
                   cleanDescription(field(o, "description"))};
      if (isUnitName(u.name) && isStateWord(u.load) && isStateWord(u.active) &&
          isStateWord(u.sub)) {
        units.push_back(std::move(u));
      }
    }
    return units;
  }
  bool any_line = false;
  for (const auto line : splitLines(text)) {
    if (trim(line).empty()) continue;
    any_line = true;
    const auto w = words(line, 5);
    if (w.size() < 4 || !isUnitName(w[0]) || !isStateWord(w[1]) || !isStateWord(w[2]) ||
        !isStateWord(w[3])) {
      continue;
    }
    units.push_back({std::string(w[0]), std::string(w[1]), std::string(w[2]), std::string(w[3]),
                     w.size() > 4 ? cleanDescription(w[4]) : std::string()});
  }
  if (any_line && units.empty()) return malformed("list-units");
  return units;
}

Result<std::vector<UnitFileStatus>> parseSystemctlListUnitFiles(std::string_view text) {
  std::vector<UnitFileStatus> files;
  if (trim(text).empty()) return files;
  if (startsLikeJson(text)) {
    const auto array = jsonArray(text);
    if (!array) return malformed("list-unit-files");
    for (const auto& item : *array) {
      if (!item.is_object()) continue;
      UnitFileStatus f{field(item.as_object(), "unit_file"), field(item.as_object(), "state")};
      if (isUnitName(f.name) && isStateWord(f.state)) files.push_back(std::move(f));
    }
    return files;
  }
  bool any_line = false;
  for (const auto line : splitLines(text)) {
    if (trim(line).empty()) continue;
    any_line = true;
    const auto w = words(line, 3);
    if (w.size() < 2 || !isUnitName(w[0])) continue;
    // The third column (preset) is optional and not reported.
    if (!isStateWord(w[1])) continue;
    files.push_back({std::string(w[0]), std::string(w[1])});
  }
  if (any_line && files.empty()) return malformed("list-unit-files");
  return files;
}

}  // namespace steward::agent
