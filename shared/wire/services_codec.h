#pragma once

// Internal to the codecs: the inventory's "services" array (schema 1.2). Absent from
// the JSON when the report has no services (no systemd, or switched off), so a
// receiver can tell "not reported" from "no services".

#include <boost/json/object.hpp>

#include "shared/wire/inventory.h"
#include "shared/wire/json_reader.h"

namespace steward::wire::detail {

void encodeServices(boost::json::object& o, const InventoryReport& r);
void decodeServices(const ObjectReader& r, InventoryReport& report);

}  // namespace steward::wire::detail
