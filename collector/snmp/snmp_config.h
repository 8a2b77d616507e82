#pragma once

// The [snmp] part of collector.conf: ranges to sweep, the credentials to try on
// them, schedules, rate limits and timeouts (config/collector.conf documents it).
//
//   [snmp]
//   ranges = office, printers            ; names of [snmp.range.NAME] sections
//   secrets_file = /etc/steward/snmp.secrets   ; optional INI, must be mode 0600
//   [snmp.range.office]
//   cidr = 10.1.0.0/24, 10.1.2.7
//   exclude = 10.1.0.1, 10.1.0.128/28
//   credentials = ro, admin3            ; names of [snmp.credential.NAME] sections
//   interval_seconds = 3600
//   rate_per_second = 200
//   [snmp.credential.admin3]
//   version = 3
//   user = steward
//   auth_protocol = SHA                  ; SHA (SHA-1) or SHA-256
//   priv_protocol = AES                  ; AES (AES-128)
//   auth_password / priv_password        ; here or in the secrets file as NAME.key

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "collector/snmp/address_range.h"
#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::collector::snmp {

enum class SnmpVersion { V1, V2c, V3 };

struct SnmpCredential {
  std::string name;
  SnmpVersion version = SnmpVersion::V2c;
  std::string community;  // v1/v2c
  std::string user;       // v3 (authPriv only)
  std::string auth_protocol = "SHA";
  std::string auth_password;
  std::string priv_protocol = "AES";
  std::string priv_password;
};

struct SnmpRange {
  std::string name;
  std::vector<Ipv4Block> include;
  std::vector<Ipv4Block> exclude;
  std::vector<std::string> credentials;  // tried in order; the first that answers wins
  std::chrono::seconds interval{3600};
  int rate_per_second = 200;  // new requests per second, all targets together
  std::uint16_t port = 161;
};

struct SnmpConfig {
  std::vector<SnmpRange> ranges;
  std::vector<SnmpCredential> credentials;
  std::uint16_t port = 161;
  std::chrono::milliseconds timeout{1000};
  int retries = 1;
  int max_in_flight = 512;  // sessions open at once
  // An FDB port carrying more MACs than this (or with an LLDP neighbour) is an
  // uplink: endpoints seen there are not linked to it.
  int uplink_mac_threshold = 8;
  // An endpoint's switch-port link whose MAC a complete poll of that switch no longer
  // shows is kept this long after it was last seen (an idle or sleeping machine ages
  // out of the FDB in minutes); 0 drops it at the first such poll.
  std::chrono::seconds link_max_age{std::chrono::hours(24)};
  int max_table_rows = 20000;  // per walked table per device; more is cut and logged

  const SnmpCredential* credential(const std::string& name) const;
};

// Reads [snmp] (absent: no ranges, discovery off). Errors name the file and key:
// a malformed or forbidden range, an unknown credential, a v3 user without SHA/AES
// passwords of at least 8 characters, a secrets file readable by others.
Result<SnmpConfig> loadSnmpConfig(const IniConfig& ini);

}  // namespace steward::collector::snmp
