#include "collector/ingest/ocs/ocs_compression.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>

namespace steward::collector::ingest::ocs {

namespace {

std::string mediaType(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(),
                            [](unsigned char c) { return std::isspace(c) != 0; }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

BodyEncoding sniff(std::string_view body) {
  if (body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
      static_cast<unsigned char>(body[1]) == 0x8b) {
    return BodyEncoding::Gzip;
  }
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '<') return BodyEncoding::Plain;
  return BodyEncoding::Zlib;
}

// Owns a z_stream set up for inflating, so every return path frees it.
class Inflater {
 public:
  explicit Inflater(int window_bits) { ok_ = inflateInit2(&stream_, window_bits) == Z_OK; }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

Result<BodyEncoding> encodingFor(const std::string& content_type, std::string_view body) {
  const std::string type = mediaType(content_type);
  if (type.empty()) return sniff(body);
  if (type == "application/x-compress-zlib" || type == "application/x-compress") {
    return BodyEncoding::Zlib;
  }
  if (type == "application/x-compress-gzip") return BodyEncoding::Gzip;
  if (type == "application/xml" || type == "text/xml") return BodyEncoding::Plain;
  return makeError("unsupported_media_type",
                   "Content-Type must be application/x-compress-zlib, application/x-compress, "
                   "application/x-compress-gzip or application/xml, got '" +
                       content_type + "'");
}

Result<std::string> decodeBody(std::string_view body, BodyEncoding encoding,
                               std::size_t max_inflated_bytes) {
  const std::string too_large = "the request inflates to more than " +
                                std::to_string(max_inflated_bytes) +
                                " bytes ([ocs] max_inflated_bytes)";
  if (encoding == BodyEncoding::Plain) {
    if (body.size() > max_inflated_bytes) return makeError("inflated_too_large", too_large);
    return std::string(body);
  }
  if (body.empty()) return makeError("bad_compression", "the request body is empty");

  // 15 = 32 KiB window; +16 accepts only a gzip header, plain 15 only a zlib header.
  Inflater inflater(encoding == BodyEncoding::Gzip ? 15 + 16 : 15);
  if (!inflater.ok()) return makeError("bad_compression", "zlib could not start inflating");
  z_stream& z = inflater.stream();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());

  std::string out;
  std::array<char, 64 * 1024> chunk{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      const std::string detail = z.msg != nullptr ? z.msg : "incomplete stream";
      return makeError("bad_compression",
                       std::string(encoding == BodyEncoding::Gzip ? "gzip" : "zlib") +
                           " data is corrupt or truncated (" + detail + ")");
    }
    const std::size_t produced = chunk.size() - z.avail_out;
    if (out.size() + produced > max_inflated_bytes) {
      return makeError("inflated_too_large", too_large);
    }
    out.append(chunk.data(), produced);
    if (rc == Z_OK && produced == 0 && z.avail_in == 0) {
      return makeError("bad_compression", "compressed data is truncated (stream never ends)");
    }
  }
  if (z.avail_in != 0) {
    return makeError("bad_compression", "unexpected bytes after the end of the compressed stream");
  }
  return out;
}

std::string zlibCompress(std::string_view text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  // compress() is compress2() at Z_DEFAULT_COMPRESSION: the "78 9C" header the agents need.
  const int rc =
      compress(reinterpret_cast<Bytef*>(out.data()), &size,
               reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()));
  assert(rc == Z_OK);  // compressBound() guarantees room; no other failure is possible
  (void)rc;
  out.resize(size);
  return out;
}

}  // namespace steward::collector::ingest::ocs
