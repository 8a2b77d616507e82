#include "collector/ingest/inventory_body_scan.h"

#include <openssl/evp.h>

#include <boost/json/basic_parser_impl.hpp>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "shared/wire/delivery_codec.h"

namespace steward::collector::ingest {

namespace {

using boost::json::error_code;
using boost::json::string_view;

// Incremental SHA-256, buffering the many small writes of the event stream.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void add(const char* data, std::size_t size) {
    if (used_ + size > sizeof buffer_) flush();
    if (size >= sizeof buffer_) {
      EVP_DigestUpdate(ctx_.get(), data, size);
      return;
    }
    std::memcpy(buffer_ + used_, data, size);
    used_ += size;
  }
  std::string hex() {
    flush();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &length);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
      out += kDigits[digest[i] >> 4];
      out += kDigits[digest[i] & 0xF];
    }
    return out;
  }

 private:
  void flush() {
    if (used_ > 0) EVP_DigestUpdate(ctx_.get(), buffer_, used_);
    used_ = 0;
  }
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
  char buffer_[8192];
  std::size_t used_ = 0;
};

// What the value after a key is, when it is left out of the hash.
enum class Kept { hashed, number, uint, u32, string, report_id, agent_id, collected_at, sequence,
                  dropped_reports, section_hashes, section_hash };

// Which keys of a container are special, decided once when it opens so that the
// thousands of keys of `packages` are hashed without a look at what they say.
enum class Context {
  plain,        // nothing left out
  root,         // the envelope fields
  system,       // uptime_seconds
  filesystems,  // the array: its objects are filesystem items
  filesystem,   // used_bytes
  interfaces,   // the array: its objects are interface items
  interface,    // oper_state, speed_mbps
  hashes,       // section_hashes: every key names a section
};

struct Frame {
  Context context = Context::plain;
  std::string key;  // last key read, where the context needs it (root, hashes)
};

// SAX handler. Every hashed event ends with its payload's length (4 bytes: the body
// limit keeps every string under 4 GiB) and a tag byte, so the stream read
// backwards splits into events in exactly one way: no two different event
// sequences hash the same bytes.
struct Scan {
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  Sha256 sha;
  InventoryBodyScan out;
  std::vector<Frame> stack;
  bool started = false;
  bool unusual = false;
  bool volatile_out = true;     // leave the agent's volatile fields out
  Kept pending = Kept::hashed;  // the next value's treatment
  std::string key;              // key being read, where the context needs it
  std::string text;             // left-out string being read
  std::size_t length = 0;       // hashed key, string or number text so far
  // report_id, agent_id, collected_at, sequence, dropped_reports, section_hashes
  bool seen[6] = {};

  void end(char tag, std::size_t size) {
    unsigned char bytes[5];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<unsigned char>(size >> (8 * i));
    bytes[4] = static_cast<unsigned char>(tag);
    sha.add(reinterpret_cast<const char*>(bytes), sizeof bytes);
  }

  // Called on every value: takes the pending treatment for it.
  Kept value() {
    started = true;
    const Kept kept = pending;
    pending = Kept::hashed;
    return kept;
  }

  // The context of a container opening as the value of the current key.
  Context childContext(bool object, Kept kept) const {
    if (kept == Kept::section_hashes && object) return Context::hashes;
    if (stack.empty()) return object ? Context::root : Context::plain;
    const Frame& parent = stack.back();
    if (!volatile_out) return Context::plain;
    if (parent.context == Context::root) {
      if (object && parent.key == "system") return Context::system;
      if (!object && parent.key == "filesystems") return Context::filesystems;
      if (!object && parent.key == "interfaces") return Context::interfaces;
    }
    if (object && parent.context == Context::filesystems) return Context::filesystem;
    if (object && parent.context == Context::interfaces) return Context::interface;
    return Context::plain;
  }

  // The treatment of the value after key `k` in `frame`.
  static Kept classify(const Frame& frame, std::string_view k) {
    switch (frame.context) {
      case Context::root: {
        static const std::pair<std::string_view, Kept> kTop[] = {
            {"report_id", Kept::report_id},         {"agent_id", Kept::agent_id},
            {"collected_at", Kept::collected_at},   {"sequence", Kept::sequence},
            {"dropped_reports", Kept::dropped_reports}, {"section_hashes", Kept::section_hashes}};
        for (const auto& [name, kept] : kTop) {
          if (k == name) return kept;
        }
        return Kept::hashed;
      }
      case Context::hashes: return Kept::section_hash;
      case Context::system: return k == "uptime_seconds" ? Kept::number : Kept::hashed;
      case Context::filesystem: return k == "used_bytes" ? Kept::uint : Kept::hashed;
      case Context::interface:
        if (k == "oper_state") return Kept::string;
        return k == "speed_mbps" ? Kept::u32 : Kept::hashed;
      default: return Kept::hashed;
    }
  }

  bool open(bool object, char tag) {
    const bool root = !started;
    const Kept kept = value();
    if (root && !object) unusual = true;
    Frame frame{childContext(object, kept), {}};
    if (frame.context == Context::hashes) {
      if (seen[5]) unusual = true;
      seen[5] = true;
    } else if (kept != Kept::hashed) {
      unusual = true;  // a container where the decoder wants a scalar
    }
    if (kept == Kept::hashed) end(tag, 0);
    stack.push_back(std::move(frame));
    return true;
  }
  bool close(char tag) {
    const bool hashes = stack.back().context == Context::hashes;
    stack.pop_back();
    if (!hashes) end(tag, 0);
    return true;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return open(false, '['); }
  bool on_array_end(std::size_t, error_code&) { return close(']'); }
  bool on_object_begin(error_code&) { return open(true, '{'); }
  bool on_object_end(std::size_t, error_code&) { return close('}'); }

