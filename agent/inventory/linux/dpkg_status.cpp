#include "agent/inventory/linux/dpkg_status.h"

#include <optional>
#include <sstream>
#include <string>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

struct Stanza {
  std::optional<std::string> package, status, version, architecture, maintainer;
};

bool isInstalled(const std::string& status) {
  std::istringstream in(status);
  std::string want, flag, state, extra;
  if (!(in >> want >> flag >> state) || (in >> extra)) return false;
  return want == "install" && state == "installed";
}

}  // namespace

DpkgStatus parseDpkgStatus(std::string_view text) {
  DpkgStatus result;
  Stanza stanza;
  const auto finish = [&] {
    if (stanza.package) {
      // An empty name (found by the fuzzer) is as unusable as a missing version.
      if (!stanza.package->empty() && stanza.status && stanza.version && !stanza.version->empty()) {
        if (isInstalled(*stanza.status)) {
          wire::Package package;
          package.name = *stanza.package;
          package.version = *stanza.version;
          package.architecture = stanza.architecture;
          package.vendor = stanza.maintainer;
          result.installed.push_back(std::move(package));
        }
      } else {
        ++result.skipped;
      }
    }
    stanza = Stanza{};
  };

  for (const auto line : splitLines(text)) {
    if (trim(line).empty()) {
      finish();
      continue;
    }
    // Continuation of a multi-line field (Description, Conffiles): never a new field.
    if (line.front() == ' ' || line.front() == '\t') continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto field = line.substr(0, colon);
    std::string value(trim(line.substr(colon + 1)));
    // Field names are case-insensitive in deb822.
    const std::string name = toLower(field);
    if (name == "package") {
      if (stanza.package) finish();  // missing blank line between stanzas
      stanza.package = std::move(value);
    } else if (name == "status") {
      stanza.status = std::move(value);
    } else if (name == "version") {
      stanza.version = std::move(value);
    } else if (name == "architecture") {
      if (!value.empty()) stanza.architecture = std::move(value);
    } else if (name == "maintainer") {
      if (!value.empty()) stanza.maintainer = std::move(value);
    }
  }
  finish();
  return result;
}

}  // namespace steward::agent
