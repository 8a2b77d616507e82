#include "shared/wire/services_codec.h"

#include <boost/json/array.hpp>

namespace steward::wire::detail {

namespace json = boost::json;

namespace {

void put(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

}  // namespace

void encodeServices(json::object& o, const InventoryReport& r) {
  if (!r.services) return;
  json::array services;
  for (const auto& s : *r.services) {
    json::object x;
    x["name"] = s.name;
    put(x, "description", s.description);
    put(x, "load_state", s.load_state);
    put(x, "active_state", s.active_state);
    put(x, "sub_state", s.sub_state);
    put(x, "unit_file_state", s.unit_file_state);
    services.emplace_back(std::move(x));
  }
  o["services"] = std::move(services);
}

void decodeServices(const ObjectReader& r, InventoryReport& report) {
  if (!r.has("services")) return;
  report.services = r.array<Service>("services", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    Service s{x.requiredString("name"),       x.optionalString("description"),
              x.optionalString("load_state"), x.optionalString("active_state"),
              x.optionalString("sub_state"),  x.optionalString("unit_file_state")};
    if (s.name.empty()) throw DecodeFailure{"invalid_field", x.path("name") + ": empty"};
    return s;
  });
}

}  // namespace steward::wire::detail
