#include "collector/ingest/inventory_body_scan.h"

#include <openssl/evp.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

#include "shared/wire/delivery_codec.h"

namespace steward::collector::ingest {

namespace {

// Incremental SHA-256, buffering the small writes (keys, markers) between the large
// spans, which go straight through.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void add(std::string_view data) {
    if (used_ + data.size() > sizeof buffer_) flush();
    if (data.size() >= sizeof buffer_) {
      EVP_DigestUpdate(ctx_.get(), data.data(), data.size());
      return;
    }
    std::memcpy(buffer_ + used_, data.data(), data.size());
    used_ += data.size();
  }
  void add(char marker) { add(std::string_view(&marker, 1)); }
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
  char buffer_[4096];
  std::size_t used_ = 0;
};

// Markers framing the hashed stream. They are control bytes, which the scan refuses
// anywhere in a body (JSON allows none but tab, CR and LF, and only between tokens),
// so the stream splits back into members and spans in exactly one way.
constexpr char kSpanBegin = '\x01';
constexpr char kSpanEnd = '\x02';
constexpr char kObjectBegin = '\x03';
constexpr char kObjectEnd = '\x04';
constexpr char kArrayBegin = '\x05';
constexpr char kArrayEnd = '\x06';

// Bytes that end the fast run through a string: its closing quote, an escape, or a
// control byte (invalid in a string, and a marker's value).
constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> stop{};
  for (int c = 0; c < 0x20; ++c) stop[static_cast<std::size_t>(c)] = true;
  stop['"'] = true;
  stop['\\'] = true;
  return stop;
}();

constexpr std::size_t kMaxDepth = 64;

