#include "collector/snmp/net_snmp_client.h"

// net-snmp's headers must come in this order.
// clang-format off
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/large_fd_set.h>
// clang-format on

#include <sys/resource.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <thread>

#include "shared/common/log.h"

namespace steward::collector::snmp {

namespace {

void initNetSnmp() {
  static std::once_flag once;
  std::call_once(once, [] {
    // No snmp.conf, no persistent state files, no MIB files: OIDs are numeric.
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT,
                       NETSNMP_OID_OUTPUT_NUMERIC);
    ::setenv("MIBS", "", 0);
    ::setenv("MIBDIRS", "/nonexistent", 0);
    init_snmp("steward-collector");
    // One socket per device in flight: allow as many descriptors as the hard limit.
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
      limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 65536);
      ::setrlimit(RLIMIT_NOFILE, &limit);
    }
  });
}

struct Job {
  const PollTarget* target = nullptr;
  PollResult* result = nullptr;
  std::size_t credential = 0;
  void* session = nullptr;
  bool walking = false;
  bool probing = false;  // the one GETNEXT over every walk root is outstanding
  std::vector<std::pair<std::size_t, Oid>> queue;  // (root index, first OID) to walk
  std::size_t next_in_queue = 0;
  std::size_t root = 0;
  Oid cursor;
  int rows = 0;
  bool outstanding = false;
  bool timed_out = false;
  netsnmp_pdu* response = nullptr;
  bool done = false;
};

int onEvent(int operation, netsnmp_session*, int, netsnmp_pdu* pdu, void* magic) {
  auto* job = static_cast<Job*>(magic);
  job->outstanding = false;
  if (operation == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu) {
    job->response = snmp_clone_pdu(pdu);
  } else {
    job->timed_out = true;
  }
  return 1;
}

SnmpValue convert(const netsnmp_variable_list& v) {
  SnmpValue value;
  switch (v.type) {
    case ASN_INTEGER:
      value.type = SnmpValue::Type::Integer;
      value.number = *v.val.integer;
      break;
    case ASN_COUNTER:
    case ASN_GAUGE:
    case ASN_UINTEGER:
      value.type = SnmpValue::Type::Unsigned;
      value.number = static_cast<std::uint32_t>(*v.val.integer);
      break;
    case ASN_TIMETICKS:
      value.type = SnmpValue::Type::TimeTicks;
      value.number = static_cast<std::uint32_t>(*v.val.integer);
      break;
    case ASN_COUNTER64:
      value.type = SnmpValue::Type::Counter64;
      value.number = static_cast<std::int64_t>((std::uint64_t{v.val.counter64->high} << 32) |
                                               v.val.counter64->low);
      break;
    case ASN_OCTET_STR:
    case ASN_OPAQUE:
      value.type = SnmpValue::Type::OctetString;
      value.bytes.assign(reinterpret_cast<const char*>(v.val.string), v.val_len);
      break;
    case ASN_IPADDRESS:
      value.type = SnmpValue::Type::IpAddress;
      value.bytes.assign(reinterpret_cast<const char*>(v.val.string), v.val_len);
      break;
    case ASN_OBJECT_ID:
      value.type = SnmpValue::Type::ObjectId;
      for (std::size_t i = 0; i < v.val_len / sizeof(oid); ++i) {
        value.oid.push_back(static_cast<std::uint32_t>(v.val.objid[i]));
      }
      break;
    default:
      value.type = SnmpValue::Type::Null;
  }
  return value;
}

Oid nameOf(const netsnmp_variable_list& v) {
  Oid out;
  for (std::size_t i = 0; i < v.name_length; ++i) out.push_back(static_cast<std::uint32_t>(v.name[i]));
  return out;
}

bool isException(const netsnmp_variable_list& v) {
  return v.type == SNMP_NOSUCHOBJECT || v.type == SNMP_NOSUCHINSTANCE ||
         v.type == SNMP_ENDOFMIBVIEW || v.type == ASN_NULL;
}

class PollRun {
 public:
  PollRun(const std::vector<PollTarget>& targets, const PollPlan& plan, const PollOptions& options)
      : targets_(targets), plan_(plan), options_(options) {}

  std::vector<PollResult> run();

