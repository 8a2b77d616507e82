#include "server/api/asset_group_json.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace steward::server {

namespace json = boost::json;

namespace {

Error invalid(const std::string& path, const std::string& what) {
  return makeError("invalid_field", "$." + path + ": " + what);
}

json::object groupObject(const itsm::AssetGroup& g) {
  json::array assets;
  for (const auto& id : g.assets) assets.emplace_back(id);
  json::array rules;
  for (const auto& r : g.rules) {
    json::object o;
    if (r.hostname) o["hostname"] = *r.hostname;
    if (r.os) o["os"] = *r.os;
    if (r.asset_class) o["class"] = *r.asset_class;
    rules.emplace_back(std::move(o));
  }
  return json::object{{"name", g.name},
                      {"description", g.description},
                      {"assets", std::move(assets)},
                      {"rules", std::move(rules)},
                      {"created_at", g.created_at},
                      {"updated_at", g.updated_at}};
}

Result<json::object> parseObject(const std::string& body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec) return makeError("malformed_json", "the body is not valid JSON");
  if (!value.is_object()) return makeError("invalid_field", "$: expected an object");
  return std::move(value.as_object());
}

Result<std::string> text(const json::value& v, const std::string& path) {
  if (!v.is_string()) return invalid(path, "expected a string");
  return std::string(v.as_string());
}

Result<std::vector<std::string>> assetList(const json::value& v) {
  if (!v.is_array()) return invalid("assets", "expected an array of asset ids");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    auto id = text(v.as_array()[i], "assets[" + std::to_string(i) + "]");
    if (!id) return id.error();
    out.push_back(std::move(*id));
  }
  return out;
}

Result<std::vector<itsm::GroupRule>> ruleList(const json::value& v) {
  if (!v.is_array()) return invalid("rules", "expected an array of rule objects");
  std::vector<itsm::GroupRule> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    const std::string path = "rules[" + std::to_string(i) + "]";
    const auto& item = v.as_array()[i];
    if (!item.is_object()) return invalid(path, "expected an object");
    itsm::GroupRule rule;
    for (const auto& field : item.as_object()) {
      const std::string key(field.key());
      auto value = text(field.value(), path + "." + key);
      if (!value) return value.error();
      if (key == "hostname") {
        rule.hostname = std::move(*value);
      } else if (key == "os") {
        rule.os = std::move(*value);
      } else if (key == "class") {
        rule.asset_class = std::move(*value);
      } else {
        return invalid(path + "." + key, "unknown field (use hostname, os, class)");
      }
    }
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace

std::string encodeAssetGroup(const itsm::AssetGroup& group) {
  return json::serialize(groupObject(group));
}

std::string encodeAssetGroups(const std::vector<itsm::AssetGroup>& groups) {
  json::array items;
  for (const auto& g : groups) items.emplace_back(groupObject(g));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string encodeMemberships(const std::string& asset_id,
                              const std::vector<itsm::GroupMembership>& memberships) {
  json::array groups;
  for (const auto& m : memberships) {
    groups.emplace_back(json::object{{"name", m.group}, {"reason", m.reason}});
  }
  return json::serialize(json::object{{"asset_id", asset_id}, {"groups", std::move(groups)}});
}

std::string encodeGroupMembers(const std::string& name,
                               const std::vector<itsm::GroupMember>& members) {
  json::array items;
  for (const auto& m : members) {
    items.emplace_back(
        json::object{{"asset_id", m.asset_id}, {"hostname", m.hostname}, {"reason", m.reason}});
  }
  return json::serialize(
      json::object{{"name", name}, {"items", std::move(items)}, {"total", members.size()}});
}

Result<itsm::AssetGroup> decodeNewAssetGroup(const std::string& body) {
  auto o = parseObject(body);
  if (!o) return o.error();
  itsm::AssetGroup group;
  bool named = false;
  for (const auto& field : *o) {
    const std::string key(field.key());
    if (key == "name" || key == "description") {
      auto value = text(field.value(), key);
      if (!value) return value.error();
      (key == "name" ? group.name : group.description) = std::move(*value);
      named = named || key == "name";
    } else if (key == "assets") {
      auto assets = assetList(field.value());
      if (!assets) return assets.error();
      group.assets = std::move(*assets);
    } else if (key == "rules") {
      auto rules = ruleList(field.value());
      if (!rules) return rules.error();
      group.rules = std::move(*rules);
    } else {
      return invalid(key, "unknown field");
    }
  }
  if (!named) return invalid("name", "required");
  return group;
}

Result<itsm::AssetGroupPatch> decodeAssetGroupPatch(const std::string& body) {
  auto o = parseObject(body);
  if (!o) return o.error();
  itsm::AssetGroupPatch patch;
  for (const auto& field : *o) {
    const std::string key(field.key());
    if (key == "description") {
      auto value = text(field.value(), key);
      if (!value) return value.error();
      patch.description = std::move(*value);
    } else if (key == "assets") {
      auto assets = assetList(field.value());
      if (!assets) return assets.error();
      patch.assets = std::move(*assets);
    } else if (key == "rules") {
      auto rules = ruleList(field.value());
      if (!rules) return rules.error();
      patch.rules = std::move(*rules);
    } else if (key == "name") {
      return invalid("name",
                     "a group cannot be renamed (server.conf routes refer to it by name); "
                     "create a new group and delete this one");
    } else {
      return invalid(key, "unknown field");
    }
  }
  if (!patch.description && !patch.assets && !patch.rules) {
    return makeError("invalid_field", "$: nothing to change; give description, assets or rules");
  }
  return patch;
}

}  // namespace steward::server
