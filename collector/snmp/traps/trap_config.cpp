#include "collector/snmp/traps/trap_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace steward::collector::snmp::traps {

namespace {

Error invalid(const IniConfig& ini, const std::string& message) {
  return makeError("config_invalid", ini.source() + ": " + message);
}

std::vector<std::string> commaList(std::string text) {
  for (char& ch : text) ch = (ch == ',' ? ' ' : ch);
  std::istringstream words(text);
  std::vector<std::string> out;
  for (std::string word; words >> word;) out.push_back(word);
  return out;
}

bool oneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// An engine ID is 5..32 octets (RFC 3411), written in hex with an optional 0x.
bool normalizeEngineId(std::string& id) {
  if (id.starts_with("0x") || id.starts_with("0X")) id = id.substr(2);
  if (id.size() < 10 || id.size() > 64 || id.size() % 2 != 0) return false;
  for (char& ch : id) {
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return true;
}

// The passwords go to net-snmp's createUser parser, which reads quoted words: refuse
// what it cannot quote rather than register a different password.
bool quotable(const std::string& password) {
  return std::none_of(password.begin(), password.end(), [](char ch) {
    return ch == '"' || ch == '\\' || ch == '\n' || ch == '\r' || ch == '\0';
  });
}

Result<TrapUser> loadUser(const IniConfig& ini, const std::string& name) {
  const std::string section = "trap_user." + name;
  TrapUser user;
  user.name = name;
  for (std::string id : commaList(ini.getString(section + ".engine_ids", ""))) {
    if (!normalizeEngineId(id)) {
      return invalid(ini, section + ".engine_ids: '" + id +
                              "' is not an engine ID (10 to 64 hex digits, optional 0x)");
    }
    user.engine_ids.push_back(id);
  }
  if (user.engine_ids.empty()) {
    return invalid(ini, section +
                            ".engine_ids is required: a v3 trap receiver must know each "
                            "sender's engine ID (snmptrap -e, or the device's snmpEngineID)");
  }
  user.auth_protocol = ini.getString(section + ".auth_protocol", user.auth_protocol);
  if (!oneOf(user.auth_protocol, {"SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"})) {
    return invalid(ini, section + ".auth_protocol = '" + user.auth_protocol +
                            "' is not one of SHA, SHA-224, SHA-256, SHA-384, SHA-512");
  }
  user.auth_password = ini.getString(section + ".auth_password", "");
  if (user.auth_password.size() < 8 || !quotable(user.auth_password)) {
    return invalid(ini, section +
                            ".auth_password must have at least 8 characters and no "
                            "quote, backslash or line break");
  }
  user.priv_protocol = ini.getString(section + ".priv_protocol", user.priv_protocol);
  if (!oneOf(user.priv_protocol, {"AES", "AES-192", "AES-256", "none"})) {
    return invalid(ini, section + ".priv_protocol = '" + user.priv_protocol +
                            "' is not one of AES, AES-192, AES-256, none");
  }
  if (user.requiresPrivacy()) {
    user.priv_password = ini.getString(section + ".priv_password", "");
    if (user.priv_password.size() < 8 || !quotable(user.priv_password)) {
      return invalid(ini, section +
                              ".priv_password must have at least 8 characters and no "
                              "quote, backslash or line break (or set priv_protocol = none)");
    }
  }
  return user;
}

}  // namespace

Result<TrapConfig> loadTrapConfig(const IniConfig& ini) {
  TrapConfig c;
  auto enabled = ini.getBool("traps.enabled", c.enabled);
  if (!enabled) return enabled.error();
  c.enabled = *enabled;
  c.address = ini.getString("traps.address", c.address);
  if (c.address.empty()) return invalid(ini, "traps.address is empty");
  auto port = ini.getInt("traps.port", c.port, 0, 65535);
  if (!port) return port.error();
  c.port = static_cast<std::uint16_t>(*port);
  c.communities = commaList(ini.getString("traps.communities", ""));
  for (const std::string& name : commaList(ini.getString("traps.v3_users", ""))) {
    auto user = loadUser(ini, name);
    if (!user) return user.error();
    c.users.push_back(std::move(*user));
  }
  auto max_events = ini.getInt("traps.max_events", c.max_events, 100, 100000000);
  if (!max_events) return max_events.error();
  c.max_events = *max_events;
  auto max_age = ini.getInt("traps.max_age_days", c.max_age_days, 1, 3650);
  if (!max_age) return max_age.error();
  c.max_age_days = static_cast<int>(*max_age);
  if (c.enabled && c.communities.empty() && c.users.empty()) {
    return invalid(ini,
                   "traps.enabled is true but neither traps.communities nor "
                   "traps.v3_users is set: every trap would be dropped");
  }
  return c;
}

}  // namespace steward::collector::snmp::traps
