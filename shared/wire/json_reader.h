#pragma once

// Internal to the codecs (not for other components): walks a parsed Boost.JSON
// document while tracking the path, so every decoding error names its location.
// Failures are thrown as DecodeFailure and caught by the public decode functions,
// which turn them into Result errors; nothing escapes the codec.

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/wire/inventory.h"

namespace steward::wire::detail {

struct DecodeFailure {
  std::string code;
  std::string message;
};

// Parses text as one JSON document; throws DecodeFailure("malformed_json") naming
// the byte offset of the first error. The document's values come from `storage`,
// or from a bump allocator of its own.
boost::json::value parseDocument(std::string_view text, boost::json::storage_ptr storage);
boost::json::value parseDocument(std::string_view text);

class ObjectReader {
 public:
  ObjectReader(const boost::json::value& value, std::string path);

  std::string requiredString(std::string_view key) const;
  std::optional<std::string> optionalString(std::string_view key) const;
  std::uint64_t requiredUint(std::string_view key) const;
  std::optional<std::uint64_t> optionalUint(std::string_view key) const;
  std::optional<double> optionalDouble(std::string_view key) const;
  std::optional<std::int64_t> optionalInt(std::string_view key) const;
  std::optional<bool> optionalBool(std::string_view key) const;
  bool requiredBool(std::string_view key) const;
  // True when the key is present and not null.
  bool has(std::string_view key) const;
  ObjectReader requiredObject(std::string_view key) const;
  // nullopt when the key is absent or null; fails when it is not an object.
  std::optional<ObjectReader> optionalObject(std::string_view key) const;
  std::vector<std::string> stringArray(std::string_view key) const;

  // Decodes each element of an optional array with decode(element, path).
  template <typename T, typename F>
  std::vector<T> array(std::string_view key, F decode) const {
    std::vector<T> out;
    const boost::json::value* v = find(key);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) fail(key, "expected an array");
    const auto& arr = v->get_array();
    out.reserve(arr.size());
    // One path string reused for every element (a full inventory has ~900 packages).
    std::string element = path(key) + "[";
    const std::size_t base = element.size();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      element.resize(base);
      element += std::to_string(i);
      element += ']';
      out.push_back(decode(arr[i], element));
    }
    return out;
  }

  // Reads "schema_version": "MAJOR.MINOR" and rejects an unsupported major.
  SchemaVersion schemaVersion() const;

  std::string path(std::string_view key) const;
  // The object itself, for maps whose keys are data (e.g. "section_hashes").
  const boost::json::object& object() const { return *object_; }

 private:
  const boost::json::value* find(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& what) const;

  const boost::json::object* object_;
  std::string path_;
};

}  // namespace steward::wire::detail
