#pragma once

// /var/lib/dpkg/status (deb822 stanzas): "Field: value" lines, continuation lines
// starting with a space or tab, stanzas separated by blank lines.

#include <string_view>
#include <vector>

#include "shared/wire/inventory.h"

namespace steward::agent {

struct DpkgStatus {
  std::vector<wire::Package> installed;  // in file order
  std::size_t skipped = 0;               // stanzas with a Package but no usable Status/Version
};

// The packages dpkg considers installed: Status "install <flag> installed", the same
// set as `dpkg-query -W` lines starting with "ii". Removed, config-files-only, held
// and half-installed packages are left out. Maintainer becomes Package::vendor. CRLF line ends are accepted; a stanza cut
// short at the end of the file is kept only if it has Package, Status and Version.
DpkgStatus parseDpkgStatus(std::string_view text);

}  // namespace steward::agent
