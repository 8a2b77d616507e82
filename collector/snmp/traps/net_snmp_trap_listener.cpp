#include "collector/snmp/traps/net_snmp_trap_listener.h"

// clang-format off
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
// clang-format on

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

#include "collector/snmp/net_snmp_library.h"
#include "collector/snmp/traps/trap_pdu_decoder.h"
#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/http/tls.h"

namespace steward::collector::snmp::traps {

namespace {

constexpr auto kWarningInterval = std::chrono::seconds(10);
constexpr auto kSummaryInterval = std::chrono::seconds(300);

Poco::Logger& log() { return logger("collector.snmp.traps"); }

// Where a net-snmp parse failure lands among the drop reasons.
DropReason reasonFor(int snmp_error) {
  switch (snmp_error) {
    case SNMPERR_USM_UNKNOWNSECURITYNAME:
    case SNMPERR_UNKNOWN_USER_NAME:
    case SNMPERR_USM_UNKNOWNENGINEID:
    case SNMPERR_UNKNOWN_ENG_ID:
      return DropReason::UnknownUser;
    case SNMPERR_USM_AUTHENTICATIONFAILURE:
    case SNMPERR_AUTHENTICATION_FAILURE:
    case SNMPERR_USM_DECRYPTIONERROR:
    case SNMPERR_DECRYPTION_ERR:
      return DropReason::BadAuthentication;
    case SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL:
    case SNMPERR_UNSUPPORTED_SEC_LEVEL:
      return DropReason::WrongSecurityLevel;
    case SNMPERR_USM_NOTINTIMEWINDOW:
    case SNMPERR_NOT_IN_TIME_WINDOW:
      return DropReason::NotInTimeWindow;
    case SNMPERR_BAD_COMMUNITY:
      return DropReason::UnknownCommunity;
    default:
      return DropReason::Malformed;
  }
}

std::string hexToBytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

struct Source {
  std::string address;
  std::uint16_t port = 0;
};

// net-snmp's UDP transports hand over a netsnmp_indexed_addr_pair per datagram.
Source sourceOf(const netsnmp_pdu& pdu) {
  Source s;
  if (pdu.transport_data == nullptr ||
      pdu.transport_data_length < static_cast<int>(sizeof(netsnmp_indexed_addr_pair))) {
    return s;
  }
  const auto* pair = static_cast<const netsnmp_indexed_addr_pair*>(pdu.transport_data);
  char text[INET6_ADDRSTRLEN] = {};
  if (pair->remote_addr.sa.sa_family == AF_INET) {
    inet_ntop(AF_INET, &pair->remote_addr.sin.sin_addr, text, sizeof(text));
    s.port = ntohs(pair->remote_addr.sin.sin_port);
  }
#ifdef NETSNMP_ENABLE_IPV6
  else if (pair->remote_addr.sa.sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &pair->remote_addr.sin6.sin6_addr, text, sizeof(text));
    s.port = ntohs(pair->remote_addr.sin6.sin6_port);
  }
#endif
  s.address = text;
  return s;
}

}  // namespace

struct NetSnmpTrapListener::Impl {
  Impl(TrapConfig c, TrapStats& s, const Clock& k, OnTrap o)
      : config(std::move(c)), stats(s), clock(k), on_trap(std::move(o)) {}

  TrapConfig config;
  TrapStats& stats;
  const Clock& clock;
  OnTrap on_trap;
  std::map<std::string, int> required_level;  // v3 user -> SNMP_SEC_LEVEL_*
  void* session = nullptr;
  int wake_read = -1;
  int wake_write = -1;
  std::thread thread;
  std::map<DropReason, Clock::MonoTime> last_warning;

  Result<void> registerUsers();
  void run();
  void drop(DropReason reason, const std::string& source, const std::string& detail);
  void handle(netsnmp_pdu& pdu);
  bool communityKnown(const netsnmp_pdu& pdu) const;

  static int onPreParse(netsnmp_session* session, netsnmp_transport*, void*, int) {
    static_cast<Impl*>(session->callback_magic)->stats.countReceived();
    return 1;
  }
  static int onPostParse(netsnmp_session* session, netsnmp_pdu* pdu, int result) {
    if (result != SNMPERR_SUCCESS) {
      auto* self = static_cast<Impl*>(session->callback_magic);
      // A v3 message naming no engine ID is a discovery probe (net-snmp answers it
      // with a report carrying ours): how a v3 inform starts, not an attack.
      if ((result == SNMPERR_USM_UNKNOWNENGINEID || result == SNMPERR_UNKNOWN_ENG_ID) &&
          pdu != nullptr && pdu->securityEngineIDLen == 0) {
        self->stats.countEngineIdProbe();
        return 1;
      }
      DropReason reason = reasonFor(result);
      std::string detail = snmp_api_errstring(result);
      // An authPriv message whose digest verified but whose scoped PDU does not parse
      // was decrypted with the wrong key: a wrong privacy password, not garbage.
      if (reason == DropReason::Malformed && pdu != nullptr &&
          pdu->version == SNMP_VERSION_3 && pdu->securityLevel == SNMP_SEC_LEVEL_AUTHPRIV) {
        reason = DropReason::BadAuthentication;
        detail = "decryption failed (wrong privacy password or key?): " + detail;
      }
      self->drop(reason, pdu ? sourceOf(*pdu).address : std::string(), detail);
    }
    return 1;
  }
  static int onMessage(int op, netsnmp_session* session, int, netsnmp_pdu* pdu, void*) {
    auto* self = static_cast<Impl*>(session->callback_magic);
    // net-snmp 5.9 calls back from inside the parse of a v3 message failing
    // authentication, with a PDU whose command is still 0, before the post-parse
    // hook counts that failure: leave such a PDU to the hook.
    if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu != nullptr && pdu->command != 0) {
      self->handle(*pdu);
    }
    return 1;
  }
};

