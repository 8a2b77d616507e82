#pragma once

// Body encodings of the OCS Inventory / FusionInventory protocol
// (../shared/reference/ocs-protocol.md): requests arrive as zlib (RFC 1950), gzip or
// plain XML; replies must be zlib at the default compression level, the only form
// both agents accept.

#include <cstddef>
#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::collector::ingest::ocs {

enum class BodyEncoding { Zlib, Gzip, Plain };

// The encoding named by a request's Content-Type (parameters and case ignored):
// application/x-compress-zlib and application/x-compress -> Zlib,
// application/x-compress-gzip -> Gzip, application/xml and text/xml -> Plain.
// An empty Content-Type is guessed from the first bytes. Error "unsupported_media_type"
// for anything else.
Result<BodyEncoding> encodingFor(const std::string& content_type, std::string_view body);

// The decoded request body. Stops as soon as more than `max_inflated_bytes` would come
// out (error "inflated_too_large", so a zlib bomb costs at most that much memory);
// error "bad_compression" for garbage, truncated streams or bytes after the stream.
Result<std::string> decodeBody(std::string_view body, BodyEncoding encoding,
                               std::size_t max_inflated_bytes);

// `text` as a zlib stream at the default compression level ("78 9C").
std::string zlibCompress(std::string_view text);

}  // namespace steward::collector::ingest::ocs
