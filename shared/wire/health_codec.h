#pragma once

// Internal to the codecs: the heartbeat's "health" object (schema 1.1).

#include <boost/json/object.hpp>

#include "shared/wire/inventory.h"
#include "shared/wire/json_reader.h"

namespace steward::wire::detail {

boost::json::object encodeHealth(const Health& h);
Health decodeHealth(const ObjectReader& r);

}  // namespace steward::wire::detail
