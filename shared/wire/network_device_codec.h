#pragma once

// Internal to the codecs: AssetRecord's "network_device" and "connected_to" objects
// (schema 1.2).

#include <boost/json/object.hpp>

#include "shared/wire/json_reader.h"
#include "shared/wire/network_device.h"

namespace steward::wire::detail {

boost::json::object encodeNetworkDevice(const NetworkDevice& d);
NetworkDevice decodeNetworkDevice(const ObjectReader& r);
boost::json::object encodePortLink(const PortLink& link);
PortLink decodePortLink(const ObjectReader& r);

}  // namespace steward::wire::detail
