#pragma once

// The SnmpClient on net-snmp's single-session API: one session (one UDP socket) per
// device being polled, up to PollOptions::max_in_flight at once, all multiplexed in
// one select() loop with snmp_sess_async_send / snmp_sess_read / snmp_sess_timeout.
// A /24 where nothing answers therefore costs about one timeout, not 254.
// Per device: one GET of the scalars, one GETNEXT carrying every walk root (so
// subtrees the device does not have cost nothing more), then GETBULK walks of the
// subtrees that exist, one request outstanding per device.
//
// SNMPv3: net-snmp discovers the agent's engine id synchronously when a v3 session
// opens, so each v3 attempt first costs one blocking probe (up to timeout × (retries
// + 1) for a silent address); v1/v2c attempts never block.

#include "collector/snmp/snmp_client.h"

namespace steward::collector::snmp {

class NetSnmpClient : public SnmpClient {
 public:
  NetSnmpClient();
  std::vector<PollResult> poll(const std::vector<PollTarget>& targets, const PollPlan& plan,
                               const PollOptions& options) override;
};

}  // namespace steward::collector::snmp