Result<void> NetSnmpTrapListener::Impl::registerUsers() {
  NetSnmpLock lock;  // the USM user list is shared with discovery
  for (const TrapUser& user : config.users) {
    required_level[user.name] =
        user.requiresPrivacy() ? SNMP_SEC_LEVEL_AUTHPRIV : SNMP_SEC_LEVEL_AUTHNOPRIV;
    for (const std::string& engine : user.engine_ids) {
      // Keys localised to the sender's engine ID (traps: the sender is
      // authoritative), registered so that discovery never replaces them.
      UsmKeySet keys;
      keys.engine_id = hexToBytes(engine);
      keys.user = user.name;
      keys.auth_protocol = user.auth_protocol;
      keys.auth_password = user.auth_password;
      keys.priv_protocol = user.priv_protocol;
      keys.priv_password = user.priv_password;
      const UsmClaim claim = claimUsmUser(lock, keys, UsmOwner::Traps);
      if (claim.status != UsmClaimStatus::Installed) {
        return makeError("trap_user", "net-snmp refused v3 trap user '" + user.name +
                                          "' for engine ID 0x" + engine + ": " + claim.error);
      }
    }
    // The same user localised to this collector's own engine ID, for v3 informs: there
    // the receiver is authoritative and the sender discovers its engine ID first.
    std::string local = user.name + " " + user.auth_protocol + " \"" + user.auth_password + "\"";
    if (user.requiresPrivacy()) {
      local += " " + user.priv_protocol + " \"" + user.priv_password + "\"";
    }
    usm_parse_create_usmUser("createUser", local.data());
  }
  return {};
}

bool NetSnmpTrapListener::Impl::communityKnown(const netsnmp_pdu& pdu) const {
  if (pdu.community == nullptr) return false;
  const std::string_view presented(reinterpret_cast<const char*>(pdu.community), pdu.community_len);
  bool known = false;
  for (const std::string& community : config.communities) {
    // Compare every configured community in constant time, so the answer's timing
    // does not tell which prefix is right.
    known |= http::constantTimeEquals(community, presented);
  }
  return known;
}

void NetSnmpTrapListener::Impl::drop(DropReason reason, const std::string& source,
                                     const std::string& detail) {
  stats.countDropped(reason);
  const auto now = clock.monotonic();
  auto it = last_warning.find(reason);
  const bool warn = it == last_warning.end() || now - it->second >= kWarningInterval;
  const std::string line = "[source=" + (source.empty() ? std::string("?") : source) +
                           "] dropped trap: " + dropReasonName(reason) + ": " + detail;
  if (warn) {
    last_warning[reason] = now;
    log().warning("%s (further drops of this kind in the next 10 s are logged at debug level)",
                  line);
  } else {
    log().debug("%s", line);
  }
}

void NetSnmpTrapListener::Impl::handle(netsnmp_pdu& pdu) {
  const Source source = sourceOf(pdu);
  if (pdu.command != SNMP_MSG_TRAP && pdu.command != SNMP_MSG_TRAP2 &&
      pdu.command != SNMP_MSG_INFORM) {
    drop(DropReason::NotANotification, source.address,
         std::string("PDU type ") + snmp_pdu_type(pdu.command));
    return;
  }
  if (pdu.version == SNMP_VERSION_1 || pdu.version == SNMP_VERSION_2c) {
    if (!communityKnown(pdu)) {
      drop(DropReason::UnknownCommunity, source.address, "community not in [traps] communities");
      return;
    }
  } else if (pdu.version == SNMP_VERSION_3) {
    const std::string user(pdu.securityName ? pdu.securityName : "", pdu.securityNameLen);
    auto level = required_level.find(user);
    if (level == required_level.end()) {
      drop(DropReason::UnknownUser, source.address, "v3 user '" + user + "' is not configured");
      return;
    }
    if (pdu.securityLevel < level->second) {
      drop(DropReason::WrongSecurityLevel, source.address,
           "v3 user '" + user + "' sent security level " + std::to_string(pdu.securityLevel) +
               ", configured for " + std::to_string(level->second));
      return;
    }
  } else {
    drop(DropReason::Malformed, source.address, "unsupported SNMP version");
    return;
  }
  auto event = decodeNotification(pdu);
  if (!event) {
    drop(DropReason::Malformed, source.address, event.error().message);
    return;
  }
  event->source_address = source.address;
  event->source_port = source.port;
  event->event_id = newUuidV7(clock);
  event->received_at = formatRfc3339(clock.now());
  if (!on_trap(*event)) return;  // counted as a storage error by the callee
  if (pdu.command == SNMP_MSG_INFORM) {
    netsnmp_pdu* reply = snmp_clone_pdu(&pdu);
    if (reply == nullptr) return;
    reply->command = SNMP_MSG_RESPONSE;
    reply->errstat = 0;
    reply->errindex = 0;
    // Called back from inside snmp_sess_read: the NetSnmpLock is already held.
    if (snmp_sess_send(session, reply) == 0) {
      snmp_free_pdu(reply);
      log().warning("[source=%s] could not acknowledge an inform", source.address);
    } else {
      stats.countInformAcknowledged();
    }
  }
}

