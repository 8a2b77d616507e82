#pragma once

// Where accepted traps go after they are stored: the fault-rules engine implements
// this (collector/rules/) to raise incidents from linkDown, coldStart,
// authenticationFailure and the like.

#include "collector/snmp/traps/trap_event.h"

namespace steward::collector::snmp::traps {

class TrapSink {
 public:
  virtual ~TrapSink() = default;
  // Called on the trap receiver's thread, once per stored trap, in arrival order,
  // after the event is committed. Must not block for long (the receiver is not
  // reading UDP meanwhile) and must not throw.
  virtual void onTrap(const TrapEvent& event) = 0;
};

}  // namespace steward::collector::snmp::traps
