#include "collector/snmp/snmp_config.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace steward::collector::snmp {
namespace {

using steward::testing::TempDir;

constexpr const char* kConfig = R"ini(
[snmp]
ranges = office, lab
port = 16161
timeout_ms = 500
retries = 0
uplink_mac_threshold = 4

[snmp.range.office]
cidr = 10.1.0.0/24, 10.1.2.7
exclude = 10.1.0.1, 10.1.0.128/28
credentials = ro, admin3
interval_seconds = 900
rate_per_second = 50

[snmp.range.lab]
cidr = 192.0.2.0/28
credentials = ro
port = 1161

[snmp.credential.ro]
version = 2c
community = s3cret-ro

[snmp.credential.admin3]
version = 3
user = steward
auth_protocol = SHA
priv_protocol = AES
auth_password = auth-pass-1
priv_password = priv-pass-1
)ini";

Result<SnmpConfig> load(const TempDir& dir, const std::string& text,
                        const std::vector<std::string>& overrides = {}) {
  auto ini = IniConfig::load(dir.write("collector.conf", text));
  if (!ini) return ini.error();
  if (auto r = ini->applyOverrides(overrides); !r) return r.error();
  return loadSnmpConfig(*ini);
}

TEST(SnmpConfigTest, ReadsRangesCredentialsAndSchedules) {
  TempDir dir;
  auto c = load(dir, kConfig);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->port, 16161);
  EXPECT_EQ(c->timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(c->retries, 0);
  EXPECT_EQ(c->uplink_mac_threshold, 4);
  ASSERT_EQ(c->ranges.size(), 2u);
  const SnmpRange& office = c->ranges[0];
  EXPECT_EQ(office.include.size(), 2u);
  EXPECT_EQ(office.exclude.size(), 2u);
  EXPECT_EQ(office.interval, std::chrono::seconds(900));
  EXPECT_EQ(office.rate_per_second, 50);
  EXPECT_EQ(office.port, 16161) << "the [snmp] port unless the range sets one";
  EXPECT_EQ(c->ranges[1].port, 1161);
  ASSERT_TRUE(c->credential("admin3"));
  EXPECT_EQ(c->credential("admin3")->version, SnmpVersion::V3);
  EXPECT_EQ(c->credential("admin3")->priv_password, "priv-pass-1");
  EXPECT_EQ(c->credential("ro")->community, "s3cret-ro");
}

