#include "shared/wire/json_reader.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/stream_parser.hpp>
#include <cmath>
#include <cstdint>

namespace steward::wire::detail {

namespace json = boost::json;

json::value parseDocument(std::string_view text) {
  return parseDocument(text, json::make_shared_resource<json::monotonic_resource>());
}

json::value parseDocument(std::string_view text, json::storage_ptr storage) {
  json::parse_options options;
  options.max_depth = 32;  // our documents are shallow; deep nesting is hostile
  json::stream_parser parser({}, options);
  // The values come from `storage` (a bump allocator, released with the document):
  // an 86 KB inventory would otherwise cost thousands of malloc/free pairs.
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const bool truncated = !ec.failed() || consumed >= text.size();
    throw DecodeFailure{"malformed_json", std::string(truncated ? "truncated JSON" : "malformed JSON") +
                                              " at byte " + std::to_string(consumed) + ": " +
                                              ec.message()};
  }
  return parser.release();
}

ObjectReader::ObjectReader(const json::value& value, std::string path) : path_(std::move(path)) {
  if (!value.is_object()) {
    throw DecodeFailure{"invalid_field", path_ + ": expected an object"};
  }
  object_ = &value.get_object();
}

std::string ObjectReader::path(std::string_view key) const {
  return path_ + "." + std::string(key);
}

const json::value* ObjectReader::find(std::string_view key) const {
  auto it = object_->find(key);
  return it == object_->end() ? nullptr : &it->value();
}

void ObjectReader::fail(std::string_view key, const std::string& what) const {
  throw DecodeFailure{"invalid_field", path(key) + ": " + what};
}

std::string ObjectReader::requiredString(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr) fail(key, "required field is missing");
  if (!v->is_string()) fail(key, "expected a string");
  return std::string(v->get_string());
}

std::optional<std::string> ObjectReader::optionalString(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) fail(key, "expected a string");
  return std::string(v->get_string());
}

static std::optional<std::uint64_t> asUint(const json::value& v) {
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<std::uint64_t>(v.get_int64());
  return std::nullopt;
}

std::uint64_t ObjectReader::requiredUint(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr) fail(key, "required field is missing");
  auto n = asUint(*v);
  if (!n) fail(key, "expected an unsigned integer");
  return *n;
}

std::optional<std::uint64_t> ObjectReader::optionalUint(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  auto n = asUint(*v);
  if (!n) fail(key, "expected an unsigned integer");
  return n;
}

std::optional<double> ObjectReader::optionalDouble(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_double()) {
    if (!std::isfinite(v->get_double())) fail(key, "expected a finite number");
    return v->get_double();
  }
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  fail(key, "expected a number");
}

std::optional<std::int64_t> ObjectReader::optionalInt(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  fail(key, "expected an integer");
}

bool ObjectReader::requiredBool(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr) fail(key, "required field is missing");
  if (!v->is_bool()) fail(key, "expected true or false");
  return v->get_bool();
}

bool ObjectReader::has(std::string_view key) const {
  const json::value* v = find(key);
  return v != nullptr && !v->is_null();
}

std::optional<bool> ObjectReader::optionalBool(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) fail(key, "expected true or false");
  return v->get_bool();
}

ObjectReader ObjectReader::requiredObject(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr) fail(key, "required field is missing");
  return ObjectReader(*v, path(key));
}

std::optional<ObjectReader> ObjectReader::optionalObject(std::string_view key) const {
  const json::value* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return ObjectReader(*v, path(key));
}

std::vector<std::string> ObjectReader::stringArray(std::string_view key) const {
  return array<std::string>(key, [](const json::value& v, const std::string& p) {
    if (!v.is_string()) throw DecodeFailure{"invalid_field", p + ": expected a string"};
    return std::string(v.get_string());
  });
}

SchemaVersion ObjectReader::schemaVersion() const {
  const std::string text = requiredString("schema_version");
  SchemaVersion version;
  const auto dot = text.find('.');
  try {
    std::size_t used = 0;
    version.major = std::stoi(text.substr(0, dot), &used);
    if (used != dot && dot != std::string::npos) throw std::invalid_argument("major");
    version.minor = dot == std::string::npos ? 0 : std::stoi(text.substr(dot + 1));
  } catch (const std::exception&) {
    fail("schema_version", "expected \"MAJOR.MINOR\", got \"" + text + "\"");
  }
  if (version.major != kSchemaMajor) {
    throw DecodeFailure{"unsupported_schema_version",
                        path("schema_version") + ": major version " + std::to_string(version.major) +
                            " is not supported (this build speaks " +
                            std::to_string(kSchemaMajor) + ".x)"};
  }
  return version;
}

}  // namespace steward::wire::detail
