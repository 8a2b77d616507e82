#pragma once

// net-snmp's process-wide state, shared by discovery (NetSnmpClient) and the trap
// receiver (NetSnmpTrapListener) in one collector process. The library keeps, as
// plain globals: the init_snmp configuration, the USM user list (one entry per
// engine ID and user name, with the keys localised to that engine), the engine
// boots/time cache (lcd_time), the request-id counter and snmp_errno. Debian's
// libsnmp is built without NETSNMP_REENTRANT, so none of that is locked inside.
// This file is the one place that guards it (a mutable global by necessity: it
// mirrors the library's own):
// - initNetSnmpLibrary(): one initialisation with one set of settings, whichever
//   component starts first.
// - NetSnmpLock: held around every net-snmp call that builds or parses a message,
//   sends, reads, times out, or opens/closes a session — any of these may look up
//   or add USM users and engine times.
// - claimUsmUser()/releaseUsmUser(): the only writers of the USM user list, so the
//   keys discovery installs for a device and the keys the trap receiver installs
//   for a sender never silently replace each other.

#include <mutex>
#include <string>

namespace steward::collector::snmp {

// Initialises net-snmp once per process for numeric-OID use without MIB files,
// configuration files or persistent state, and raises the descriptor limit to its
// hard maximum (one UDP socket per device in flight). Thread-safe.
void initNetSnmpLibrary();

// Serialises access to net-snmp's global state (see above). Not recursive: take it
// once per batch of library calls, never inside a net-snmp callback.
class NetSnmpLock {
 public:
  NetSnmpLock();
  NetSnmpLock(const NetSnmpLock&) = delete;
  NetSnmpLock& operator=(const NetSnmpLock&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
};

// A v3 user as one side configures it: passwords, localised to `engine_id` (raw
// bytes) when installed.
struct UsmKeySet {
  std::string engine_id;
  std::string user;
  std::string auth_protocol = "SHA";  // SHA (SHA-1) or SHA-256
  std::string auth_password;
  std::string priv_protocol = "AES";  // AES (AES-128) or none
  std::string priv_password;
};

enum class UsmOwner { Discovery, Traps };

enum class UsmClaimStatus {
  Installed,  // net-snmp's entry for (engine, user) now carries exactly these keys
  Busy,       // a poll in progress uses other keys for this engine and user: retry later
  Refused,    // see `error`
};

struct UsmClaim {
  UsmClaimStatus status = UsmClaimStatus::Refused;
  std::string error;
};

// Makes net-snmp's USM entry for (keys.engine_id, keys.user) carry `keys`.
// net-snmp holds one key set per engine and user name; its own session code keeps
// whichever keys came first, so a wrong credential tried first would poison the
// right one and a poll credential would silently override a trap user. Here:
// - Traps: configuration for that sender, always installed and kept (replaces a
//   discovery entry with other keys).
// - Discovery: shares an entry with the same keys; replaces a discovery entry with
//   other keys when no poll uses it (Busy while one does); Refused, with a message
//   naming the engine and user, when the trap receiver's configuration has other
//   keys for them (a device has one key set per user: one of the two is wrong).
// An Installed discovery claim must be released with releaseUsmUser().
UsmClaim claimUsmUser(const NetSnmpLock& held, const UsmKeySet& keys, UsmOwner owner);
void releaseUsmUser(const NetSnmpLock& held, const std::string& engine_id, const std::string& user);

// Hex text of raw engine-ID bytes, for messages: "0x80001f8880...".
std::string engineIdText(const std::string& engine_id);

}  // namespace steward::collector::snmp