  // A plain container's keys are hashed as they stream; any other's are collected
  // first, since what follows them depends on what they say.
  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (stack.back().context == Context::plain) {
      sha.add(s.data(), s.size());
      length += s.size();
    } else {
      key.append(s.data(), s.size());
    }
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    Frame& frame = stack.back();
    if (frame.context == Context::plain) {
      sha.add(s.data(), s.size());
      end('k', length + s.size());
      length = 0;
      return true;
    }
    key.append(s.data(), s.size());
    pending = classify(frame, key);
    if (pending == Kept::hashed) {
      sha.add(key.data(), key.size());
      end('k', key.size());
    } else if (frame.context == Context::hashes) {
      if (key.empty() || key.size() > wire::detail::kMaxHashText ||
          out.section_hashes.contains(key)) {
        out.envelope_valid = false;
      }
    }
    if (frame.context == Context::root || frame.context == Context::hashes) frame.key = key;
    key.clear();
    return true;
  }

  bool on_string_part(string_view s, std::size_t, error_code&) {
    if (pending == Kept::hashed) {
      sha.add(s.data(), s.size());
      length += s.size();
    } else {
      text.append(s.data(), s.size());
    }
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    const Kept kept = value();
    if (kept == Kept::hashed) {
      sha.add(s.data(), s.size());
      end('s', length + s.size());
      length = 0;
      return true;
    }
    text.append(s.data(), s.size());
    switch (kept) {
      case Kept::string: break;
      case Kept::report_id: keep(0, out.report_id); break;
      case Kept::agent_id: keep(1, out.agent_id); break;
      case Kept::collected_at: keep(2, out.collected_at); break;
      case Kept::section_hash:
        if (text.empty() || text.size() > wire::detail::kMaxHashText) out.envelope_valid = false;
        out.section_hashes[stack.back().key] = text;
        break;
      default: unusual = true;  // a string where the decoder wants a number
    }
    text.clear();
    return true;
  }
  void keep(int which, std::string& into) {
    if (seen[which]) unusual = true;
    seen[which] = true;
    into = text;
  }

  bool on_number_part(string_view s, error_code&) {
    if (pending == Kept::hashed) {
      sha.add(s.data(), s.size());
      length += s.size();
    }
    return true;
  }
  // A number: hashed as its text, or checked as the decoder would read it.
  void number(string_view s, std::optional<std::uint64_t> as_uint, bool finite) {
    const Kept kept = value();
    if (kept == Kept::hashed) {
      sha.add(s.data(), s.size());
      end('n', length + s.size());
      length = 0;
      return;
    }
    switch (kept) {
      case Kept::number: unusual = unusual || !finite; break;
      case Kept::uint: unusual = unusual || !as_uint; break;
      case Kept::u32: unusual = unusual || !as_uint || *as_uint > 0xFFFFFFFFULL; break;
      case Kept::sequence:
        if (seen[3] || !as_uint) unusual = true;
        seen[3] = true;
        out.sequence = as_uint;
        break;
      case Kept::dropped_reports:
        if (seen[4] || !as_uint) unusual = true;
        seen[4] = true;
        out.dropped_reports = as_uint;
        break;
      default: unusual = true;
    }
  }
  bool on_int64(std::int64_t v, string_view s, error_code&) {
    number(s, v >= 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(v)) : std::nullopt,
           true);
    return true;
  }
  bool on_uint64(std::uint64_t v, string_view s, error_code&) {
    number(s, v, true);
    return true;
  }
  bool on_double(double v, string_view s, error_code&) {
    number(s, std::nullopt, std::isfinite(v));
    return true;
  }
  bool on_bool(bool b, error_code&) {
    if (value() != Kept::hashed) unusual = true;
    end(b ? 't' : 'f', 0);
    return true;
  }
  bool on_null(error_code&) {
    if (value() != Kept::hashed) unusual = true;  // the decoder's "absent": left to it
    end('0', 0);
    return true;
  }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::optional<InventoryBodyScan> scanInventoryBody(std::string_view body, bool leave_out_volatile) {
  // Event lengths are hashed as 4 bytes; the collector's body limit is 4 GiB at most.
  if (body.size() >= (std::uint64_t{1} << 32)) return std::nullopt;
  boost::json::basic_parser<Scan> parser{boost::json::parse_options{}};
  Scan& scan = parser.handler();
  scan.volatile_out = leave_out_volatile;
  // A version tag, so a hash of another scheme (stored before) never equals one of these.
  static constexpr char kScheme[] = "steward.inventory-content.v3";
  scan.sha.add(kScheme, sizeof kScheme);
  scan.out.envelope_valid = true;
  error_code ec;
  const std::size_t consumed = parser.write_some(false, body.data(), body.size(), ec);
  if (ec || consumed != body.size() || !parser.done() || scan.unusual) return std::nullopt;
  InventoryBodyScan out = std::move(scan.out);
  out.content_hash = scan.sha.hex();
  if (out.report_id.empty() || out.agent_id.empty() || !scan.seen[2] ||
      out.section_hashes.size() > wire::detail::kMaxSectionHashes) {
    out.envelope_valid = false;
  }
  return out;
}

}  // namespace steward::collector::ingest
