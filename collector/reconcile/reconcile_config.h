#pragma once

// The [reconcile] section of collector.conf: extra bogus values (added to the
// built-in lists) and attribute precedence by source.

#include "collector/reconcile/attribute_precedence.h"
#include "collector/reconcile/bogus_values.h"
#include "shared/common/config.h"
#include "shared/common/result.h"

namespace steward::collector::reconcile {

struct ReconcileConfig {
  BogusValues bogus;  // only the additions; the built-in lists always apply too
  AttributePrecedence precedence;
};

// Reads reconcile.bogus_serials, bogus_uuids, bogus_mac_prefixes,
// virtual_nic_patterns (comma-separated), reconcile.precedence and
// reconcile.precedence_<attribute>. Errors name the file and the key.
Result<ReconcileConfig> loadReconcileConfig(const IniConfig& ini);

}  // namespace steward::collector::reconcile
