#include "collector/snmp/traps/trap_oids.h"

#include <gtest/gtest.h>

namespace steward::collector::snmp::traps {
namespace {

TEST(TrapOidsTest, GenericV1TrapsMapToSnmpTraps) {
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 0, 0), kColdStart);
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 1, 0), kWarmStart);
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 2, 0), kLinkDown);
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 3, 0), kLinkUp);
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 4, 0), kAuthenticationFailure);
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 5, 0), "1.3.6.1.6.3.1.1.5.6");
}

TEST(TrapOidsTest, EnterpriseSpecificV1TrapIsEnterpriseZeroSpecific) {
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9999.1", 6, 17), "1.3.6.1.4.1.9999.1.0.17");
}

TEST(TrapOidsTest, InvalidGenericTrapHasNoV2Form) {
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", 7, 0), "");
  EXPECT_EQ(v2TrapOidFromV1("1.3.6.1.4.1.9", -1, 0), "");
  EXPECT_EQ(v2TrapOidFromV1("", 6, 1), "");
}

TEST(TrapOidsTest, GenericNames) {
  EXPECT_EQ(genericTrapName(kLinkDown), "linkDown");
  EXPECT_EQ(genericTrapName(kAuthenticationFailure), "authenticationFailure");
  EXPECT_EQ(genericTrapName("1.3.6.1.4.1.9.0.1"), "");
}

TEST(TrapOidsTest, LinkTrapSubjectIsTheIfIndexAndNameComesFromIfNameOrIfDescr) {
  TrapEvent e;
  e.trap_oid = kLinkDown;
  e.varbinds = {{"1.3.6.1.2.1.2.2.1.1.12", "integer", "12"},
                {"1.3.6.1.2.1.2.2.1.2.12", "string", "Gi0/12 descr"},
                {"1.3.6.1.2.1.31.1.1.1.1.12", "string", "Gi0/12"}};
  deriveSubject(e);
  EXPECT_EQ(e.subject, "ifIndex=12");
  EXPECT_EQ(e.interface_name, "Gi0/12");
}

TEST(TrapOidsTest, LinkTrapWithoutIfIndexUsesTheStatusColumnsIndex) {
  TrapEvent e;
  e.trap_oid = kLinkUp;
  e.varbinds = {{"1.3.6.1.2.1.2.2.1.7.5", "integer", "1"},
                {"1.3.6.1.2.1.2.2.1.8.5", "integer", "1"}};
  deriveSubject(e);
  EXPECT_EQ(e.subject, "ifIndex=5");
  EXPECT_EQ(e.interface_name, "");
}

TEST(TrapOidsTest, OtherTrapsAndOddIndexesHaveNoSubject) {
  TrapEvent cold;
  cold.trap_oid = kColdStart;
  cold.varbinds = {{"1.3.6.1.2.1.2.2.1.1.3", "integer", "3"}};
  deriveSubject(cold);
  EXPECT_EQ(cold.subject, "");
  TrapEvent odd;
  odd.trap_oid = kLinkDown;
  odd.varbinds = {{"1.3.6.1.2.1.2.2.1.1.3.4", "integer", "3"},
                  {"1.3.6.1.2.1.2.2.1.1.x", "integer", "3"}};
  deriveSubject(odd);
  EXPECT_EQ(odd.subject, "");
}

}  // namespace
}  // namespace steward::collector::snmp::traps
