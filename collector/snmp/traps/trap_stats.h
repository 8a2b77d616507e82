#pragma once

// Counters of the trap receiver, shared by its thread and the HTTP threads that
// report them (/api/v1/traps/stats). Every dropped datagram lands in exactly one
// drop counter.

#include <atomic>
#include <cstdint>
#include <string>

namespace steward::collector::snmp::traps {

enum class DropReason {
  Malformed,           // not decodable as SNMP (garbage, truncated, bad BER, bad version)
  UnknownCommunity,    // v1/v2c community not in [traps] communities
  UnknownUser,         // v3 user (or user for that engine ID) not configured
  BadAuthentication,   // v3 digest or decryption failed (wrong password or key)
  WrongSecurityLevel,  // v3 message below the level the user is configured for
  NotInTimeWindow,     // v3 message outside the USM time window
  NotANotification,    // a GET/SET/response sent to the trap port
  StorageError,        // accepted but could not be stored
};

class TrapStats {
 public:
  void countReceived() { received_.fetch_add(1, std::memory_order_relaxed); }
  void countStored(bool matched) {
    stored_.fetch_add(1, std::memory_order_relaxed);
    if (matched) matched_.fetch_add(1, std::memory_order_relaxed);
  }
  void countInformAcknowledged() { informs_acked_.fetch_add(1, std::memory_order_relaxed); }
  // A v3 engine ID discovery probe, answered by net-snmp with a report: the first
  // step of a v3 inform, not a drop.
  void countEngineIdProbe() { probes_.fetch_add(1, std::memory_order_relaxed); }
  void countDropped(DropReason reason);

  std::uint64_t received() const { return received_.load(); }
  std::uint64_t stored() const { return stored_.load(); }
  std::uint64_t matched() const { return matched_.load(); }
  std::uint64_t informsAcknowledged() const { return informs_acked_.load(); }
  std::uint64_t engineIdProbes() const { return probes_.load(); }
  std::uint64_t dropped(DropReason reason) const;
  std::uint64_t droppedTotal() const;

  // {"received":N,"stored":N,"matched_to_asset":N,"informs_acknowledged":N,
  //  "engine_id_probes":N,
  //  "dropped":{"total":N,"malformed":N,"unknown_community":N,...}}
  std::string toJson() const;
  // One line for the periodic log: "received=.. stored=.. dropped=.. (malformed=..)".
  std::string summary() const;

 private:
  static constexpr int kReasons = 8;
  std::atomic<std::uint64_t> received_{0};
  std::atomic<std::uint64_t> stored_{0};
  std::atomic<std::uint64_t> matched_{0};
  std::atomic<std::uint64_t> informs_acked_{0};
  std::atomic<std::uint64_t> probes_{0};
  std::atomic<std::uint64_t> dropped_[kReasons] = {};
};

// "malformed", "unknown_community", ... as used in JSON and log lines.
const char* dropReasonName(DropReason reason);

}  // namespace steward::collector::snmp::traps
