#include "tests/collector/snmp/hostile_agent.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <vector>

namespace steward::collector::snmp::testing {

namespace {

// BER: a tag-length-value with definite length.
std::string tlv(unsigned char tag, const std::string& value) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = value.size();
  if (n < 128) {
    out.push_back(static_cast<char>(n));
  } else if (n < 256) {
    out += "\x81";
    out.push_back(static_cast<char>(n));
  } else {
    out += "\x82";
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 255));
  }
  return out + value;
}

std::string encodeOid(const std::vector<std::uint32_t>& oid) {
  std::string out(1, static_cast<char>(oid[0] * 40 + oid[1]));
  for (std::size_t i = 2; i < oid.size(); ++i) {
    std::string bytes;
    std::uint32_t v = oid[i];
    bytes.insert(bytes.begin(), static_cast<char>(v & 0x7f));
    while (v >>= 7) bytes.insert(bytes.begin(), static_cast<char>(0x80 | (v & 0x7f)));
    out += bytes;
  }
  return tlv(0x06, out);
}

std::vector<std::uint32_t> decodeOid(const std::string& bytes) {
  std::vector<std::uint32_t> oid;
  if (bytes.empty()) return oid;
  const auto first = static_cast<unsigned char>(bytes[0]);
  oid = {first / 40u, first % 40u};
  std::uint32_t v = 0;
  for (std::size_t i = 1; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    v = (v << 7) | (c & 0x7f);
    if (!(c & 0x80)) {
      oid.push_back(v);
      v = 0;
    }
  }
  return oid;
}

// Reads one TLV at `pos`; returns false on truncation.
bool readTlv(const std::string& buf, std::size_t& pos, unsigned char& tag, std::string& value) {
  if (pos + 2 > buf.size()) return false;
  tag = static_cast<unsigned char>(buf[pos++]);
  std::size_t len = static_cast<unsigned char>(buf[pos++]);
  if (len & 0x80) {
    const std::size_t count = len & 0x7f;
    len = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (pos >= buf.size()) return false;
      len = (len << 8) | static_cast<unsigned char>(buf[pos++]);
    }
  }
  if (pos + len > buf.size()) return false;
  value = buf.substr(pos, len);
  pos += len;
  return true;
}

const std::vector<std::uint32_t> kIfDescr{1, 3, 6, 1, 2, 1, 2, 2, 1, 2};

}  // namespace

HostileAgent::HostileAgent(Mode mode) : mode_(mode) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  socklen_t len = sizeof(sa);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&sa), &len) == 0) {
    port_ = ntohs(sa.sin_port);
  }
  thread_ = std::thread([this] { serve(); });
}

HostileAgent::~HostileAgent() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

void HostileAgent::serve() {
  std::vector<char> buf(65536);
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    sockaddr_in from{};
    socklen_t from_len = sizeof(from);
    const auto n = ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from),
                              &from_len);
    if (n <= 0) continue;
    ++requests_;
    const std::string out = reply(std::string(buf.data(), static_cast<std::size_t>(n)));
    if (!out.empty()) {
      ::sendto(fd_, out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&from), from_len);
    }
  }
}

std::string HostileAgent::reply(const std::string& request) const {
  if (mode_ == Mode::Garbage) {
    std::mt19937 random(static_cast<unsigned>(request.size()));
    std::string junk(200, '\0');
    for (char& c : junk) c = static_cast<char>(random());
    return junk;
  }
  if (mode_ == Mode::Oversized) {
    std::string junk = "\x30\x84\x00\x00\xfd\xe4";
    junk.resize(65000, 'A');
    return junk;
  }
  // Message: SEQUENCE { version, community, PDU { request-id, status, index, varbinds } }
  std::size_t pos = 0;
  unsigned char tag = 0;
  std::string message, version, community, pdu;
  if (!readTlv(request, pos, tag, message)) return {};
  pos = 0;
  if (!readTlv(message, pos, tag, version) || !readTlv(message, pos, tag, community) ||
      !readTlv(message, pos, tag, pdu)) {
    return {};
  }
  std::string request_id, status, index, varbinds, first, oid_bytes;
  std::size_t p = 0;
  if (!readTlv(pdu, p, tag, request_id) || !readTlv(pdu, p, tag, status) ||
      !readTlv(pdu, p, tag, index) || !readTlv(pdu, p, tag, varbinds)) {
    return {};
  }
  p = 0;
  if (!readTlv(varbinds, p, tag, first)) return {};
  p = 0;
  if (!readTlv(first, p, tag, oid_bytes)) return {};
  std::vector<std::uint32_t> asked = decodeOid(oid_bytes);

  std::vector<std::uint32_t> answer = kIfDescr;
  answer.push_back(1);
  if (mode_ == Mode::Endless && asked.size() == kIfDescr.size() + 1 &&
      std::equal(kIfDescr.begin(), kIfDescr.end(), asked.begin())) {
    answer.back() = asked.back() + 1;
  }
  const std::string varbind = tlv(0x30, encodeOid(answer) + tlv(0x04, "loop"));
  const std::string response_pdu = tlv(0x02, request_id) + tlv(0x02, std::string(1, '\0')) +
                                   tlv(0x02, std::string(1, '\0')) + tlv(0x30, varbind);
  return tlv(0x30, tlv(0x02, version) + tlv(0x04, community) + tlv(0xa2, response_pdu));
}

}  // namespace steward::collector::snmp::testing