// The index of the first byte at or after `i` that stops a string run, or `n`.
// Strings are most of a body's bytes, so this runs sixteen bytes at a time where the
// CPU allows.
std::size_t stringRunEnd(const char* s, std::size_t i, std::size_t n) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    // v <= 0x1F unsigned exactly when max(v, 0x1F) == 0x1F.
    const __m128i stop =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max));
    const int mask = _mm_movemask_epi8(stop);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !kStringStop[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// What the value after a key is, when it is left out of the hash.
enum class Kept {
  hashed,
  number,
  uint,
  u32,
  string,
  report_id,
  agent_id,
  collected_at,
  sequence,
  dropped_reports,
  section_hashes
};

// The containers the scan reads member by member, because they hold left-out
// fields; every other value is one span of bytes, hashed as it stands.
enum class Context { root, system, filesystem, interface };

// Thrown inside the scanner only and caught by run(): the body is not one the scan
// can vouch for, so the caller decodes it instead.
struct Failed {};

class Scanner {
 public:
  Scanner(std::string_view body, bool volatile_out) : s_(body), volatile_out_(volatile_out) {}

  std::optional<InventoryBodyScan> run() {
    static constexpr char kScheme[] = "steward.inventory-content.v4";
    sha_.add(std::string_view(kScheme, sizeof kScheme));
    out_.envelope_valid = true;
    try {
      space();
      if (peek() != '{') throw Failed{};
      object(Context::root);
      space();
      if (i_ != s_.size()) throw Failed{};  // trailing bytes
    } catch (const Failed&) {
      return std::nullopt;
    }
    out_.content_hash = sha_.hex();
    if (out_.report_id.empty() || out_.agent_id.empty() || !seen_[2] ||
        out_.section_hashes.size() > wire::detail::kMaxSectionHashes) {
      out_.envelope_valid = false;
    }
    return std::move(out_);
  }

 private:
  char peek() const {
    if (i_ >= s_.size()) throw Failed{};
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) throw Failed{};
    ++i_;
  }
  void space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) {
      ++i_;
    }
  }

  // A string at i_ (its opening quote): moves past it and returns it raw, quotes
  // included. `escaped` tells whether it holds an escape; escapes are checked for
  // form, the bytes of a plain run are not (see the header: a span is trusted only
  // when it equals one the decoder accepted).
  std::string_view string(bool& escaped) {
    const std::size_t start = i_;
    std::size_t i = i_ + 1;
    escaped = false;
    const std::size_t n = s_.size();
    for (;;) {
      i = stringRunEnd(s_.data(), i, n);
      if (i >= n) throw Failed{};
      const char c = s_[i];
      if (c == '"') break;
      if (c != '\\' || i + 1 >= n) throw Failed{};  // a control byte, or a cut escape
      escaped = true;
      const char e = s_[i + 1];
      if (e == 'u') {
        if (i + 6 > n) throw Failed{};
        for (std::size_t k = i + 2; k < i + 6; ++k) {
          if (std::isxdigit(static_cast<unsigned char>(s_[k])) == 0) throw Failed{};
        }
        i += 6;
      } else if (std::strchr("\"\\/bfnrt", e) != nullptr && e != '\0') {
        i += 2;
      } else {
        throw Failed{};
      }
    }
    i_ = i + 1;
    return s_.substr(start, i_ - start);
  }

  // Any value at i_, skipped by its structure alone: strings and brackets are
  // followed, nothing else is read. Returns its bytes.
  std::string_view span() {
    const std::size_t start = i_;
    char stack[kMaxDepth];
    std::size_t depth = 0;
    bool escaped = false;
    do {
      const char c = peek();
      switch (c) {
        case '"':
          string(escaped);
          break;
        case '{':
        case '[':
          if (depth == kMaxDepth) throw Failed{};
          stack[depth++] = c == '{' ? '}' : ']';
          ++i_;
          break;
        case '}':
        case ']':
          if (depth == 0 || stack[depth - 1] != c) throw Failed{};
          --depth;
          ++i_;
          break;
        default:
          if (depth == 0) {
            scalar();
          } else {
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') {
              throw Failed{};
            }
            ++i_;
          }
      }
    } while (depth > 0);
    return s_.substr(start, i_ - start);
  }

  // A number or literal at i_: its bytes up to the next delimiter.
  std::string_view scalar() {
    const std::size_t start = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        break;
      }
      if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '{' || c == '[' || c == ':') {
        throw Failed{};
      }
      ++i_;
    }
    if (i_ == start) throw Failed{};
    return s_.substr(start, i_ - start);
  }

  // The elements of the container opening at i_ with `open` and closing with
  // `close`, each read by `element` from its first byte; checks the commas between.
  template <typename Element>
  void elements(char open, char close, const Element& element) {
    expect(open);
    space();
    if (peek() == close) {
      ++i_;
      return;
    }
    for (;;) {
      element();
      space();
      const char c = peek();
      ++i_;
      if (c == close) return;
      if (c != ',') throw Failed{};
      space();
    }
  }

  // Between a member's key and its value.
  void colon() {
    space();
    expect(':');
    space();
  }

  // The value at i_ as one framed span of bytes.
  void hashSpan() {
    sha_.add(kSpanBegin);
    sha_.add(span());
    sha_.add(kSpanEnd);
  }

  // Members one by one: each hashed member is its raw key and its value (a framed
  // span, or a container read in its own context); a left-out member adds nothing,
  // so its presence does not count either.
  void object(Context context) {
    sha_.add(kObjectBegin);
    elements('{', '}', [&] {
      if (peek() != '"') throw Failed{};
      bool escaped = false;
      const std::string_view raw_key = string(escaped);
      // A key written with escapes may name a left-out field: the decoder reads it.
      if (escaped) throw Failed{};
      const std::string_view key = raw_key.substr(1, raw_key.size() - 2);
      colon();
      const Kept kept = classify(context, key);
      if (kept == Kept::hashed) {
        sha_.add(raw_key);
        member(context, key);
      } else {
        leftOut(kept);
      }
    });
    sha_.add(kObjectEnd);
  }

  // A hashed member's value.
  void member(Context context, std::string_view key) {
    const char c = peek();
    if (volatile_out_ && context == Context::root) {
      if (c == '{' && key == "system") return object(Context::system);
      if (c == '[' && key == "filesystems") return array(Context::filesystem);
      if (c == '[' && key == "interfaces") return array(Context::interface);
    }
    hashSpan();
  }

  // An array whose object items are read in `items` context.
  void array(Context items) {
    sha_.add(kArrayBegin);
    elements('[', ']', [&] {
      if (peek() == '{') {
        object(items);
      } else {
        hashSpan();
      }
    });
    sha_.add(kArrayEnd);
  }

  static Kept classify(Context context, std::string_view k) {
    switch (context) {
      case Context::root: {
        static constexpr std::pair<std::string_view, Kept> kTop[] = {
            {"report_id", Kept::report_id},
            {"agent_id", Kept::agent_id},
            {"collected_at", Kept::collected_at},
            {"sequence", Kept::sequence},
            {"dropped_reports", Kept::dropped_reports},
            {"section_hashes", Kept::section_hashes}};
        for (const auto& [name, kept] : kTop) {
          if (k == name) return kept;
        }
        return Kept::hashed;
      }
      case Context::system:
        return k == "uptime_seconds" ? Kept::number : Kept::hashed;
      case Context::filesystem:
        return k == "used_bytes" ? Kept::uint : Kept::hashed;
      case Context::interface:
        if (k == "oper_state") return Kept::string;
        return k == "speed_mbps" ? Kept::u32 : Kept::hashed;
    }
    return Kept::hashed;
  }

  // A left-out value: checked to be what the decoder accepts there, and kept when it
  // is part of the envelope.
  void leftOut(Kept kept) {
    switch (kept) {
      case Kept::string:
        plainString();
        return;
      case Kept::report_id:
        once(0);
        out_.report_id = plainString();
        return;
      case Kept::agent_id:
        once(1);
        out_.agent_id = plainString();
        return;
      case Kept::collected_at:
        once(2);
        out_.collected_at = plainString();
        return;
      case Kept::number: {
        // A number too large for a double is one the decoder refuses (not finite).
        const std::string_view text = number();
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
          throw Failed{};
        }
        return;
      }
      case Kept::uint:
        unsignedNumber();
        return;
      case Kept::u32:
        if (unsignedNumber() > 0xFFFFFFFFULL) throw Failed{};
        return;
      case Kept::sequence:
        once(3);
        out_.sequence = unsignedNumber();
        return;
      case Kept::dropped_reports:
        once(4);
        out_.dropped_reports = unsignedNumber();
        return;
      case Kept::section_hashes:
        once(5);
        sectionHashes();
        return;
      case Kept::hashed:
        break;
    }
    throw Failed{};
  }

  // An envelope field given twice: which one the decoder keeps is its business.
  void once(int which) {
    if (seen_[which]) throw Failed{};
    seen_[which] = true;
  }

  // A left-out string, without escapes and in printable ASCII (anything else is
  // left to the decoder, which knows UTF-8 and escapes). Returns its text.
  std::string_view plainString() {
    if (peek() != '"') throw Failed{};
    bool escaped = false;
    const std::string_view raw = string(escaped);
    if (escaped) throw Failed{};
    for (const char c : raw) {
      if (static_cast<unsigned char>(c) > 0x7E) throw Failed{};
    }
    return raw.substr(1, raw.size() - 2);
  }

  // A JSON number (RFC 8259 grammar), returned as written.
  std::string_view number() {
    const std::string_view text = scalar();
    std::size_t k = 0;
    auto digits = [&] {
      const std::size_t from = k;
      while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
      return k - from;
    };
    if (k < text.size() && text[k] == '-') ++k;
    if (k >= text.size()) throw Failed{};
    if (text[k] == '0') {
      ++k;
    } else if (digits() == 0) {
      throw Failed{};
    }
    if (k < text.size() && text[k] == '.') {
      ++k;
      if (digits() == 0) throw Failed{};
    }
    if (k < text.size() && (text[k] == 'e' || text[k] == 'E')) {
      ++k;
      if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
      if (digits() == 0) throw Failed{};
    }
    if (k != text.size()) throw Failed{};
    return text;
  }

  // A number the decoder reads as unsigned: digits only, within 64 bits.
  std::uint64_t unsignedNumber() {
    const std::string_view text = number();
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) throw Failed{};
    return value;
  }

  // section_hashes: an object of section name to hash text, within the codec's limits.
  void sectionHashes() {
    elements('{', '}', [&] {
      const std::string name(plainString());
      colon();
      const std::string hash(plainString());
      if (name.empty() || name.size() > wire::detail::kMaxHashText || hash.empty() ||
          hash.size() > wire::detail::kMaxHashText || out_.section_hashes.contains(name)) {
        out_.envelope_valid = false;
      }
      out_.section_hashes.emplace(name, hash);
    });
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool volatile_out_;
  Sha256 sha_;
  InventoryBodyScan out_;
  // report_id, agent_id, collected_at, sequence, dropped_reports, section_hashes
  bool seen_[6] = {};
};

}  // namespace

std::optional<InventoryBodyScan> scanInventoryBody(std::string_view body, bool leave_out_volatile) {
  return Scanner(body, leave_out_volatile).run();
}

}  // namespace steward::collector::ingest
