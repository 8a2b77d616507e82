#pragma once

// The fault rules' UplinkResolver fed by SNMP discovery: a table given by
// configuration ([rules] uplinks_file) wins, otherwise the switch whose FDB holds the
// endpoint's MAC on an access port (Topology).

#include "collector/rules/uplink_resolver.h"
#include "collector/snmp/topology.h"

namespace steward::collector::snmp {

class TopologyUplinkResolver final : public rules::UplinkResolver {
 public:
  TopologyUplinkResolver(const rules::UplinkResolver& configured, const Topology& topology)
      : configured_(configured), topology_(topology) {}
  std::optional<std::string> uplinkOf(const std::string& endpoint_asset_id) const override {
    if (auto fixed = configured_.uplinkOf(endpoint_asset_id)) return fixed;
    if (auto port = topology_.uplinkOf(endpoint_asset_id)) return port->switch_asset_id;
    return std::nullopt;
  }

 private:
  const rules::UplinkResolver& configured_;
  const Topology& topology_;
};

}  // namespace steward::collector::snmp
