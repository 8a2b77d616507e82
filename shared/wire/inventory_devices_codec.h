#pragma once

// Internal to the codecs: PCI/USB devices, monitors and batteries (schema 1.2,
// inventory_devices.h). Empty arrays are left out when encoding and absent arrays
// decode as empty, so reports from 1.0 and 1.1 agents still decode.

#include <boost/json/object.hpp>

#include "shared/wire/inventory.h"
#include "shared/wire/json_reader.h"

namespace steward::wire::detail {

void encodeDevices(boost::json::object& o, const InventoryReport& r);
void decodeDevices(const ObjectReader& r, InventoryReport& report);

}  // namespace steward::wire::detail
