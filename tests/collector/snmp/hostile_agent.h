#pragma once

// A hostile SNMP "agent" on a loopback UDP port, for bad-input tests no real agent
// produces: garbage datagrams, oversized junk, walks whose OIDs loop or never end.
// It speaks just enough BER (v2c) to echo request ids back.

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace steward::collector::snmp::testing {

class HostileAgent {
 public:
  enum class Mode {
    Garbage,    // random bytes in reply to anything
    Oversized,  // a 65000-byte datagram of junk that starts like a BER sequence
    Looping,    // every answer is ifDescr.1 = "loop" (OIDs never increase)
    Endless,    // ifDescr.<n+1> for a request at ifDescr.<n>: a table without end
  };
  explicit HostileAgent(Mode mode);
  ~HostileAgent();
  HostileAgent(const HostileAgent&) = delete;
  HostileAgent& operator=(const HostileAgent&) = delete;

  std::uint16_t port() const { return port_; }
  int requests() const { return requests_.load(); }

 private:
  void serve();
  std::string reply(const std::string& request) const;

  Mode mode_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace steward::collector::snmp::testing