 private:
  bool openSession(Job& job);
  void closeSession(Job& job);
  void start(Job& job);
  void sendGet(Job& job);
  void sendWalk(Job& job);
  void send(Job& job, netsnmp_pdu* pdu);
  void advance(Job& job);
  void nextCredentialOrGiveUp(Job& job);
  void finishRoot(Job& job);
  void walkNextQueued(Job& job);
  void takeProbe(Job& job, netsnmp_pdu* pdu);
  bool takeToken();

  const std::vector<PollTarget>& targets_;
  const PollPlan& plan_;
  const PollOptions& options_;
  std::vector<Job> jobs_;
  std::deque<Job*> to_send_;  // waiting for a rate-limit token
  double tokens_ = 0;
  std::chrono::steady_clock::time_point last_refill_ = std::chrono::steady_clock::now();
};

bool PollRun::takeToken() {
  if (options_.rate_per_second <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - last_refill_).count();
  last_refill_ = now;
  // A burst of at most a tenth of a second's worth keeps the rate smooth.
  const double burst = std::max(1.0, options_.rate_per_second / 10.0);
  tokens_ = std::min(burst, tokens_ + elapsed * options_.rate_per_second);
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

bool PollRun::openSession(Job& job) {
  const SnmpCredential& cred = *job.target->credentials[job.credential];
  netsnmp_session s;
  snmp_sess_init(&s);
  std::string peer = "udp:" + job.target->address + ":" + std::to_string(job.target->port);
  s.peername = peer.data();
  s.timeout = static_cast<long>(options_.timeout.count()) * 1000;
  s.retries = options_.retries;
  std::string community = cred.community;
  std::string user = cred.user;
  if (cred.version == SnmpVersion::V3) {
    s.version = SNMP_VERSION_3;
    s.securityName = user.data();
    s.securityNameLen = user.size();
    s.securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
    if (cred.auth_protocol == "SHA-256") {
      s.securityAuthProto = usmHMAC192SHA256AuthProtocol;
      s.securityAuthProtoLen = OID_LENGTH(usmHMAC192SHA256AuthProtocol);
    } else {
      s.securityAuthProto = usmHMACSHA1AuthProtocol;
      s.securityAuthProtoLen = USM_AUTH_PROTO_SHA_LEN;
    }
    s.securityAuthKeyLen = USM_AUTH_KU_LEN;
    std::string auth = cred.auth_password;
    std::string priv = cred.priv_password;
    if (generate_Ku(s.securityAuthProto, static_cast<u_int>(s.securityAuthProtoLen),
                    reinterpret_cast<u_char*>(auth.data()), auth.size(), s.securityAuthKey,
                    &s.securityAuthKeyLen) != SNMPERR_SUCCESS) {
      job.result->warnings.push_back("cannot derive the auth key of credential " + cred.name);
      return false;
    }
    s.securityPrivProto = usmAESPrivProtocol;
    s.securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
    s.securityPrivKeyLen = USM_PRIV_KU_LEN;
    if (generate_Ku(s.securityAuthProto, static_cast<u_int>(s.securityAuthProtoLen),
                    reinterpret_cast<u_char*>(priv.data()), priv.size(), s.securityPrivKey,
                    &s.securityPrivKeyLen) != SNMPERR_SUCCESS) {
      job.result->warnings.push_back("cannot derive the privacy key of credential " + cred.name);
      return false;
    }
  } else {
    s.version = cred.version == SnmpVersion::V1 ? SNMP_VERSION_1 : SNMP_VERSION_2c;
    s.community = reinterpret_cast<u_char*>(community.data());
    s.community_len = community.size();
  }
  // Opening copies every string and, for v3, probes the engine id (blocking).
  job.session = snmp_sess_open(&s);
  return job.session != nullptr;
}

void PollRun::closeSession(Job& job) {
  if (job.session) snmp_sess_close(job.session);
  job.session = nullptr;
  job.outstanding = false;
}

void PollRun::start(Job& job) {
  while (job.credential < job.target->credentials.size()) {
    if (openSession(job)) {
      sendGet(job);
      return;
    }
    ++job.credential;  // v3 probe failed (no answer or unknown user): next credential
  }
  job.done = true;
}

void PollRun::sendGet(Job& job) {
  netsnmp_pdu* pdu = snmp_pdu_create(SNMP_MSG_GET);
  for (const Oid& o : plan_.get) {
    std::vector<oid> name(o.begin(), o.end());
    snmp_add_null_var(pdu, name.data(), name.size());
  }
  send(job, pdu);
}

void PollRun::sendWalk(Job& job) {
  if (job.probing) {
    // One GETNEXT with every root: empty subtrees (most MIBs on most devices) then
    // cost no request of their own.
    netsnmp_pdu* pdu = snmp_pdu_create(SNMP_MSG_GETNEXT);
    for (const Oid& o : plan_.walk) {
      std::vector<oid> name(o.begin(), o.end());
      snmp_add_null_var(pdu, name.data(), name.size());
    }
    send(job, pdu);
    return;
  }
  const bool v1 = job.target->credentials[job.credential]->version == SnmpVersion::V1;
  netsnmp_pdu* pdu = snmp_pdu_create(v1 ? SNMP_MSG_GETNEXT : SNMP_MSG_GETBULK);
  if (!v1) {
    pdu->non_repeaters = 0;
    pdu->max_repetitions = options_.bulk_rows;
  }
  std::vector<oid> name(job.cursor.begin(), job.cursor.end());
  snmp_add_null_var(pdu, name.data(), name.size());
  send(job, pdu);
}

void PollRun::send(Job& job, netsnmp_pdu* pdu) {
  if (snmp_sess_async_send(job.session, pdu, onEvent, &job) == 0) {
    snmp_free_pdu(pdu);
    job.result->warnings.push_back("send failed: " +
                                   std::string(snmp_api_errstring(snmp_errno)));
    closeSession(job);
    job.done = true;
    return;
  }
  job.outstanding = true;
}

void PollRun::nextCredentialOrGiveUp(Job& job) {
  closeSession(job);
  ++job.credential;
  start(job);
}

void PollRun::finishRoot(Job& job) {
  ++job.next_in_queue;
  walkNextQueued(job);
}

void PollRun::walkNextQueued(Job& job) {
  if (job.next_in_queue >= job.queue.size()) {
    closeSession(job);
    job.done = true;
    return;
  }
  const auto& [root, first] = job.queue[job.next_in_queue];
  job.root = root;
  job.cursor = first;
  job.rows = first == plan_.walk[root] ? 0 : 1;
  to_send_.push_back(&job);
}

void PollRun::takeProbe(Job& job, netsnmp_pdu* pdu) {
  job.probing = false;
  job.queue.clear();
  job.next_in_queue = 0;
  std::size_t count = 0;
  for (auto* v = pdu->variables; v; v = v->next_variable) ++count;
  if (pdu->errstat == SNMP_ERR_NOERROR && count == plan_.walk.size()) {
    std::size_t i = 0;
    for (auto* v = pdu->variables; v; v = v->next_variable, ++i) {
      if (isException(*v)) continue;
      Oid name = nameOf(*v);
      if (!startsWith(name, plan_.walk[i]) || name == plan_.walk[i]) continue;
      job.result->values[name] = convert(*v);
      job.queue.emplace_back(i, std::move(name));
    }
  } else {
    // tooBig, a v1 noSuchName at the end of the MIB, or a short answer: walk them all.
    for (std::size_t i = 0; i < plan_.walk.size(); ++i) job.queue.emplace_back(i, plan_.walk[i]);
  }
  snmp_free_pdu(pdu);
  walkNextQueued(job);
}

void PollRun::advance(Job& job) {
  if (job.timed_out) {
    job.timed_out = false;
    if (!job.walking) {
      nextCredentialOrGiveUp(job);
    } else {
      job.result->warnings.push_back("no answer while walking " + oidText(plan_.walk[job.root]) +
                                     "; poll incomplete");
      closeSession(job);
      job.done = true;
    }
    return;
  }
  netsnmp_pdu* pdu = job.response;
  job.response = nullptr;
  if (pdu->command != SNMP_MSG_RESPONSE) {
    // A v3 report (unknown user, wrong digest, ...): this credential does not work.
    snmp_free_pdu(pdu);
    if (!job.walking) {
      nextCredentialOrGiveUp(job);
    } else {
      job.result->warnings.push_back("report instead of a response; poll incomplete");
      closeSession(job);
      job.done = true;
    }
    return;
  }
  if (!job.walking) {
    job.result->answered = true;
    job.result->credential = job.target->credentials[job.credential]->name;
    if (pdu->errstat == SNMP_ERR_NOERROR) {
      for (auto* v = pdu->variables; v; v = v->next_variable) {
        if (!isException(*v)) job.result->values[nameOf(*v)] = convert(*v);
      }
    }
    snmp_free_pdu(pdu);
    job.walking = true;
    job.root = 0;
    if (plan_.walk.empty()) {
      closeSession(job);
      job.done = true;
      return;
    }
    job.probing = true;
    to_send_.push_back(&job);
    return;
  }
  if (job.probing) {
    takeProbe(job, pdu);
    return;
  }
  const Oid& root = plan_.walk[job.root];
  bool finished = pdu->errstat != SNMP_ERR_NOERROR || pdu->variables == nullptr;
  for (auto* v = pdu->variables; v && !finished; v = v->next_variable) {
    if (isException(*v)) {
      finished = true;
      break;
    }
    Oid name = nameOf(*v);
    if (!startsWith(name, root)) {
      finished = true;
      break;
    }
    if (!(job.cursor < name)) {
      job.result->warnings.push_back("walk of " + oidText(root) + " stopped: agent returned " +
                                     oidText(name) + " after " + oidText(job.cursor) +
                                     " (OIDs not increasing)");
      finished = true;
      break;
    }
    job.result->values[name] = convert(*v);
    job.cursor = std::move(name);
    if (++job.rows >= options_.max_rows_per_walk) {
      job.result->warnings.push_back("walk of " + oidText(root) + " cut at " +
                                     std::to_string(options_.max_rows_per_walk) + " rows");
      finished = true;
    }
  }
  snmp_free_pdu(pdu);
  if (finished) {
    finishRoot(job);
  } else {
    to_send_.push_back(&job);
  }
}

std::vector<PollResult> PollRun::run() {
  std::vector<PollResult> results(targets_.size());
  jobs_.resize(targets_.size());
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    results[i].address = targets_[i].address;
    results[i].port = targets_[i].port;
    jobs_[i].target = &targets_[i];
    jobs_[i].result = &results[i];
  }
  const std::size_t max_active = static_cast<std::size_t>(std::max(1, options_.max_in_flight));
  std::size_t next = 0;
  std::vector<Job*> active;
  netsnmp_large_fd_set fds;
  netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
  while (next < jobs_.size() || !active.empty()) {
    while (next < jobs_.size() && active.size() < max_active && takeToken()) {
      Job& job = jobs_[next++];
      start(job);
      if (!job.done) active.push_back(&job);
    }
    while (!to_send_.empty() && takeToken()) {
      Job* job = to_send_.front();
      to_send_.pop_front();
      if (job->walking) sendWalk(*job);
    }
    if (active.empty()) {
      if (next < jobs_.size()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    int numfds = 0;
    int block = 1;
    struct timeval tv {};
    NETSNMP_LARGE_FD_ZERO(&fds);
    for (Job* job : active) {
      if (job->session) snmp_sess_select_info2(job->session, &numfds, &fds, &tv, &block);
    }
    // Wake at least every 20 ms to start new devices and spend rate-limit tokens.
    if (block || tv.tv_sec > 0 || tv.tv_usec > 20000) {
      tv.tv_sec = 0;
      tv.tv_usec = 20000;
    }
    const int ready = netsnmp_large_fd_set_select(numfds, &fds, nullptr, nullptr, &tv);
    for (Job* job : active) {
      if (!job->session) continue;
      if (ready > 0) snmp_sess_read2(job->session, &fds);
      snmp_sess_timeout(job->session);
    }
    for (Job* job : active) {
      if (!job->outstanding && (job->response || job->timed_out)) advance(*job);
    }
    active.erase(std::remove_if(active.begin(), active.end(), [](Job* j) { return j->done; }),
                 active.end());
  }
  netsnmp_large_fd_set_cleanup(&fds);
  return results;
}

}  // namespace

NetSnmpClient::NetSnmpClient() { initNetSnmp(); }

std::vector<PollResult> NetSnmpClient::poll(const std::vector<PollTarget>& targets,
                                            const PollPlan& plan, const PollOptions& options) {
  PollRun run(targets, plan, options);
  return run.run();
}

}  // namespace steward::collector::snmp
