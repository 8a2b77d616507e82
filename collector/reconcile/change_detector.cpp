#include "collector/reconcile/change_detector.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "collector/reconcile/version_compare.h"

namespace steward::collector::reconcile {

namespace {

using wire::DetectedChange;
using wire::InventoryReport;

DetectedChange change(std::string kind, std::string subject, std::optional<std::string> before,
                      std::optional<std::string> after) {
  DetectedChange c;
  c.kind = std::move(kind);
  c.subject = std::move(subject);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

std::string packageKey(const wire::Package& p) {
  return p.architecture && !p.architecture->empty() ? p.name + ":" + *p.architecture : p.name;
}

void software(const InventoryReport& a, const InventoryReport& b, std::vector<DetectedChange>& out) {
  std::map<std::string, const wire::Package*> before;
  for (const auto& p : a.packages) before.emplace(packageKey(p), &p);
  std::set<std::string> seen;
  for (const auto& p : b.packages) {
    const std::string key = packageKey(p);
    seen.insert(key);
    auto it = before.find(key);
    if (it == before.end()) {
      out.push_back(change("software_added", key, std::nullopt, p.version));
    } else if (it->second->version != p.version) {
      const int order = compareVersions(it->second->version, p.version);
      out.push_back(change(order > 0 ? "software_downgraded" : "software_upgraded", key,
                           it->second->version, p.version));
    }
  }
  for (const auto& [key, p] : before) {
    if (!seen.contains(key)) out.push_back(change("software_removed", key, p->version, std::nullopt));
  }
}

// Hardware components as "subject -> description"; a component whose description
// changes shows as removed then added (a swapped part).
std::map<std::string, std::string> components(const InventoryReport& r) {
  std::map<std::string, std::string> out;
  if (r.cpu.model) {
    out["cpu"] = *r.cpu.model + (r.cpu.cores ? " (" + std::to_string(r.cpu.cores) + " cores)" : "");
  }
  for (const auto& m : r.memory.modules) {
    std::string d = m.size_bytes ? std::to_string(*m.size_bytes / (1024 * 1024)) + " MiB" : "";
    if (m.type) d += " " + *m.type;
    if (m.part_number) d += " " + *m.part_number;
    if (m.serial) d += " S/N " + *m.serial;
    out["memory " + m.slot] = d;
  }
  for (const auto& disk : r.disks) {
    std::string d = disk.model.value_or("disk") + " " +
                    std::to_string(disk.size_bytes / 1'000'000'000ULL) + " GB";
    if (disk.serial) d += " S/N " + *disk.serial;
    out["disk " + disk.name] = d;
  }
  return out;
}

void hardware(const InventoryReport& a, const InventoryReport& b, std::vector<DetectedChange>& out) {
  const auto before = components(a);
  const auto after = components(b);
  for (const auto& [subject, d] : before) {
    auto it = after.find(subject);
    if (it == after.end() || it->second != d) {
      out.push_back(change("hardware_removed", subject, d, std::nullopt));
    }
  }
  for (const auto& [subject, d] : after) {
    auto it = before.find(subject);
    if (it == before.end() || it->second != d) {
      out.push_back(change("hardware_added", subject, std::nullopt, d));
    }
  }
}

bool isLoopbackOrLinkLocal(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address.rfind("::1/", 0) == 0 || address == "::1" ||
         address.rfind("fe80:", 0) == 0 || address.rfind("169.254.", 0) == 0;
}

void addresses(const InventoryReport& a, const InventoryReport& b,
               std::vector<DetectedChange>& out) {
  auto collect = [](const InventoryReport& r, std::set<std::string>& ips,
                    std::map<std::string, std::string>& macs) {
    for (const auto& nic : r.interfaces) {
      if (nic.mac && !nic.mac->empty() && nic.name != "lo") macs[*nic.mac] = nic.name;
      for (const auto* list : {&nic.ipv4, &nic.ipv6}) {
        for (const auto& ip : *list) {
          if (!isLoopbackOrLinkLocal(ip)) ips.insert(ip);
        }
      }
    }
  };
  std::set<std::string> ips_a, ips_b;
  std::map<std::string, std::string> macs_a, macs_b;
  collect(a, ips_a, macs_a);
  collect(b, ips_b, macs_b);
  for (const auto& ip : ips_a) {
    if (!ips_b.contains(ip)) out.push_back(change("ip_removed", ip, ip, std::nullopt));
  }
  for (const auto& ip : ips_b) {
    if (!ips_a.contains(ip)) out.push_back(change("ip_added", ip, std::nullopt, ip));
  }
  for (const auto& [mac, nic] : macs_a) {
    if (!macs_b.contains(mac)) out.push_back(change("mac_removed", mac, nic, std::nullopt));
  }
  for (const auto& [mac, nic] : macs_b) {
    if (!macs_a.contains(mac)) out.push_back(change("mac_added", mac, std::nullopt, nic));
  }
}

std::optional<std::string> osText(const InventoryReport& r) {
  if (!r.system.os_name && !r.system.os_version && !r.system.kernel) return std::nullopt;
  std::string text = r.system.os_name.value_or(r.system.os_id.value_or("unknown OS"));
  if (r.system.kernel) text += ", kernel " + *r.system.kernel;
  return text;
}

}  // namespace

std::vector<DetectedChange> detectChanges(const InventoryReport& before,
                                          const InventoryReport& after) {
  std::vector<DetectedChange> out;
  if (before.system.hostname != after.system.hostname) {
    out.push_back(change("hostname_changed", "hostname", before.system.hostname,
                         after.system.hostname));
  }
  if (osText(before) != osText(after)) {
    out.push_back(change("os_changed", "os", osText(before), osText(after)));
  }
  software(before, after, out);
  hardware(before, after, out);
  addresses(before, after, out);
  std::stable_sort(out.begin(), out.end(), [](const DetectedChange& x, const DetectedChange& y) {
    return std::tie(x.kind, x.subject) < std::tie(y.kind, y.subject);
  });
  return out;
}

}  // namespace steward::collector::reconcile
