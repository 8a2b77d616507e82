#pragma once

// The SnmpClient on net-snmp's single-session API: one session (one UDP socket) per
// device being polled, up to PollOptions::max_in_flight at once, all multiplexed in
// one select() loop with snmp_sess_async_send / snmp_sess_read / snmp_sess_timeout.
// A /24 where nothing answers therefore costs about one timeout, not 254.
// Per device: one GET of the scalars, one GETNEXT carrying every walk root (so
// subtrees the device does not have cost nothing more), then GETBULK walks of the
// subtrees that exist, one request outstanding per device.
//
// SNMPv3: sessions open without net-snmp's engine-ID probe (a blocking exchange per
// session); the discovery request goes out asynchronously like any other, its
// report names the engine ID, and the credential's keys are then localised to it
// and installed through claimUsmUser (net_snmp_library.h). So v3 costs one more
// round trip per device, never a blocking one: silent v3 addresses cost about one
// timeout altogether. A v3 credential that fails says why in the result's
// warnings (unknown user, wrong digest, decryption error, no answer after
// discovery). Every net-snmp call runs under NetSnmpLock (the trap receiver shares
// the library's globals). At most max_in_flight devices (and never more than the
// open-file limit less 256) are in flight; the rest wait their turn.

#include "collector/snmp/snmp_client.h"

namespace steward::collector::snmp {

class NetSnmpClient : public SnmpClient {
 public:
  NetSnmpClient();
  std::vector<PollResult> poll(const std::vector<PollTarget>& targets, const PollPlan& plan,
                               const PollOptions& options) override;
};

}  // namespace steward::collector::snmp
