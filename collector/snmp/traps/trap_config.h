#pragma once

// [traps] and [trap_user.NAME] of collector.conf: where the receiver listens, what it
// accepts and how long events are kept. Off by default: a collector should not open
// a UDP port nobody asked for, and port 162 needs privileges.
//
//   [traps]
//   enabled = true
//   address = 0.0.0.0          ; default; 127.0.0.1 for local tests
//   port = 162
//   communities = trapsecret, other   ; v1/v2c; none configured: every v1/v2c trap dropped
//   v3_users = switches               ; names of [trap_user.NAME] sections
//   max_events = 100000               ; retention: newest N events ...
//   max_age_days = 30                 ; ... and none older than this
//   [trap_user.switches]
//   engine_ids = 0x8000000001020304, 0x80001f8880aabbccdd  ; the senders' engine IDs
//   auth_protocol = SHA               ; SHA | SHA-224 | SHA-256 | SHA-384 | SHA-512
//   auth_password = ...               ; at least 8 characters
//   priv_protocol = AES               ; AES | AES-192 | AES-256 | none (authNoPriv)
//   priv_password = ...

#include <cstdint>
#include <string>
#include <vector>

#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::collector::snmp::traps {

struct TrapUser {
  std::string name;
  std::vector<std::string> engine_ids;  // hex without "0x", lower case
  std::string auth_protocol = "SHA";
  std::string auth_password;
  std::string priv_protocol = "AES";  // "none": authNoPriv is the required level
  std::string priv_password;
  bool requiresPrivacy() const { return priv_protocol != "none"; }
};

struct TrapConfig {
  bool enabled = false;
  std::string address = "0.0.0.0";
  std::uint16_t port = 162;  // 0 picks a free port (tests)
  std::vector<std::string> communities;
  std::vector<TrapUser> users;
  std::int64_t max_events = 100000;
  int max_age_days = 30;
};

// Reads and validates [traps] and the [trap_user.*] sections it names; errors name
// the file and key.
Result<TrapConfig> loadTrapConfig(const IniConfig& ini);

}  // namespace steward::collector::snmp::traps
