#pragma once

// Internal to the codecs: the delivery fields (schema 1.3) that inventories and
// heartbeats share: "sequence", "dropped_reports" and "section_hashes".

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "shared/wire/json_reader.h"

namespace steward::wire::detail {

// At most this many section hashes, each name and hash at most kMaxHashText bytes.
inline constexpr std::size_t kMaxSectionHashes = 64;
inline constexpr std::size_t kMaxHashText = 128;

struct DeliveryFields {
  std::optional<std::uint64_t>* sequence;
  std::optional<std::uint64_t>* dropped_reports;
  std::map<std::string, std::string>* section_hashes;
};

void encodeDelivery(boost::json::object& o, const std::optional<std::uint64_t>& sequence,
                    const std::optional<std::uint64_t>& dropped_reports,
                    const std::map<std::string, std::string>& section_hashes);
// Throws DecodeFailure for a wrong type or an oversized "section_hashes".
void decodeDelivery(const ObjectReader& r, DeliveryFields out);

}  // namespace steward::wire::detail
