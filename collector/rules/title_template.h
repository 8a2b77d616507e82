#pragma once

// Incident titles from the rule's template: "{hostname}: {subject} is {value}% full".

#include <map>
#include <string>

#include "shared/common/result.h"

namespace steward::collector::rules {

// Fails on an unknown placeholder or an unclosed brace. Known placeholders:
// hostname, asset_id, subject, value, threshold, rule.
Result<void> checkTitleTemplate(const std::string& text);

// Replaces each {name} with values[name] ("" when absent).
std::string renderTitle(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace steward::collector::rules
