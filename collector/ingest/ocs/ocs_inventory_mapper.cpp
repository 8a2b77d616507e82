#include "collector/ingest/ocs/ocs_inventory_mapper.h"

#include "shared/common/text.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>
#include <arpa/inet.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

namespace steward::collector::ingest::ocs {

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr double kDecimalMB = 1e6;

std::optional<std::string> nonEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// The first non-empty of the named fields of `entry` (nullptr-safe).
std::string pick(const OcsEntry* entry, std::initializer_list<std::string_view> names) {
  if (entry == nullptr) return "";
  for (auto name : names) {
    const std::string& value = entry->get(name);
    if (!value.empty()) return value;
  }
  return "";
}

std::optional<double> number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> bytes(const std::string& text, double unit) {
  auto value = number(text);
  if (!value || *value * unit > 1.8e19) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(*value * unit));
}

std::uint32_t count(const std::string& text) {
  auto value = number(text);
  if (!value || *value > 1e6) return 0;
  return static_cast<std::uint32_t>(*value);
}

std::string uuidV5(const std::string& name) {
  // A fixed namespace of our own for OCS device ids (any constant UUID works).
  static const Poco::UUID kNamespace("6f2b7f0e-5c1a-4d7e-9a43-0c5e2b0d1a71");
  Poco::SHA1Engine sha1;
  Poco::UUIDGenerator generator;  // createFromName only hashes; no shared state needed
  return generator.createFromName(kNamespace, name, sha1, Poco::UUID::UUID_NAME_BASED_SHA1)
      .toString();
}

