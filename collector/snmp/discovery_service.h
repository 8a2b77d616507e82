#pragma once

// What happens when a device answers a discovery poll: reconcile it to an asset
// through the same engine agents' reports go through, store its network view, link
// endpoints found in its FDB to their switch port, and queue asset records for the
// server, all in one transaction.

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "collector/reconcile/reconcile_config.h"
#include "collector/reconcile/reconciler.h"
#include "collector/snmp/snmp_device.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::collector::snmp {

struct DeviceOutcome {
  std::string asset_id;
  std::string device_class;
  std::string rule;           // the reconciliation rule that decided
  int endpoints_linked = 0;   // endpoint assets whose switch port changed or appeared
  // Ports leading to other switches (uplinkPorts) in this view or the one stored
  // before it: an uplink whose link just dropped has lost its LLDP neighbour and MACs.
  std::set<std::string> uplink_ports;
  int endpoints_unlinked = 0;  // linked to this switch before, not in this poll's FDB
};

class DiscoveryService {
 public:
  DiscoveryService(storage::CollectorDb& db, const Clock& clock,
                   const reconcile::Reconciler& reconciler, int uplink_mac_threshold,
                   std::function<void()> on_enqueued = {},
                   const reconcile::ReconcileConfig* config = nullptr);

  // Creates the SNMP tables when missing; call once before recordDevice.
  Result<void> prepare();

  // How long an endpoint's link outlives its MAC's absence from the switch's FDB
  // ([snmp] link_max_age_minutes); 0: the first complete poll without it drops it.
  void setLinkMaxAge(std::chrono::seconds age) { link_max_age_ = age; }

  // The device is a sighting from source "snmp", reconciled and merged with the
  // asset's other sightings by attribute precedence (ingest/sighting_ingest.h: an
  // agent's data wins by default); SNMP adds its identifiers and network view. A device that
  // gave no identifier at all (no serial, engine id, MAC or sysName) is refused
  // with "no_identity", nothing stored.
  Result<DeviceOutcome> recordDevice(const SnmpDevice& device);

  // Address -> asset id of every device discovery has stored, so a sweep can tell
  // a known device that stopped answering from an address that never did.
  Result<std::map<std::string, std::string>> knownDevices() const;

 private:
  storage::CollectorDb& db_;
  const Clock& clock_;
  const reconcile::Reconciler& reconciler_;
  int uplink_mac_threshold_;
  std::chrono::seconds link_max_age_{std::chrono::hours(24)};
  std::function<void()> on_enqueued_;
  reconcile::ReconcileConfig default_config_;
  const reconcile::ReconcileConfig& config_;
};

}  // namespace steward::collector::snmp
