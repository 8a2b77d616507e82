#include "collector/snmp/traps/trap_stats.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace steward::collector::snmp::traps {

namespace {

constexpr DropReason kAllReasons[] = {
    DropReason::Malformed,         DropReason::UnknownCommunity,   DropReason::UnknownUser,
    DropReason::BadAuthentication, DropReason::WrongSecurityLevel, DropReason::NotInTimeWindow,
    DropReason::NotANotification,  DropReason::StorageError,
};

}  // namespace

const char* dropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::Malformed:
      return "malformed";
    case DropReason::UnknownCommunity:
      return "unknown_community";
    case DropReason::UnknownUser:
      return "unknown_user";
    case DropReason::BadAuthentication:
      return "bad_authentication";
    case DropReason::WrongSecurityLevel:
      return "wrong_security_level";
    case DropReason::NotInTimeWindow:
      return "not_in_time_window";
    case DropReason::NotANotification:
      return "not_a_notification";
    case DropReason::StorageError:
      return "storage_error";
  }
  return "unknown";
}

void TrapStats::countDropped(DropReason reason) {
  dropped_[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t TrapStats::dropped(DropReason reason) const {
  return dropped_[static_cast<int>(reason)].load();
}

std::uint64_t TrapStats::droppedTotal() const {
  std::uint64_t total = 0;
  for (DropReason r : kAllReasons) total += dropped(r);
  return total;
}

std::string TrapStats::toJson() const {
  boost::json::object dropped{{"total", droppedTotal()}};
  for (DropReason r : kAllReasons) dropped[dropReasonName(r)] = this->dropped(r);
  return boost::json::serialize(boost::json::object{{"received", received()},
                                                    {"stored", stored()},
                                                    {"matched_to_asset", matched()},
                                                    {"informs_acknowledged", informsAcknowledged()},
                                                    {"engine_id_probes", engineIdProbes()},
                                                    {"dropped", std::move(dropped)}});
}

std::string TrapStats::summary() const {
  std::string line =
      "received=" + std::to_string(received()) + " stored=" + std::to_string(stored()) +
      " matched=" + std::to_string(matched()) + " dropped=" + std::to_string(droppedTotal());
  std::string detail;
  for (DropReason r : kAllReasons) {
    if (dropped(r) == 0) continue;
    detail += (detail.empty() ? "" : " ") + std::string(dropReasonName(r)) + "=" +
              std::to_string(dropped(r));
  }
  return detail.empty() ? line : line + " (" + detail + ")";
}

}  // namespace steward::collector::snmp::traps
