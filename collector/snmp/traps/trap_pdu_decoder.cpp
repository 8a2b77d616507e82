#include "collector/snmp/traps/trap_pdu_decoder.h"

// clang-format off
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
// clang-format on

#include <cstdio>

#include "collector/snmp/traps/trap_oids.h"

namespace steward::collector::snmp::traps {

namespace {

static_assert(sizeof(oid) == sizeof(unsigned long), "net-snmp oid is unsigned long here");

bool printable(const u_char* data, std::size_t length) {
  for (std::size_t i = 0; i < length; ++i) {
    const u_char ch = data[i];
    // Printable ASCII, tab and line breaks, and bytes of UTF-8 sequences.
    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return false;
    if (ch == 0x7f) return false;
  }
  return true;
}

std::string hexString(const u_char* data, std::size_t length) {
  std::string out;
  out.reserve(length * 3);
  char buf[4];
  for (std::size_t i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof(buf), i == 0 ? "%02x" : ":%02x", data[i]);
    out += buf;
  }
  return out;
}

std::string cap(std::string value, bool& cut) {
  if (value.size() > kMaxValueBytes) {
    value.resize(kMaxValueBytes);
    cut = true;
  }
  return value;
}

std::string varText(const netsnmp_variable_list& vb) {
  if (vb.type == ASN_OBJECT_ID && vb.val.objid != nullptr) {
    return oidText(vb.val.objid, vb.val_len / sizeof(oid));
  }
  return {};
}

}  // namespace

std::string oidText(const unsigned long* name, std::size_t length) {
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    if (i) out += '.';
    out += std::to_string(name[i]);
  }
  return out;
}

TrapVarbind decodeVarbind(const variable_list& vb, bool& cut) {
  TrapVarbind out;
  out.oid = oidText(vb.name, vb.name_length);
  switch (vb.type) {
    case ASN_INTEGER:
      out.type = "integer";
      out.value = vb.val.integer ? std::to_string(*vb.val.integer) : "";
      break;
    case ASN_OCTET_STR: {
      const std::size_t shown = std::min(vb.val_len, kMaxValueBytes);
      if (vb.val_len > kMaxValueBytes) cut = true;
      if (vb.val.string != nullptr && printable(vb.val.string, shown)) {
        out.type = "string";
        out.value.assign(reinterpret_cast<const char*>(vb.val.string), shown);
      } else {
        out.type = "hex-string";
        // Three characters per octet: keep the rendered text under the cap as well.
        out.value = cap(hexString(vb.val.string, std::min(shown, kMaxValueBytes / 3)), cut);
        if (shown > kMaxValueBytes / 3) cut = true;
      }
      break;
    }
    case ASN_OBJECT_ID:
      out.type = "oid";
      out.value = cap(varText(vb), cut);
      break;
    case ASN_IPADDRESS:
      out.type = "ipaddress";
      if (vb.val_len == 4 && vb.val.string != nullptr) {
        const u_char* a = vb.val.string;
        out.value = std::to_string(a[0]) + "." + std::to_string(a[1]) + "." + std::to_string(a[2]) +
                    "." + std::to_string(a[3]);
      }
      break;
    case ASN_COUNTER:
    case ASN_GAUGE:
    case ASN_TIMETICKS:
    case ASN_UINTEGER:
      out.type = vb.type == ASN_COUNTER     ? "counter32"
                 : vb.type == ASN_GAUGE     ? "gauge32"
                 : vb.type == ASN_TIMETICKS ? "timeticks"
                                            : "uinteger32";
      out.value = vb.val.integer
                      ? std::to_string(static_cast<unsigned long>(*vb.val.integer) & 0xffffffffUL)
                      : "";
      break;
    case ASN_COUNTER64:
      out.type = "counter64";
      if (vb.val.counter64 != nullptr) {
        const std::uint64_t v = (static_cast<std::uint64_t>(vb.val.counter64->high) << 32) |
                                (vb.val.counter64->low & 0xffffffffUL);
        out.value = std::to_string(v);
      }
      break;
    case ASN_OPAQUE:
      out.type = "opaque";
      out.value = cap(hexString(vb.val.string, std::min(vb.val_len, kMaxValueBytes / 3)), cut);
      break;
    case ASN_NULL:
      out.type = "null";
      break;
    case SNMP_NOSUCHOBJECT:
      out.type = "nosuchobject";
      break;
    case SNMP_NOSUCHINSTANCE:
      out.type = "nosuchinstance";
      break;
    case SNMP_ENDOFMIBVIEW:
      out.type = "endofmibview";
      break;
    default: {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "0x%02x", vb.type);
      out.type = std::string("asn-") + buf;
      out.value = cap(hexString(vb.val.string, std::min(vb.val_len, kMaxValueBytes / 3)), cut);
    }
  }
  return out;
}

Result<TrapEvent> decodeNotification(const snmp_pdu& pdu) {
  TrapEvent event;
  event.version = pdu.version == SNMP_VERSION_1    ? "v1"
                  : pdu.version == SNMP_VERSION_2c ? "v2c"
                                                   : "v3";
  event.inform = pdu.command == SNMP_MSG_INFORM;
  if (pdu.version == SNMP_VERSION_3 && pdu.securityName != nullptr) {
    event.security_name.assign(pdu.securityName, pdu.securityNameLen);
  }
  const netsnmp_variable_list* vb = pdu.variables;
  if (pdu.command == SNMP_MSG_TRAP) {
    event.enterprise = oidText(pdu.enterprise, pdu.enterprise_length);
    event.trap_oid = v2TrapOidFromV1(event.enterprise, pdu.trap_type, pdu.specific_type);
    if (event.trap_oid.empty()) {
      return makeError("malformed", "v1 trap with generic-trap " + std::to_string(pdu.trap_type) +
                                        " (valid: 0 to 6) or no enterprise");
    }
    event.uptime_hundredths = static_cast<std::uint32_t>(pdu.time);
    event.agent_address =
        std::to_string(pdu.agent_addr[0]) + "." + std::to_string(pdu.agent_addr[1]) + "." +
        std::to_string(pdu.agent_addr[2]) + "." + std::to_string(pdu.agent_addr[3]);
  } else {
    // RFC 3416 4.2.6: sysUpTime.0 first, snmpTrapOID.0 second. Accept them anywhere
    // among the first two, refuse a notification without a trap OID.
    for (int i = 0; i < 2 && vb != nullptr; ++i) {
      const std::string name = oidText(vb->name, vb->name_length);
      if (name == kSysUpTime0 && vb->type == ASN_TIMETICKS && vb->val.integer) {
        event.uptime_hundredths = static_cast<std::uint32_t>(*vb->val.integer);
      } else if (name == kSnmpTrapOid0 && vb->type == ASN_OBJECT_ID) {
        event.trap_oid = varText(*vb);
      } else {
        break;
      }
      vb = vb->next_variable;
    }
    if (event.trap_oid.empty()) {
      return makeError("malformed",
                       "notification without snmpTrapOID.0 as its first or second varbind");
    }
  }
  for (; vb != nullptr; vb = vb->next_variable) {
    if (event.varbinds.size() == kMaxVarbinds) {
      event.truncated = true;
      break;
    }
    bool cut = false;
    event.varbinds.push_back(decodeVarbind(*vb, cut));
    if (cut) event.truncated = true;
  }
  deriveSubject(event);
  return event;
}

}  // namespace steward::collector::snmp::traps