TEST(SnmpConfigTest, NoSnmpSectionMeansNoDiscovery) {
  TempDir dir;
  auto c = load(dir, "[http]\nport = 1\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->ranges.empty());
}

TEST(SnmpConfigTest, BadRangesAreConfigErrorsNamingTheKey) {
  TempDir dir;
  struct Case {
    const char* cidr;
    const char* expect;
  };
  for (const Case& k : {Case{"10.1.0.0/33", "prefix length"}, Case{"10.1.0.300", "not an IPv4"},
                        Case{"169.254.0.0/16", "link-local"}, Case{"224.0.0.0/24", "multicast"},
                        Case{"255.255.255.255", "broadcast"}, Case{"fe80::/10", "link-local"},
                        Case{"10.0.0.0/8", "more than"}, Case{"10.1.0.5/24", "host bits"}}) {
    auto c = load(dir, kConfig, {std::string("snmp.range.lab.cidr=") + k.cidr});
    ASSERT_FALSE(c) << k.cidr;
    EXPECT_EQ(c.error().code, "config_invalid");
    EXPECT_NE(c.error().message.find("snmp.range.lab"), std::string::npos) << c.error().message;
    EXPECT_NE(c.error().message.find(k.expect), std::string::npos) << c.error().message;
  }
  auto excluded = load(dir, kConfig, {"snmp.range.lab.exclude=192.0.2.0/33"});
  ASSERT_FALSE(excluded);
  EXPECT_NE(excluded.error().message.find("snmp.range.lab.exclude"), std::string::npos);
}

TEST(SnmpConfigTest, InFlightWindowUpToSixteenThousandForASlash16) {
  TempDir dir;
  auto wide =
      load(dir, kConfig, {"snmp.max_in_flight=4096", "snmp.range.lab.rate_per_second=5000"});
  ASSERT_TRUE(wide) << wide.error().message;
  EXPECT_EQ(wide->max_in_flight, 4096);
  EXPECT_EQ(wide->ranges[1].rate_per_second, 5000);
  auto too_wide = load(dir, kConfig, {"snmp.max_in_flight=16385"});
  ASSERT_FALSE(too_wide);
  EXPECT_NE(too_wide.error().message.find("snmp.max_in_flight"), std::string::npos)
      << too_wide.error().message;
}

TEST(SnmpConfigTest, EndpointLinksOutliveTheirMacForADayUnlessConfigured) {
  TempDir dir;
  auto defaults = load(dir, kConfig);
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->link_max_age, std::chrono::hours(24));
  auto immediate = load(dir, kConfig, {"snmp.link_max_age_minutes=0"});
  ASSERT_TRUE(immediate) << immediate.error().message;
  EXPECT_EQ(immediate->link_max_age, std::chrono::seconds(0));
  auto negative = load(dir, kConfig, {"snmp.link_max_age_minutes=-5"});
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.error().message.find("snmp.link_max_age_minutes"), std::string::npos)
      << negative.error().message;
}

TEST(SnmpConfigTest, CredentialMistakesAreRefused) {
  TempDir dir;
  auto unknown = load(dir, kConfig, {"snmp.range.lab.credentials=nosuch"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("nosuch"), std::string::npos);
  auto md5 = load(dir, kConfig, {"snmp.credential.admin3.auth_protocol=MD5"});
  ASSERT_FALSE(md5);
  EXPECT_NE(md5.error().message.find("auth_protocol"), std::string::npos);
  auto des = load(dir, kConfig, {"snmp.credential.admin3.priv_protocol=DES"});
  ASSERT_FALSE(des);
  auto short_secret = load(dir, kConfig, {"snmp.credential.admin3.priv_password=short"});
  ASSERT_FALSE(short_secret);
  EXPECT_NE(short_secret.error().message.find("at least 8"), std::string::npos);
  auto version = load(dir, kConfig, {"snmp.credential.ro.version=2"});
  ASSERT_FALSE(version);
  auto no_community = load(dir, kConfig, {"snmp.credential.ro.community="});
  ASSERT_FALSE(no_community);
  auto no_credentials = load(dir, kConfig, {"snmp.range.lab.credentials="});
  ASSERT_FALSE(no_credentials);
}

TEST(SnmpConfigTest, SecretsComeFromAPrivateFileOnly) {
  TempDir dir;
  const std::string secrets =
      dir.write("snmp.secrets", "[ro]\ncommunity = from-file\n[admin3]\nauth_password = "
                                "file-auth-1\npriv_password = file-priv-1\n");
  std::string text = kConfig;
  for (const char* key : {"community = s3cret-ro\n", "auth_password = auth-pass-1\n",
                          "priv_password = priv-pass-1\n"}) {
    text.erase(text.find(key), std::string(key).size());
  }
  ::chmod(secrets.c_str(), 0644);
  auto open = load(dir, text, {"snmp.secrets_file=" + secrets});
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos);

  ::chmod(secrets.c_str(), 0600);
  auto c = load(dir, text, {"snmp.secrets_file=" + secrets});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->credential("ro")->community, "from-file");
  EXPECT_EQ(c->credential("admin3")->auth_password, "file-auth-1");

  auto missing = load(dir, text, {"snmp.secrets_file=" + dir.file("nope")});
  ASSERT_FALSE(missing);
}

}  // namespace
}  // namespace steward::collector::snmp
