#pragma once

// Reads the rules file: INI-like lines, "[settings]", "[rule ID]", "[maintenance NAME]"
// and "[group NAME]" sections of "key = value" pairs, '#' or ';' comments.
// config/rules.conf is the shipped, commented example.

#include <string>
#include <string_view>

#include "collector/rules/rule_set.h"
#include "shared/common/result.h"

namespace steward::collector::rules {

// Parses `text`; `source` names the file in messages. Any problem fails the whole
// file with code "rules_invalid" and a message "<source>:<line>: <problem>":
// unknown sections, keys or rule types, duplicate ids, bad numbers, durations,
// times, OIDs or templates, a clear level on the wrong side of the raise level, a
// maintenance window naming a group the file does not define.
Result<RuleSet> parseRules(std::string_view text, const std::string& source);

// Reads and parses the file at `path` (unreadable: "rules_invalid" naming the path).
Result<RuleSet> loadRulesFile(const std::string& path);

// "90s", "5m", "2h", "1d" or plain seconds; "500ms" too. Error text for messages.
Result<Millis> parseDuration(const std::string& text);

}  // namespace steward::collector::rules
