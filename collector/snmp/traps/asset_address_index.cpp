#include "collector/snmp/traps/asset_address_index.h"

#include <boost/json.hpp>
#include <vector>

namespace steward::collector::snmp::traps {

namespace json = boost::json;

namespace {

constexpr int kBatch = 200;

std::string withoutPrefixLength(const std::string& cidr) {
  const auto slash = cidr.find('/');
  return slash == std::string::npos ? cidr : cidr.substr(0, slash);
}

std::string stringField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

void AssetAddressIndex::index(const std::string& asset_id, const std::string& interfaces_json) {
  for (const std::string& old : addresses_by_asset_[asset_id]) {
    auto it = asset_by_address_.find(old);
    if (it != asset_by_address_.end() && it->second == asset_id) asset_by_address_.erase(it);
  }
  std::set<std::string>& mine = addresses_by_asset_[asset_id];
  mine.clear();
  boost::system::error_code ec;
  const json::value doc = json::parse(interfaces_json, ec);
  if (ec || !doc.is_array()) return;
  for (const json::value& nic : doc.as_array()) {
    if (!nic.is_object()) continue;
    const json::object& o = nic.as_object();
    if (stringField(o, "kind") == "loopback" || stringField(o, "name") == "lo") continue;
    for (const char* family : {"ipv4", "ipv6"}) {
      const json::value* list = o.if_contains(family);
      if (list == nullptr || !list->is_array()) continue;
      for (const json::value& a : list->as_array()) {
        if (!a.is_string()) continue;
        const std::string address = withoutPrefixLength(std::string(a.as_string()));
        if (address.empty()) continue;
        asset_by_address_[address] = asset_id;
        mine.insert(address);
      }
    }
  }
}

Result<void> AssetAddressIndex::refresh() {
  last_refresh_ = clock_.monotonic();
  for (;;) {
    struct Row {
      std::string asset_id, updated_at, interfaces;
    };
    std::vector<Row> rows;
    auto done = db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
      auto stmt = sql.prepare(
          // Interfaces as the asset's newest sighting (agent, OCS or SNMP) reports them.
          "SELECT a.asset_id, a.updated_at,"
          " (SELECT json_extract(s.report_json, '$.interfaces') FROM sightings s"
          "   WHERE s.asset_id = a.asset_id ORDER BY s.seen_at DESC, s.source LIMIT 1)"
          " FROM assets a WHERE (a.updated_at, a.asset_id) > (?, ?)"
          " ORDER BY a.updated_at, a.asset_id LIMIT ?");
      if (!stmt) return stmt.error();
      stmt->bind(1, watermark_updated_at_)
          .bind(2, watermark_asset_id_)
          .bind(3, std::int64_t{kBatch});
      return stmt->forEachRow([&](steward::storage::Statement& row) {
        rows.push_back({row.text(0), row.text(1), row.text(2)});
      });
    });
    if (!done) return done;
    for (const Row& row : rows) index(row.asset_id, row.interfaces);
    if (!rows.empty()) {
      watermark_updated_at_ = rows.back().updated_at;
      watermark_asset_id_ = rows.back().asset_id;
    }
    if (rows.size() < static_cast<std::size_t>(kBatch)) return {};
  }
}

Result<std::optional<std::string>> AssetAddressIndex::assetFor(const std::string& address) {
  if (!last_refresh_ || clock_.monotonic() - *last_refresh_ >= min_refresh_interval_) {
    if (auto r = refresh(); !r) return r.error();
  }
  auto it = asset_by_address_.find(address);
  if (it == asset_by_address_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

}  // namespace steward::collector::snmp::traps
