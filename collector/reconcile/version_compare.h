#pragma once

#include <string_view>

namespace steward::collector::reconcile {

// Orders two package versions the way dpkg does ([epoch:]upstream[-revision], '~'
// sorting before everything, digits compared as numbers): <0, 0 or >0. Also sensible
// for RPM-style and plain dotted versions, which is what the OCS agents report.
int compareVersions(std::string_view a, std::string_view b);

}  // namespace steward::collector::reconcile
