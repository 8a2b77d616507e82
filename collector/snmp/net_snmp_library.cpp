#include "collector/snmp/net_snmp_library.h"

// net-snmp's headers must come in this order.
// clang-format off
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
// clang-format on

#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <utility>

#include "shared/common/log.h"

namespace steward::collector::snmp {

namespace {

// The one lock over net-snmp's globals (see the header).
std::mutex& libraryMutex() {
  static std::mutex mutex;
  return mutex;
}

// net-snmp's own log lines (e.g. "Authentication failed for <user>") go to our
// logger at debug level: discovery and the trap receiver log what matters
// themselves, with the device or sender.
int forwardNetSnmpLog(int, int, void*, void* message) {
  const auto* m = static_cast<const snmp_log_message*>(message);
  if (m == nullptr || m->msg == nullptr) return 0;
  std::string text = m->msg;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (m->priority <= LOG_ERR) {
    logger("collector.snmp.netsnmp").debug("%s", text);
  } else {
    logger("collector.snmp.netsnmp").trace("%s", text);
  }
  return 0;
}

struct Protocol {
  const oid* id = nullptr;
  std::size_t length = 0;
};

// "SHA", "SHA-256", ... as net-snmp's createUser names them.
Protocol authProtocol(const std::string& name) {
  if (name == "SHA-224") return {usmHMAC128SHA224AuthProtocol, 10};
  if (name == "SHA-256") return {usmHMAC192SHA256AuthProtocol, 10};
  if (name == "SHA-384") return {usmHMAC256SHA384AuthProtocol, 10};
  if (name == "SHA-512") return {usmHMAC384SHA512AuthProtocol, 10};
  return {usmHMACSHA1AuthProtocol, 10};
}

bool hasPrivacy(const UsmKeySet& keys) { return keys.priv_protocol != "none"; }

// What net-snmp holds for one (engine, user) and who put it there.
struct Entry {
  std::string fingerprint;  // protocols and localised keys
  bool traps = false;
  int polls_using = 0;
};

struct Registry {
  std::map<std::pair<std::string, std::string>, Entry> entries;
  // Ku per (hash, password): deriving one hashes a megabyte, localising it (Kul) is
  // one more hash, so a sweep of many v3 devices derives each password once.
  std::map<std::string, std::string> master_keys;
};

Registry& registry() {
  static Registry r;
  return r;
}

bool masterKey(const Protocol& hash, const std::string& password, std::string* out) {
  const std::string cache_key = std::to_string(hash.id[hash.length - 1]) + '\0' + password;
  auto& cache = registry().master_keys;
  if (auto it = cache.find(cache_key); it != cache.end()) {
    *out = it->second;
    return true;
  }
  u_char ku[USM_AUTH_KU_LEN];
  std::size_t ku_length = sizeof(ku);
  std::string copy = password;
  if (generate_Ku(hash.id, static_cast<u_int>(hash.length), reinterpret_cast<u_char*>(copy.data()),
                  copy.size(), ku, &ku_length) != SNMPERR_SUCCESS) {
    return false;
  }
  *out = std::string(reinterpret_cast<const char*>(ku), ku_length);
  cache[cache_key] = *out;
  return true;
}

bool localisedKey(const Protocol& hash, const std::string& engine_id, const std::string& password,
                  std::string* out) {
  std::string ku;
  if (!masterKey(hash, password, &ku)) return false;
  u_char kul[SNMP_MAXBUF_SMALL];
  std::size_t kul_length = sizeof(kul);
  std::string engine = engine_id;
  if (generate_kul(hash.id, static_cast<u_int>(hash.length),
                   reinterpret_cast<u_char*>(engine.data()), engine.size(),
                   reinterpret_cast<u_char*>(ku.data()), ku.size(), kul,
                   &kul_length) != SNMPERR_SUCCESS) {
    return false;
  }
  *out = std::string(reinterpret_cast<const char*>(kul), kul_length);
  return true;
}

void replaceBytes(u_char** field, std::size_t* length, const std::string& bytes) {
  if (*field != nullptr) {
    std::memset(*field, 0, *length);  // key material
    SNMP_FREE(*field);
  }
  *length = 0;
  if (bytes.empty()) return;
  *field = static_cast<u_char*>(netsnmp_memdup(bytes.data(), bytes.size()));
  if (*field != nullptr) *length = bytes.size();
}

void replaceOid(oid** field, std::size_t* length, const oid* value, std::size_t value_length) {
  SNMP_FREE(*field);
  *field = snmp_duplicate_objid(value, value_length);
  *length = *field != nullptr ? value_length : 0;
}

// Writes the keys into net-snmp's user list, creating the entry if needed.
bool install(const UsmKeySet& keys, const std::string& auth_key, const std::string& priv_key) {
  const auto* engine = reinterpret_cast<const u_char*>(keys.engine_id.data());
  usmUser* user = usm_get_user(engine, keys.engine_id.size(), keys.user.c_str());
  const bool fresh = user == nullptr;
  if (fresh) {
    user = usm_create_user();
    if (user == nullptr) return false;
    user->name = strdup(keys.user.c_str());
    user->secName = strdup(keys.user.c_str());
    user->engineID = static_cast<u_char*>(netsnmp_memdup(engine, keys.engine_id.size()));
    user->engineIDLen = keys.engine_id.size();
  }
  const Protocol auth = authProtocol(keys.auth_protocol);
  replaceOid(&user->authProtocol, &user->authProtocolLen, auth.id, auth.length);
  replaceBytes(&user->authKey, &user->authKeyLen, auth_key);
  if (hasPrivacy(keys)) {
    replaceOid(&user->privProtocol, &user->privProtocolLen, usmAESPrivProtocol,
               OID_LENGTH(usmAESPrivProtocol));
  } else {
    replaceOid(&user->privProtocol, &user->privProtocolLen, usmNoPrivProtocol,
               OID_LENGTH(usmNoPrivProtocol));
  }
  replaceBytes(&user->privKey, &user->privKeyLen, priv_key);
  if (fresh) usm_add_user(user);
  return true;
}

// Trap users may use any protocol snmptrapd.conf allows (SHA-512, AES-256, ...):
// net-snmp's own createUser parser localises and extends those keys.
bool installWithCreateUser(const UsmKeySet& keys) {
  const auto* engine = reinterpret_cast<const u_char*>(keys.engine_id.data());
  if (usmUser* old = usm_get_user(engine, keys.engine_id.size(), keys.user.c_str())) {
    usm_free_user(usm_remove_user(old));
  }
  std::string line = "-e " + engineIdText(keys.engine_id) + " " + keys.user + " " +
                     keys.auth_protocol + " \"" + keys.auth_password + "\"";
  if (hasPrivacy(keys)) line += " " + keys.priv_protocol + " \"" + keys.priv_password + "\"";
  usm_parse_create_usmUser("createUser", line.data());
  return usm_get_user(engine, keys.engine_id.size(), keys.user.c_str()) != nullptr;
}

}  // namespace

void initNetSnmpLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::lock_guard lock(libraryMutex());
    // No snmp.conf, no MIB files (Debian main ships none; OIDs stay numeric) and no
    // persistent engineBoots file: the collector's behaviour must not depend on
    // files net-snmp would read or write behind its back.
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIBDIRS, "");
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PRINT_NUMERIC_OIDS, 1);
    netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT,
                       NETSNMP_OID_OUTPUT_NUMERIC);
    // As "mibs :" in snmp.conf: load no MIB modules at all (otherwise the compiled-in
    // default list is looked for and each missing module is reported).
    char no_mibs[] = "mibs :";
    netsnmp_config_remember(no_mibs);
    snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, &forwardNetSnmpLog,
                           nullptr);
    snmp_enable_calllog();
    init_snmp("steward-collector");
    // One socket per device in flight: allow as many descriptors as the hard limit.
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
      limit.rlim_cur = limit.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &limit);
    }
  });
}

