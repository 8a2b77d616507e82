#pragma once

// The UDP side of the trap receiver, on net-snmp's library (not snmptrapd): one
// server session on its own thread. net-snmp parses every datagram and, for v3,
// checks the USM user, digest and time window and decrypts; this class then checks
// v1/v2c communities and the v3 security level, decodes the notification and hands
// it on. Informs are acknowledged only after `on_trap` reports the event stored, so
// a sender retries anything the collector did not commit. Every datagram is counted
// in TrapStats as received and then stored or dropped with a reason.

#include <cstdint>
#include <functional>
#include <memory>

#include "collector/snmp/traps/trap_config.h"
#include "collector/snmp/traps/trap_event.h"
#include "collector/snmp/traps/trap_stats.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::collector::snmp::traps {

class NetSnmpTrapListener {
 public:
  // Called on the listener thread with a decoded, accepted notification (source,
  // event_id and received_at filled). Returns true once the event is committed.
  using OnTrap = std::function<bool(TrapEvent&)>;

  NetSnmpTrapListener(TrapConfig config, TrapStats& stats, const Clock& clock, OnTrap on_trap);
  ~NetSnmpTrapListener();
  NetSnmpTrapListener(const NetSnmpTrapListener&) = delete;
  NetSnmpTrapListener& operator=(const NetSnmpTrapListener&) = delete;

  // Registers the v3 users, binds config.address:port and starts the thread. Returns
  // the bound port. Errors: "trap_bind" (names address, port and reason),
  // "trap_user" (net-snmp refused a v3 user).
  Result<std::uint16_t> start();
  // Stops the thread and closes the socket; idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace steward::collector::snmp::traps
