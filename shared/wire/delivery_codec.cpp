#include "shared/wire/delivery_codec.h"

namespace steward::wire::detail {

namespace json = boost::json;

void encodeDelivery(json::object& o, const std::optional<std::uint64_t>& sequence,
                    const std::optional<std::uint64_t>& dropped_reports,
                    const std::map<std::string, std::string>& section_hashes) {
  if (sequence) o["sequence"] = *sequence;
  if (dropped_reports) o["dropped_reports"] = *dropped_reports;
  if (!section_hashes.empty()) {
    json::object hashes;
    for (const auto& [name, hash] : section_hashes) hashes[name] = hash;
    o["section_hashes"] = std::move(hashes);
  }
}

void decodeDelivery(const ObjectReader& r, DeliveryFields out) {
  *out.sequence = r.optionalUint("sequence");
  *out.dropped_reports = r.optionalUint("dropped_reports");
  out.section_hashes->clear();
  const auto hashes = r.optionalObject("section_hashes");
  if (!hashes) return;
  const std::string path = r.path("section_hashes");
  const auto& object = hashes->object();
  if (object.size() > kMaxSectionHashes) {
    throw DecodeFailure{"invalid_field", path + ": more than " +
                                             std::to_string(kMaxSectionHashes) + " sections"};
  }
  for (const auto& [key, value] : object) {
    const std::string name(key);
    if (name.empty() || name.size() > kMaxHashText) {
      throw DecodeFailure{"invalid_field", path + ": section name must be 1.." +
                                               std::to_string(kMaxHashText) + " bytes"};
    }
    const std::string here = path + "." + name;
    if (!value.is_string()) throw DecodeFailure{"invalid_field", here + ": expected a string"};
    const auto& hash = value.get_string();
    if (hash.empty() || hash.size() > kMaxHashText) {
      throw DecodeFailure{"invalid_field",
                          here + ": hash must be 1.." + std::to_string(kMaxHashText) + " bytes"};
    }
    (*out.section_hashes)[name] = std::string(hash);
  }
}

}  // namespace steward::wire::detail
