#include "collector/snmp/net_snmp_pdu.h"

// net-snmp's headers must come in this order.
// clang-format off
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
// clang-format on

namespace steward::collector::snmp {

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
  for (std::size_t i = 0; i < v.name_length; ++i)
    out.push_back(static_cast<std::uint32_t>(v.name[i]));
  return out;
}

bool isException(const netsnmp_variable_list& v) {
  return v.type == SNMP_NOSUCHOBJECT || v.type == SNMP_NOSUCHINSTANCE ||
         v.type == SNMP_ENDOFMIBVIEW || v.type == ASN_NULL;
}

std::string reportMeaning(netsnmp_pdu* pdu) {
  switch (snmpv3_get_report_type(pdu)) {
    case SNMPERR_UNKNOWN_USER_NAME:
      return "the agent does not know this user (usmStatsUnknownUserNames)";
    case SNMPERR_AUTHENTICATION_FAILURE:
      return "authentication failed: wrong auth password or protocol (usmStatsWrongDigests)";
    case SNMPERR_DECRYPTION_ERR:
      return "decryption failed: wrong privacy password or protocol (usmStatsDecryptionErrors)";
    case SNMPERR_UNSUPPORTED_SEC_LEVEL:
      return "the agent does not allow authPriv for this user (usmStatsUnsupportedSecLevels)";
    case SNMPERR_NOT_IN_TIME_WINDOW:
      return "not in the agent's time window twice (usmStatsNotInTimeWindows)";
    case SNMPERR_UNKNOWN_ENG_ID:
      return "the agent did not accept its own engine ID (usmStatsUnknownEngineIDs)";
    default:
      return "the agent answered with a report instead of a response";
  }
}

}  // namespace steward::collector::snmp