void NetSnmpTrapListener::Impl::run() {
  netsnmp_transport* transport = snmp_sess_transport(session);
  auto last_summary = clock.monotonic();
  std::string last_logged;
  for (;;) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(transport->sock, &readable);
    FD_SET(wake_read, &readable);
    timeval timeout{1, 0};
    const int ready =
        select(std::max(transport->sock, wake_read) + 1, &readable, nullptr, nullptr, &timeout);
    if (ready < 0 && errno != EINTR) {
      log().error("select failed: %s; the trap receiver stops", std::string(strerror(errno)));
      return;
    }
    if (ready > 0 && FD_ISSET(wake_read, &readable)) return;
    if (ready > 0 && FD_ISSET(transport->sock, &readable)) {
      // Parsing checks USM users and engine times, shared with discovery's thread.
      NetSnmpLock lock;
      snmp_sess_read(session, &readable);
    }
    if (clock.monotonic() - last_summary >= kSummaryInterval) {
      last_summary = clock.monotonic();
      std::string summary = stats.summary();
      if (summary != last_logged) log().information("traps: %s", summary);
      last_logged = std::move(summary);
    }
  }
}

NetSnmpTrapListener::NetSnmpTrapListener(TrapConfig config, TrapStats& stats, const Clock& clock,
                                         OnTrap on_trap)
    : impl_(std::make_unique<Impl>(std::move(config), stats, clock, std::move(on_trap))) {}

NetSnmpTrapListener::~NetSnmpTrapListener() { stop(); }

Result<std::uint16_t> NetSnmpTrapListener::start() {
  initNetSnmpLibrary();
  if (auto r = impl_->registerUsers(); !r) return r.error();

  const TrapConfig& c = impl_->config;
  const bool v6 = c.address.find(':') != std::string::npos;
  const std::string spec =
      (v6 ? "udp6:[" + c.address + "]" : "udp:" + c.address) + ":" + std::to_string(c.port);
  const std::string where = c.address + " UDP port " + std::to_string(c.port);
  netsnmp_transport* transport = netsnmp_tdomain_transport(spec.c_str(), 1, v6 ? "udp6" : "udp");
  if (transport == nullptr) {
    return makeError("trap_bind", "cannot listen for traps on " + where + ": " +
                                      std::string(strerror(errno)) +
                                      " (ports below 1024 need root or CAP_NET_BIND_SERVICE)");
  }
  netsnmp_session settings;
  snmp_sess_init(&settings);
  settings.version = SNMP_DEFAULT_VERSION;
  settings.callback = &Impl::onMessage;
  settings.callback_magic = impl_.get();
  settings.isAuthoritative = SNMP_SESS_UNKNOWNAUTH;
  {
    NetSnmpLock lock;
    impl_->session = snmp_sess_add(&settings, transport, &Impl::onPreParse, &Impl::onPostParse);
  }
  if (impl_->session == nullptr) {
    return makeError("trap_bind", "net-snmp could not open a session on " + where);
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  std::uint16_t port = c.port;
  if (getsockname(transport->sock, reinterpret_cast<sockaddr*>(&bound), &length) == 0) {
    port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                       : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    NetSnmpLock lock;
    snmp_sess_close(impl_->session);
    impl_->session = nullptr;
    return makeError("trap_bind", "cannot create the receiver's wake-up pipe");
  }
  impl_->wake_read = pipe_fds[0];
  impl_->wake_write = pipe_fds[1];
  impl_->thread = std::thread([this] { impl_->run(); });
  log().information("listening for SNMP traps on %s UDP port %s (%s communities, %s v3 users)",
                    c.address, std::to_string(port), std::to_string(c.communities.size()),
                    std::to_string(c.users.size()));
  return port;
}

void NetSnmpTrapListener::stop() {
  if (impl_->thread.joinable()) {
    const char byte = 0;
    if (write(impl_->wake_write, &byte, 1) < 0) {
      log().error("cannot wake the trap receiver thread");
    }
    impl_->thread.join();
  }
  if (impl_->session != nullptr) {
    NetSnmpLock lock;
    snmp_sess_close(impl_->session);
    impl_->session = nullptr;
  }
  for (int* fd : {&impl_->wake_read, &impl_->wake_write}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

}  // namespace steward::collector::snmp::traps
