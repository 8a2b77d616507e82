#include "agent/inventory/linux/etc_passwd.h"

#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

constexpr unsigned long long kFirstUserUid = 1000;
constexpr unsigned long long kNobodyUid = 65534;

std::optional<std::string> nonEmpty(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace

std::vector<wire::LocalUser> parseEtcPasswd(std::string_view text) {
  std::vector<wire::LocalUser> users;
  for (const auto line : splitLines(text)) {
    if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') {
      continue;
    }
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    while (fields.size() < 7) {
      const std::size_t colon = line.find(':', pos);
      fields.push_back(line.substr(pos, colon == std::string_view::npos ? line.npos : colon - pos));
      if (colon == std::string_view::npos) break;
      pos = colon + 1;
    }
    if (fields.size() < 7 || fields[0].empty()) continue;
    const auto uid = parseUnsigned(fields[2]);
    if (!uid || *uid > 0xFFFFFFFFULL) continue;
    if (*uid != 0 && (*uid < kFirstUserUid || *uid == kNobodyUid)) continue;
    const std::string_view gecos = fields[4].substr(0, fields[4].find(','));
    users.push_back(wire::LocalUser{std::string(fields[0]), static_cast<std::uint32_t>(*uid),
                                    nonEmpty(gecos), nonEmpty(fields[5]), nonEmpty(fields[6])});
  }
  return users;
}

std::vector<wire::LocalUser> readLocalUsers(const FsRoot& fs) {
  auto text = readSource(fs, "/etc/passwd", false);
  return text ? parseEtcPasswd(*text) : std::vector<wire::LocalUser>{};
}

}  // namespace steward::agent
