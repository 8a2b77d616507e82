#include "tests/collector/snmp/snmprec.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace steward::collector::snmp::testing {

VarBinds loadSnmprec(const std::string& path) {
  VarBinds out;
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto a = line.find('|');
    const auto b = line.find('|', a + 1);
    if (a == std::string::npos || b == std::string::npos) {
      ADD_FAILURE() << path << ": " << line;
      continue;
    }
    const Oid oid = parseOid(line.substr(0, a));
    const std::string type = line.substr(a + 1, b - a - 1);
    const std::string value = line.substr(b + 1);
    SnmpValue v;
    if (type == "2") {
      v = intValue(std::stoll(value));
    } else if (type == "4") {
      v = textValue(value);
    } else if (type == "4x") {
      std::string bytes;
      for (std::size_t i = 0; i + 1 < value.size(); i += 2) {
        bytes.push_back(static_cast<char>(std::stoi(value.substr(i, 2), nullptr, 16)));
      }
      v = textValue(bytes);
    } else if (type == "6") {
      v = oidValue(parseOid(value));
    } else if (type == "64") {
      v.type = SnmpValue::Type::IpAddress;
      std::size_t start = 0;
      for (int i = 0; i < 4; ++i) {
        const auto dot = value.find('.', start);
        v.bytes.push_back(static_cast<char>(std::stoi(value.substr(start, dot - start))));
        start = dot + 1;
      }
    } else if (type == "65" || type == "66") {
      v = intValue(std::stoll(value), SnmpValue::Type::Unsigned);
    } else if (type == "67") {
      v = intValue(std::stoll(value), SnmpValue::Type::TimeTicks);
    } else if (type == "70") {
      v = intValue(std::stoll(value), SnmpValue::Type::Counter64);
    } else {
      ADD_FAILURE() << path << ": unknown type in " << line;
      continue;
    }
    out[oid] = v;
  }
  return out;
}

std::string snmpFixture(const std::string& name) {
  return ::steward::testing::fixturesDir() + "/snmp/" + name;
}

}  // namespace steward::collector::snmp::testing
