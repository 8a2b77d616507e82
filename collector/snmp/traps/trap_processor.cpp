#include "collector/snmp/traps/trap_processor.h"

#include "collector/snmp/traps/trap_oids.h"
#include "shared/common/log.h"

namespace steward::collector::snmp::traps {

bool TrapProcessor::process(TrapEvent& event) {
  Poco::Logger& log = logger("collector.snmp.traps");
  auto asset = assets_.assetFor(event.source_address);
  if (!asset) {
    // Matching is best effort: the trap is still worth keeping without its asset.
    log.error("[source=%s] asset lookup failed: %s", event.source_address, asset.error().message);
  } else {
    event.asset_id = *asset;
  }
  if (auto r = store_.add(event); !r) {
    stats_.countDropped(DropReason::StorageError);
    log.error("[source=%s] could not store trap %s: %s", event.source_address, event.trap_oid,
              r.error().message);
    return false;
  }
  stats_.countStored(event.asset_id.has_value());
  const std::string name = genericTrapName(event.trap_oid);
  log.information("[source=%s] [asset=%s] %s %s %s%s", event.source_address,
                  event.asset_id.value_or("unknown"), event.version,
                  std::string(event.inform ? "inform" : "trap"),
                  name.empty() ? event.trap_oid : name,
                  event.subject.empty() ? std::string() : " " + event.subject);
  for (TrapSink* sink : sinks_) sink->onTrap(event);
  return true;
}

}  // namespace steward::collector::snmp::traps
