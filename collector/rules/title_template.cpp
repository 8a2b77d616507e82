#include "collector/rules/title_template.h"

#include <array>

namespace steward::collector::rules {

namespace {

constexpr std::array<const char*, 6> kPlaceholders{"hostname", "asset_id",  "subject",
                                                   "value",    "threshold", "rule"};

}  // namespace

Result<void> checkTitleTemplate(const std::string& text) {
  if (text.empty()) return makeError("template", "is empty");
  std::size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    const auto close = text.find('}', pos);
    if (close == std::string::npos) return makeError("template", "'{' without '}'");
    const std::string name = text.substr(pos + 1, close - pos - 1);
    bool known = false;
    for (const char* p : kPlaceholders) known = known || name == p;
    if (!known) {
      return makeError("template", "unknown placeholder {" + name +
                                       "}; use {hostname}, {asset_id}, {subject}, {value}, "
                                       "{threshold} or {rule}");
    }
    pos = close + 1;
  }
  return {};
}

std::string renderTitle(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find('{', pos);
    const auto close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, open - pos);
    const auto found = values.find(text.substr(open + 1, close - open - 1));
    if (found != values.end()) out += found->second;
    pos = close + 1;
  }
  return out;
}

}  // namespace steward::collector::rules
