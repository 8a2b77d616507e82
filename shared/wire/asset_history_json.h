#pragma once

// Internal to the codecs: decisions and changes as Boost.JSON objects, shared by the
// AssetHistory codec and the AssetRecord codec (which carries them too). Decoders
// throw detail::DecodeFailure like the rest of json_reader.h.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "shared/wire/asset_history.h"

namespace steward::wire::detail {

boost::json::object decisionObject(const ReconcileDecision& decision);
boost::json::object changeObject(const DetectedChange& change);
ReconcileDecision decodeDecision(const boost::json::value& value, const std::string& path);
DetectedChange decodeChange(const boost::json::value& value, const std::string& path);

}  // namespace steward::wire::detail
