#include "collector/snmp/snmp_config.h"

#include <sys/stat.h>

#include <optional>

namespace steward::collector::snmp {

namespace {

Error invalid(const IniConfig& ini, const std::string& message) {
  return makeError("config_invalid", ini.source() + ": " + message);
}

// The secret `key` of section `name`: from the config, else from the secrets file.
std::string secret(const IniConfig& ini, const std::optional<IniConfig>& secrets,
                   const std::string& section, const std::string& name, const std::string& key) {
  std::string value = ini.getString(section + "." + key, "");
  if (value.empty() && secrets) value = secrets->getString(name + "." + key, "");
  return value;
}

Result<SnmpCredential> loadCredential(const IniConfig& ini,
                                      const std::optional<IniConfig>& secrets,
                                      const std::string& name) {
  const std::string section = "snmp.credential." + name;
  SnmpCredential c;
  c.name = name;
  const std::string version = ini.getString(section + ".version", "");
  if (version == "1") {
    c.version = SnmpVersion::V1;
  } else if (version == "2c") {
    c.version = SnmpVersion::V2c;
  } else if (version == "3") {
    c.version = SnmpVersion::V3;
  } else {
    return invalid(ini, section + ".version = '" + version + "' must be 1, 2c or 3");
  }
  if (c.version != SnmpVersion::V3) {
    c.community = secret(ini, secrets, section, name, "community");
    if (c.community.empty()) {
      return invalid(ini, section + ".community is required (in the config or secrets file)");
    }
    return c;
  }
  c.user = ini.getString(section + ".user", "");
  if (c.user.empty()) return invalid(ini, section + ".user is required for version 3");
  c.auth_protocol = ini.getString(section + ".auth_protocol", "SHA");
  if (c.auth_protocol != "SHA" && c.auth_protocol != "SHA-256") {
    return invalid(ini, section + ".auth_protocol = '" + c.auth_protocol +
                            "' must be SHA or SHA-256 (MD5 is not offered)");
  }
  c.priv_protocol = ini.getString(section + ".priv_protocol", "AES");
  if (c.priv_protocol != "AES") {
    return invalid(ini, section + ".priv_protocol = '" + c.priv_protocol +
                            "' must be AES (DES is not offered)");
  }
  c.auth_password = secret(ini, secrets, section, name, "auth_password");
  c.priv_password = secret(ini, secrets, section, name, "priv_password");
  if (c.auth_password.size() < 8 || c.priv_password.size() < 8) {
    return invalid(ini, section + ": auth_password and priv_password are required, at least 8 "
                                  "characters each (authPriv only)");
  }
  return c;
}

Result<std::vector<Ipv4Block>> loadBlocks(const IniConfig& ini, const std::string& key) {
  std::vector<Ipv4Block> blocks;
  for (const auto& word : splitList(ini.getString(key, ""))) {
    auto block = parseBlock(word);
    if (!block) return invalid(ini, key + ": " + block.error().message);
    blocks.push_back(*block);
  }
  return blocks;
}

}  // namespace

const SnmpCredential* SnmpConfig::credential(const std::string& name) const {
  for (const auto& c : credentials) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Result<SnmpConfig> loadSnmpConfig(const IniConfig& ini) {
  SnmpConfig config;
  auto port = ini.getInt("snmp.port", 161, 1, 65535);
  if (!port) return port.error();
  config.port = static_cast<std::uint16_t>(*port);
  auto timeout = ini.getInt("snmp.timeout_ms", 1000, 10, 60000);
  if (!timeout) return timeout.error();
  config.timeout = std::chrono::milliseconds(*timeout);
  auto retries = ini.getInt("snmp.retries", 1, 0, 5);
  if (!retries) return retries.error();
  config.retries = static_cast<int>(*retries);
  auto in_flight = ini.getInt("snmp.max_in_flight", 512, 1, 16384);
  if (!in_flight) return in_flight.error();
  config.max_in_flight = static_cast<int>(*in_flight);
  auto uplink = ini.getInt("snmp.uplink_mac_threshold", 8, 1, 100000);
  if (!uplink) return uplink.error();
  config.uplink_mac_threshold = static_cast<int>(*uplink);
  auto link_age = ini.getInt("snmp.link_max_age_minutes", 1440, 0, 525600);
  if (!link_age) return link_age.error();
  config.link_max_age = std::chrono::minutes(*link_age);
  auto rows = ini.getInt("snmp.max_table_rows", 20000, 10, 1000000);
  if (!rows) return rows.error();
  config.max_table_rows = static_cast<int>(*rows);

  std::optional<IniConfig> secrets;
  const std::string secrets_path = ini.getString("snmp.secrets_file", "");
  if (!secrets_path.empty()) {
    struct stat st {};
    if (::stat(secrets_path.c_str(), &st) != 0) {
      return invalid(ini, "snmp.secrets_file '" + secrets_path + "' cannot be read");
    }
    if ((st.st_mode & 077) != 0) {
      return invalid(ini, "snmp.secrets_file '" + secrets_path +
                              "' is readable by group or others; chmod 600 it");
    }
    auto loaded = IniConfig::load(secrets_path);
    if (!loaded) return loaded.error();
    secrets = std::move(*loaded);
  }

  for (const auto& name : splitList(ini.getString("snmp.ranges", ""))) {
    const std::string section = "snmp.range." + name;
    SnmpRange range;
    range.name = name;
    auto include = loadBlocks(ini, section + ".cidr");
    if (!include) return include.error();
    if (include->empty()) return invalid(ini, section + ".cidr is required");
    range.include = std::move(*include);
    auto exclude = loadBlocks(ini, section + ".exclude");
    if (!exclude) return exclude.error();
    range.exclude = std::move(*exclude);
    if (auto hosts = expandRange(range.include, range.exclude); !hosts) {
      return invalid(ini, section + ": " + hosts.error().message);
    }
    range.credentials = splitList(ini.getString(section + ".credentials", ""));
    if (range.credentials.empty()) return invalid(ini, section + ".credentials is required");
    for (const auto& cred : range.credentials) {
      if (config.credential(cred)) continue;
      if (!ini.has("snmp.credential." + cred + ".version")) {
        return invalid(ini, section + ".credentials names '" + cred +
                                "' but there is no [snmp.credential." + cred + "] section");
      }
      auto loaded = loadCredential(ini, secrets, cred);
      if (!loaded) return loaded.error();
      config.credentials.push_back(std::move(*loaded));
    }
    auto interval = ini.getInt(section + ".interval_seconds", 3600, 1, 7 * 86400);
    if (!interval) return interval.error();
    range.interval = std::chrono::seconds(*interval);
    auto rate = ini.getInt(section + ".rate_per_second", 200, 1, 100000);
    if (!rate) return rate.error();
    range.rate_per_second = static_cast<int>(*rate);
    auto range_port = ini.getInt(section + ".port", config.port, 1, 65535);
    if (!range_port) return range_port.error();
    range.port = static_cast<std::uint16_t>(*range_port);
    config.ranges.push_back(std::move(range));
  }
  return config;
}

}  // namespace steward::collector::snmp
