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

#include "collector/snmp/net_snmp_library.h"
#include "collector/snmp/net_snmp_pdu.h"
#include "shared/common/log.h"

namespace steward::collector::snmp {

namespace {

struct Job {
  const PollTarget* target = nullptr;
  PollResult* result = nullptr;
  std::size_t credential = 0;
  void* session = nullptr;
  bool walking = false;
  bool probing = false;  // the one GETNEXT over every walk root is outstanding
  // SNMPv3: the engine-ID discovery request is outstanding (sent asynchronously like
  // any other request; net-snmp's own probe at session open would block).
  bool discovering = false;
  std::string engine_id;          // the agent's, once a discovery report named it
  bool engine_silent = false;     // discovery timed out: further v3 credentials would too
  bool user_claimed = false;      // claimUsmUser() for (engine_id, this credential's user)
  bool waiting_for_user = false;  // claim was Busy: retried every loop
  int time_window_reports = 0;    // notInTimeWindow reports for the outstanding request
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
  if (operation == NETSNMP_CALLBACK_OP_SEC_ERROR || operation == NETSNMP_CALLBACK_OP_RESEND ||
      operation == NETSNMP_CALLBACK_OP_CONNECT) {
    // net-snmp 5.9 announces a v3 report as a security error first and hands the
    // same report over as a received message right after; resends are its own.
    return 1;
  }
  if (operation == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu && pdu->command == SNMP_MSG_REPORT &&
      snmpv3_get_report_type(pdu) == SNMPERR_NOT_IN_TIME_WINDOW &&
      job->time_window_reports++ == 0) {
    // The agent's clock moved on: net-snmp resends this request once by itself, with
    // the engine time the report carried (snmp_api.c, _sess_process_packet).
    return 1;
  }
  job->outstanding = false;
  if (operation == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE && pdu) {
    job->response = snmp_clone_pdu(pdu);
  } else {
    job->timed_out = true;
  }
  return 1;
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
  void sendDiscovery(Job& job);
  void claimUserAndGet(Job& job);
  void sendGet(Job& job);
  void sendWalk(Job& job);
  void send(Job& job, netsnmp_pdu* pdu);
  void advance(Job& job);
  void takeReport(Job& job, netsnmp_pdu* pdu);
  void nextCredentialOrGiveUp(Job& job);
  void finishRoot(Job& job);
  void walkNextQueued(Job& job);
  void takeProbe(Job& job, netsnmp_pdu* pdu);
  bool takeToken();
  const SnmpCredential& credentialOf(const Job& job) const {
    return *job.target->credentials[job.credential];
  }
  std::string describe(const Job& job) const;