NetSnmpLock::NetSnmpLock() : lock_(libraryMutex()) {}

std::string engineIdText(const std::string& engine_id) {
  std::string out = "0x";
  char hex[3];
  for (unsigned char c : engine_id) {
    std::snprintf(hex, sizeof(hex), "%02x", c);
    out += hex;
  }
  return out;
}

UsmClaim claimUsmUser(const NetSnmpLock&, const UsmKeySet& keys, UsmOwner owner) {
  UsmClaim claim;
  const Protocol hash = authProtocol(keys.auth_protocol);
  std::string auth_key, priv_key;
  if (!localisedKey(hash, keys.engine_id, keys.auth_password, &auth_key)) {
    claim.error = "cannot derive the auth key of v3 user '" + keys.user +
                  "' (password shorter than 8 characters?)";
    return claim;
  }
  // AES-128 keys are localised with the auth hash too (RFC 3826).
  if (hasPrivacy(keys) && !localisedKey(hash, keys.engine_id, keys.priv_password, &priv_key)) {
    claim.error = "cannot derive the privacy key of v3 user '" + keys.user +
                  "' (password shorter than 8 characters?)";
    return claim;
  }
  const std::string fingerprint =
      keys.auth_protocol + '\0' + auth_key + '\0' + keys.priv_protocol + '\0' + priv_key;
  auto& entries = registry().entries;
  const auto id = std::make_pair(keys.engine_id, keys.user);
  auto it = entries.find(id);
  if (it != entries.end() && it->second.fingerprint == fingerprint) {
    if (owner == UsmOwner::Traps) {
      it->second.traps = true;
    } else {
      ++it->second.polls_using;
    }
    claim.status = UsmClaimStatus::Installed;
    return claim;
  }
  if (it != entries.end()) {
    if (owner == UsmOwner::Discovery && it->second.traps) {
      claim.error = "v3 user '" + keys.user + "' at engine " + engineIdText(keys.engine_id) +
                    " is configured for traps ([traps] users) with other passwords or "
                    "protocols; a device has one key set per user, so one of the two is wrong";
      return claim;
    }
    if (owner == UsmOwner::Discovery && it->second.polls_using > 0) {
      claim.status = UsmClaimStatus::Busy;
      return claim;
    }
  }
  if (owner == UsmOwner::Traps) {
    if (!installWithCreateUser(keys)) {
      claim.error = "net-snmp refused v3 trap user '" + keys.user + "' for engine " +
                    engineIdText(keys.engine_id);
      return claim;
    }
  } else if (!install(keys, auth_key, priv_key)) {
    claim.error =
        "net-snmp refused v3 user '" + keys.user + "' at engine " + engineIdText(keys.engine_id);
    return claim;
  }
  Entry& entry = entries[id];
  entry.fingerprint = fingerprint;
  if (owner == UsmOwner::Traps) {
    entry.traps = true;  // polls still using the old keys fail and say so
  } else {
    entry.traps = false;
    entry.polls_using = 1;
  }
  claim.status = UsmClaimStatus::Installed;
  return claim;
}

void releaseUsmUser(const NetSnmpLock&, const std::string& engine_id, const std::string& user) {
  auto& entries = registry().entries;
  auto it = entries.find({engine_id, user});
  if (it != entries.end() && it->second.polls_using > 0) --it->second.polls_using;
}

}  // namespace steward::collector::snmp
