#pragma once

// Topology for alarm suppression: which network device an endpoint hangs off. The
// SNMP side fills it from bridge FDB / LLDP tables; until then (and in tests) a
// table given by configuration or the caller does.

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace steward::collector::rules {

class UplinkResolver {
 public:
  virtual ~UplinkResolver() = default;
  // The asset id of the switch `endpoint_asset_id` is connected to, if known.
  virtual std::optional<std::string> uplinkOf(const std::string& endpoint_asset_id) const = 0;
};

// A fixed endpoint -> switch table; thread-safe so a discovery pass can replace it.
class TableUplinkResolver final : public UplinkResolver {
 public:
  TableUplinkResolver() = default;
  explicit TableUplinkResolver(std::map<std::string, std::string> table)
      : table_(std::move(table)) {}
  std::optional<std::string> uplinkOf(const std::string& endpoint_asset_id) const override {
    std::lock_guard lock(mutex_);
    const auto found = table_.find(endpoint_asset_id);
    if (found == table_.end()) return std::nullopt;
    return found->second;
  }
  void replace(std::map<std::string, std::string> table) {
    std::lock_guard lock(mutex_);
    table_ = std::move(table);
  }
  void set(const std::string& endpoint_asset_id, const std::string& switch_asset_id) {
    std::lock_guard lock(mutex_);
    table_[endpoint_asset_id] = switch_asset_id;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> table_;
};

}  // namespace steward::collector::rules