  const std::vector<PollTarget>& targets_;
  const PollPlan& plan_;
  const PollOptions& options_;
  std::vector<Job> jobs_;
  std::deque<Job*> to_send_;  // waiting for a rate-limit token
  std::vector<Job*> waiting_for_user_;
  const NetSnmpLock* lock_ = nullptr;  // held while net-snmp is called
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

std::string PollRun::describe(const Job& job) const {
  const SnmpCredential& cred = credentialOf(job);
  if (cred.version != SnmpVersion::V3) return "credential " + cred.name;
  return "credential " + cred.name + " (v3 user '" + cred.user + "')";
}

bool PollRun::openSession(Job& job) {
  const SnmpCredential& cred = credentialOf(job);
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
    s.securityPrivProto = usmAESPrivProtocol;
    s.securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
    // No engine-ID probe at open (it is a blocking request/response per session):
    // discovery goes out asynchronously (sendDiscovery). No keys in the session
    // either: the keys live in net-snmp's global USM list, written only through
    // claimUsmUser once the engine ID is known.
    s.flags |= SNMP_FLAGS_DONT_PROBE;
  } else {
    s.version = cred.version == SnmpVersion::V1 ? SNMP_VERSION_1 : SNMP_VERSION_2c;
    s.community = reinterpret_cast<u_char*>(community.data());
    s.community_len = community.size();
  }
  job.session = snmp_sess_open(&s);  // copies every string; never blocks
  job.time_window_reports = 0;
  if (job.session == nullptr) return false;
  if (cred.version == SnmpVersion::V3) {
    // The open clears the flag again, and a send on a session without an engine ID
    // would then run the blocking probe itself (_sess_async_send's "delayed probe").
    snmp_sess_session(job.session)->flags |= SNMP_FLAGS_DONT_PROBE;
  }
  return true;
}

void PollRun::closeSession(Job& job) {
  if (job.user_claimed) {
    releaseUsmUser(*lock_, job.engine_id, credentialOf(job).user);
    job.user_claimed = false;
  }
  if (job.session) snmp_sess_close(job.session);
  job.session = nullptr;
  job.outstanding = false;
  job.discovering = false;
  job.waiting_for_user = false;
}

void PollRun::start(Job& job) {
  while (job.credential < job.target->credentials.size()) {
    const bool v3 = credentialOf(job).version == SnmpVersion::V3;
    if (v3 && job.engine_silent) {
      ++job.credential;  // discovery is the same for every v3 user: no answer again
      continue;
    }
    if (!openSession(job)) {
      job.result->warnings.push_back(describe(job) + ": cannot open a session: " +
                                     std::string(snmp_api_errstring(snmp_errno)));
      ++job.credential;
      continue;
    }
    if (!v3) {
      sendGet(job);
    } else if (job.engine_id.empty()) {
      sendDiscovery(job);
    } else {
      // Learnt with an earlier credential of this job: tell the new session.
      netsnmp_session* session = snmp_sess_session(job.session);
      const auto* id = reinterpret_cast<const u_char*>(job.engine_id.data());
      session->securityEngineID = static_cast<u_char*>(netsnmp_memdup(id, job.engine_id.size()));
      session->securityEngineIDLen = job.engine_id.size();
      session->contextEngineID = static_cast<u_char*>(netsnmp_memdup(id, job.engine_id.size()));
      session->contextEngineIDLen = job.engine_id.size();
      claimUserAndGet(job);
    }
    return;
  }
  job.done = true;
}

void PollRun::sendDiscovery(Job& job) {
  // RFC 3414 section 4: a noAuthNoPriv request with no user and no engine ID; the
  // agent answers with a usmStatsUnknownEngineIDs report carrying its engine ID,
  // boots and time, which net-snmp copies into the session (and its time cache).
  netsnmp_pdu* pdu = snmp_pdu_create(SNMP_MSG_GET);
  pdu->version = SNMP_VERSION_3;
  pdu->securityName = strdup("");
  pdu->securityNameLen = 0;
  pdu->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
  pdu->securityModel = SNMP_SEC_MODEL_USM;
  job.discovering = true;
  send(job, pdu);
}

void PollRun::claimUserAndGet(Job& job) {
  const SnmpCredential& cred = credentialOf(job);
  UsmKeySet keys;
  keys.engine_id = job.engine_id;
  keys.user = cred.user;
  keys.auth_protocol = cred.auth_protocol;
  keys.auth_password = cred.auth_password;
  keys.priv_protocol = cred.priv_protocol;
  keys.priv_password = cred.priv_password;
  const UsmClaim claim = claimUsmUser(*lock_, keys, UsmOwner::Discovery);
  switch (claim.status) {
    case UsmClaimStatus::Installed:
      job.user_claimed = true;
      job.waiting_for_user = false;
      sendGet(job);
      return;
    case UsmClaimStatus::Busy:
      // Another device answering with the same engine ID is being polled with other
      // keys for this user (net-snmp holds one set): wait for it to finish.
      if (!job.waiting_for_user) waiting_for_user_.push_back(&job);
      job.waiting_for_user = true;
      return;
    case UsmClaimStatus::Refused:
      job.result->warnings.push_back(describe(job) + ": " + claim.error);
      nextCredentialOrGiveUp(job);
      return;
  }
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
  job.time_window_reports = 0;
  if (snmp_sess_async_send(job.session, pdu, onEvent, &job) == 0) {
    snmp_free_pdu(pdu);
    if (job.walking) job.result->complete = false;
    job.result->warnings.push_back(describe(job) +
                                   ": send failed: " + std::string(snmp_api_errstring(snmp_errno)));
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

void PollRun::takeReport(Job& job, netsnmp_pdu* pdu) {
  if (job.discovering) {
    job.discovering = false;
    if (pdu->securityEngineIDLen == 0) {
      job.result->warnings.push_back(describe(job) +
                                     ": the agent's discovery report names no engine ID");
      snmp_free_pdu(pdu);
      nextCredentialOrGiveUp(job);
      return;
    }
    job.engine_id.assign(reinterpret_cast<const char*>(pdu->securityEngineID),
                         pdu->securityEngineIDLen);
    snmp_free_pdu(pdu);
    claimUserAndGet(job);
    return;
  }
  const std::string meaning = reportMeaning(pdu);
  snmp_free_pdu(pdu);
  if (!job.walking) {
    // This credential does not work here: say why, then try the next one.
    job.result->warnings.push_back(describe(job) + ": " + meaning);
    nextCredentialOrGiveUp(job);
  } else {
    job.result->complete = false;
    job.result->warnings.push_back(meaning + " while walking " + oidText(plan_.walk[job.root]) +
                                   "; poll incomplete");
    closeSession(job);
    job.done = true;
  }
}

void PollRun::advance(Job& job) {
  if (job.timed_out) {
    job.timed_out = false;
    if (job.discovering) {
      job.engine_silent = true;  // a silent address: every v3 credential would wait again
      nextCredentialOrGiveUp(job);
    } else if (!job.walking) {
      if (!job.engine_id.empty()) {
        // The engine answered discovery but not the authenticated request: an agent
        // drops a request it cannot decrypt without a report.
        job.result->warnings.push_back(
            describe(job) + ": engine " + engineIdText(job.engine_id) +
            " answered discovery but not the authPriv request (wrong privacy password?)");
      }
      nextCredentialOrGiveUp(job);
    } else {
      job.result->complete = false;
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
    takeReport(job, pdu);
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
      job.result->complete = false;
      job.result->warnings.push_back("walk of " + oidText(root) + " stopped: agent returned " +
                                     oidText(name) + " after " + oidText(job.cursor) +
                                     " (OIDs not increasing)");
      finished = true;
      break;
    }
    job.result->values[name] = convert(*v);
    job.cursor = std::move(name);
    if (++job.rows >= options_.max_rows_per_walk) {
      job.result->complete = false;
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

// Devices in flight at once: as configured, but never more than the descriptors
// left (one UDP socket each), so a /16 runs through a bounded window instead of
// failing to open 65,000 sockets.
std::size_t inFlightWindow(int configured) {
  std::size_t window = static_cast<std::size_t>(std::max(1, configured));
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    // Leave room for the database, HTTP server, trap socket and logs.
    const std::size_t spare = limit.rlim_cur > 512 ? limit.rlim_cur - 256 : limit.rlim_cur / 2;
    window = std::min(window, std::max<std::size_t>(1, spare));
  }
  return window;
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
  const std::size_t max_active = inFlightWindow(options_.max_in_flight);
  std::size_t next = 0;
  std::vector<Job*> active;
  active.reserve(max_active);
  netsnmp_large_fd_set fds;
  netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
  while (next < jobs_.size() || !active.empty()) {
    int numfds = 0;
    struct timeval tv {};
    {
      // net-snmp's globals (USM users, engine times, request ids) are shared with the
      // trap receiver's thread: every library call below happens under the lock.
      NetSnmpLock lock;
      lock_ = &lock;
      if (!waiting_for_user_.empty()) {
        auto waiting = std::move(waiting_for_user_);
        waiting_for_user_.clear();
        for (Job* job : waiting) {
          if (!job->waiting_for_user || !job->session) continue;
          job->waiting_for_user = false;
          claimUserAndGet(*job);  // Busy again: back on the list
        }
      }
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
      int block = 1;
      NETSNMP_LARGE_FD_ZERO(&fds);
      for (Job* job : active) {
        if (job->session) snmp_sess_select_info2(job->session, &numfds, &fds, &tv, &block);
      }
      // Wake at least every 20 ms to start new devices and spend rate-limit tokens.
      if (block || tv.tv_sec > 0 || tv.tv_usec > 20000) {
        tv.tv_sec = 0;
        tv.tv_usec = 20000;
      }
      lock_ = nullptr;
    }
    if (active.empty()) {
      if (next < jobs_.size()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    const int ready = netsnmp_large_fd_set_select(numfds, &fds, nullptr, nullptr, &tv);
    NetSnmpLock lock;
    lock_ = &lock;
    for (Job* job : active) {
      if (!job->session) continue;
      if (ready > 0) snmp_sess_read2(job->session, &fds);
      snmp_sess_timeout(job->session);
    }
    for (Job* job : active) {
      if (!job->outstanding && (job->response || job->timed_out)) advance(*job);
    }
    lock_ = nullptr;
    active.erase(std::remove_if(active.begin(), active.end(), [](Job* j) { return j->done; }),
                 active.end());
  }
  netsnmp_large_fd_set_cleanup(&fds);
  return results;
}

}  // namespace

NetSnmpClient::NetSnmpClient() { initNetSnmpLibrary(); }

std::vector<PollResult> NetSnmpClient::poll(const std::vector<PollTarget>& targets,
                                            const PollPlan& plan, const PollOptions& options) {
  PollRun run(targets, plan, options);
  return run.run();
}

}  // namespace steward::collector::snmp
