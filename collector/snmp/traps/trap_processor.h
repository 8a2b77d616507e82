#pragma once

// What happens to an accepted trap: match its source address to a known asset, store
// it as an event, then hand it to every TrapSink (fault rules). A trap that cannot be
// stored is counted as a storage error and not handed on (an inform then goes
// unacknowledged, so its sender retries).

#include <vector>

#include "collector/snmp/traps/asset_address_index.h"
#include "collector/snmp/traps/trap_sink.h"
#include "collector/snmp/traps/trap_stats.h"
#include "collector/snmp/traps/trap_store.h"

namespace steward::collector::snmp::traps {

class TrapProcessor {
 public:
  TrapProcessor(TrapStore& store, AssetAddressIndex& assets, TrapStats& stats)
      : store_(store), assets_(assets), stats_(stats) {}

  // Sinks are called in the order added; add them before the listener starts.
  void addSink(TrapSink& sink) { sinks_.push_back(&sink); }

  // Sets event.asset_id when the source matches, stores, fans out. True when stored.
  bool process(TrapEvent& event);

 private:
  TrapStore& store_;
  AssetAddressIndex& assets_;
  TrapStats& stats_;
  std::vector<TrapSink*> sinks_;
};

}  // namespace steward::collector::snmp::traps
