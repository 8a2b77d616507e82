#pragma once

// /var/log/wtmp: the login records glibc's login(3)/logwtmp(3) append, one
// `struct utmp` each. On x86_64 (and every 64-bit glibc target that keeps 32-bit
// utmp times for compatibility: aarch64, ppc64le, s390x) a record is 384 bytes:
//   0 int16 ut_type, 4 int32 ut_pid, 8 char ut_line[32], 40 char ut_id[4],
//   44 char ut_user[32], 76 char ut_host[256], 332 exit_status, 336 int32 ut_session,
//   340 int32 ut_tv.tv_sec, 344 int32 ut_tv.tv_usec, 348 int32 ut_addr_v6[4], 364 pad
// in host byte order. Strings are NUL-padded and not always NUL-terminated.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace steward::agent {

inline constexpr std::size_t kUtmpRecordBytes = 384;

struct LastLogin {
  std::int64_t time = 0;            // seconds since the Unix epoch
  std::optional<std::string> host;  // remote host or X display; absent for a console
  friend bool operator==(const LastLogin&, const LastLogin&) = default;
};

// Feeds wtmp bytes in any chunking and keeps, per user name, the latest
// USER_PROCESS record. Records of other types (boot, shutdown, logout) and records
// with an empty user, a control character in the user or a negative time are
// skipped; a host with control or non-ASCII bytes is left out.
class WtmpScanner {
 public:
  // `users`: the only names to keep (the local accounts), so a hostile file cannot
  // grow the map; empty keeps every name.
  explicit WtmpScanner(std::set<std::string> users = {}) : users_(std::move(users)) {}
  void feed(std::string_view bytes);
  // Bytes after the last whole record: a file truncated mid-record (ignored).
  std::size_t trailingBytes() const { return pending_.size(); }
  std::size_t records() const { return records_; }
  const std::map<std::string, LastLogin>& lastLogins() const { return last_; }

 private:
  void record(std::string_view bytes);

  std::set<std::string> users_;
  std::string pending_;
  std::size_t records_ = 0;
  std::map<std::string, LastLogin> last_;
};

}  // namespace steward::agent
