#include "server/api/asset_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "shared/wire/json_codec.h"

namespace steward::server {

namespace json = boost::json;

namespace {

json::value optionalText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

json::object summaryObject(const AssetSummary& s) {
  return json::object{
      {"asset_id", s.asset_id},
      {"hostname", s.hostname},
      {"os_name", optionalText(s.os_name)},
      {"vendor", optionalText(s.vendor)},
      {"model", optionalText(s.model)},
      {"serial", optionalText(s.serial)},
      {"cpu_model", optionalText(s.cpu_model)},
      {"memory_total_bytes", s.memory_total_bytes},
      {"package_count", s.package_count},
      {"ip_addresses", strings(s.ip_addresses)},
      {"mac_addresses", strings(s.mac_addresses)},
      {"first_seen", s.first_seen},
      {"last_seen", s.last_seen},
  };
}

}  // namespace

std::string encodeAssetPage(const AssetPage& page, const AssetQuery& query) {
  json::array items;
  for (const auto& s : page.items) items.emplace_back(summaryObject(s));
  json::object o{{"items", std::move(items)},
                 {"page", query.page},
                 {"per_page", query.per_page},
                 {"total", page.total}};
  return json::serialize(o);
}

std::string encodeAssetDetail(const wire::AssetRecord& record) {
  json::array identifiers;
  for (const auto& id : record.identifiers) {
    identifiers.emplace_back(json::object{{"kind", id.kind}, {"value", id.value}});
  }
  json::object o{{"asset_id", record.asset_id},
                 {"collector_id", record.collector_id},
                 {"first_seen", record.first_seen},
                 {"last_seen", record.last_seen},
                 {"updated_at", record.updated_at},
                 {"identifiers", std::move(identifiers)},
                 // Re-parsing the codec's output keeps one definition of the inventory
                 // JSON (shared/wire) instead of a second encoder here.
                 {"inventory", json::parse(wire::encodeInventory(record.inventory))}};
  return json::serialize(o);
}

}  // namespace steward::server