// "24" for "255.255.255.0" or "24"; "64" for "ffff:ffff:ffff:ffff::"; "" otherwise.
std::string prefixLength(const std::string& mask) {
  if (mask.empty()) return "";
  if (std::all_of(mask.begin(), mask.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return mask.size() <= 3 ? mask : "";
  }
  unsigned char buf[16] = {};
  const bool v6 = mask.find(':') != std::string::npos;
  if (inet_pton(v6 ? AF_INET6 : AF_INET, mask.c_str(), buf) != 1) return "";
  int bits = 0;
  for (int i = 0; i < (v6 ? 16 : 4); ++i) bits += std::popcount(static_cast<unsigned>(buf[i]));
  return std::to_string(bits);
}

void addAddress(wire::NetworkInterface& nic, const std::string& address, const std::string& mask) {
  if (address.empty()) return;
  const std::string prefix = prefixLength(mask);
  const std::string value = prefix.empty() ? address : address + "/" + prefix;
  auto& list = address.find(':') != std::string::npos ? nic.ipv6 : nic.ipv4;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void mapSystem(const OcsRequest& request, wire::InventoryReport& report) {
  const OcsEntry* hw = request.first("HARDWARE");
  const OcsEntry* os = request.first("OPERATINGSYSTEM");  // FusionInventory only
  auto& sys = report.system;
  sys.hostname = pick(hw, {"NAME"});
  sys.fqdn = nonEmpty(pick(os, {"FQDN"}));
  if (os != nullptr) {
    sys.os_name = nonEmpty(pick(os, {"FULL_NAME", "NAME"}));
    sys.os_version = nonEmpty(pick(os, {"VERSION"}));
    sys.kernel = nonEmpty(pick(os, {"KERNEL_VERSION"}));
    sys.architecture = nonEmpty(pick(os, {"ARCH"}));
  } else {
    // OCS: OSCOMMENTS holds the pretty name and OSVERSION the OS version; for
    // FusionInventory these two hold the kernel build and release instead.
    sys.os_name = nonEmpty(pick(hw, {"OSCOMMENTS", "OSNAME"}));
    sys.os_version = nonEmpty(pick(hw, {"OSVERSION"}));
  }
  // os-release ID from the name's first word ("Debian GNU/Linux 12" -> "debian").
  const std::string os_name = os != nullptr ? pick(os, {"NAME"}) : pick(hw, {"OSNAME"});
  if (!os_name.empty()) sys.os_id = asciiLower(os_name.substr(0, os_name.find(' ')));
  if (!sys.architecture) sys.architecture = nonEmpty(pick(request.first("CPUS"), {"CPUARCH"}));
}

void mapHardware(const OcsRequest& request, wire::InventoryReport& report) {
  const OcsEntry* bios = request.first("BIOS");
  report.hardware.vendor = nonEmpty(pick(bios, {"SMANUFACTURER", "MMANUFACTURER"}));
  report.hardware.model = nonEmpty(pick(bios, {"SMODEL", "MMODEL"}));
  report.hardware.serial = nonEmpty(pick(bios, {"SSN"}));
  const std::string uuid = pick(request.first("HARDWARE"), {"UUID"});
  report.hardware.uuid = nonEmpty(asciiLower(uuid));
}

void mapCpuAndMemory(const OcsRequest& request, wire::InventoryReport& report) {
  const OcsEntry* hw = request.first("HARDWARE");
  auto& cpu = report.cpu;
  for (const OcsEntry* entry : request.section("CPUS")) {
    if (!cpu.model) cpu.model = nonEmpty(pick(entry, {"NAME", "TYPE"}));
    if (!cpu.vendor) cpu.vendor = nonEmpty(pick(entry, {"MANUFACTURER"}));
    if (!cpu.max_mhz) cpu.max_mhz = number(pick(entry, {"SPEED"}));
    ++cpu.sockets;
    cpu.cores += count(pick(entry, {"CORE", "CORES"}));
    cpu.threads += count(pick(entry, {"THREAD", "LOGICAL_CPUS"}));
  }
  if (cpu.sockets == 0) {
    cpu.model = nonEmpty(pick(hw, {"PROCESSORT"}));
    cpu.sockets = count(pick(hw, {"PROCESSORN"}));
  }
  if (cpu.max_mhz && *cpu.max_mhz == 0) cpu.max_mhz.reset();
  report.memory.total_bytes = bytes(pick(hw, {"MEMORY"}), kMiB).value_or(0);
  report.memory.swap_total_bytes = bytes(pick(hw, {"SWAP"}), kMiB);
}

void mapStorage(const OcsRequest& request, wire::InventoryReport& report) {
  for (const OcsEntry* entry : request.section("STORAGES")) {
    wire::Disk disk;
    disk.name = entry->get("NAME");
    if (disk.name.empty()) continue;
    disk.model = nonEmpty(pick(entry, {"MODEL"}));
    disk.serial = nonEmpty(pick(entry, {"SERIALNUMBER", "SERIAL"}));
    disk.size_bytes = bytes(entry->get("DISKSIZE"), kDecimalMB).value_or(0);
    report.disks.push_back(std::move(disk));
  }
  for (const OcsEntry* entry : request.section("DRIVES")) {
    wire::Filesystem fs;
    // On Unix both agents put the mount point in TYPE; Windows agents use LETTER.
    fs.mount_point = pick(entry, {"MOUNTPOINT", "TYPE", "LETTER"});
    if (fs.mount_point.empty()) continue;
    fs.device = entry->get("VOLUMN");
    fs.type = entry->get("FILESYSTEM");
    fs.size_bytes = bytes(entry->get("TOTAL"), kMiB);
    auto free_bytes = bytes(entry->get("FREE"), kMiB);
    if (fs.size_bytes && free_bytes && *free_bytes <= *fs.size_bytes) {
      fs.used_bytes = *fs.size_bytes - *free_bytes;
    }
    report.filesystems.push_back(std::move(fs));
  }
}

void mapNetworks(const OcsRequest& request, wire::InventoryReport& report) {
  // One NETWORKS entry per address: fold them into one interface per name.
  for (const OcsEntry* entry : request.section("NETWORKS")) {
    const std::string name = pick(entry, {"DESCRIPTION", "NAME"});
    if (name.empty()) continue;
    auto it = std::find_if(report.interfaces.begin(), report.interfaces.end(),
                           [&](const wire::NetworkInterface& n) { return n.name == name; });
    if (it == report.interfaces.end()) {
      wire::NetworkInterface nic;
      nic.name = name;
      report.interfaces.push_back(std::move(nic));
      it = std::prev(report.interfaces.end());
    }
    const std::string mac = asciiLower(entry->get("MACADDR"));
    if (!it->mac && !mac.empty() && mac != "00:00:00:00:00:00") it->mac = mac;
    if (entry->get("VIRTUALDEV") == "1" || asciiLower(entry->get("TYPE")) == "loopback") {
      it->is_virtual = true;
    }
    addAddress(*it, entry->get("IPADDRESS"), entry->get("IPMASK"));
    addAddress(*it, entry->get("IPADDRESS6"), entry->get("IPMASK6"));
  }
}

void mapSoftware(const OcsRequest& request, const std::string& source,
                 wire::InventoryReport& report) {
  for (const OcsEntry* entry : request.section("SOFTWARES")) {
    wire::Package package;
    package.name = entry->get("NAME");
    if (package.name.empty()) continue;
    package.version = entry->get("VERSION");
    package.architecture = nonEmpty(pick(entry, {"ARCH", "ARCHITECTURE"}));
    package.source = source;
    report.packages.push_back(std::move(package));
  }
}

std::string agentVersion(const OcsRequest& request) {
  if (const OcsEntry* provider = request.first("VERSIONPROVIDER")) {
    const std::string name = provider->get("NAME");
    const std::string version = provider->get("VERSION");
    if (!name.empty()) return version.empty() ? name : name + " " + version;
  }
  if (const OcsEntry* client = request.first("VERSIONCLIENT")) {
    if (!client->text.empty()) return client->text;
  }
  for (const auto& [key, value] : request.header) {
    if (key == "VERSIONCLIENT" && !value.empty()) return value;
  }
  return "unknown OCS-compatible agent";
}

}  // namespace

std::string agentIdFor(const std::string& device_id) {
  return kAgentIdPrefix + uuidV5("deviceid\n" + device_id);
}

std::string reportIdFor(const std::string& device_id, const std::string& document) {
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(document);
  return kAgentIdPrefix +
         uuidV5("report\n" + device_id + "\n" + Poco::DigestEngine::digestToHex(sha256.digest()));
}

std::string agentKind(const OcsRequest& request) {
  const std::string version = asciiLower(agentVersion(request));
  return version.find("fusioninventory") != std::string::npos ? "fusioninventory" : "ocs";
}

Result<wire::InventoryReport> mapInventory(const OcsRequest& request, const std::string& document,
                                           const std::string& collected_at) {
  wire::InventoryReport report;
  mapSystem(request, report);
  if (report.system.hostname.empty()) {
    return makeError("missing_field", "the inventory has no <HARDWARE><NAME> (the hostname)");
  }
  report.report_id = reportIdFor(request.device_id, document);
  report.agent_id = agentIdFor(request.device_id);
  report.collected_at = collected_at;
  report.agent_version = agentVersion(request);
  mapHardware(request, report);
  mapCpuAndMemory(request, report);
  mapStorage(request, report);
  mapNetworks(request, report);
  mapSoftware(request, agentKind(request), report);
  return report;
}

}  // namespace steward::collector::ingest::ocs
