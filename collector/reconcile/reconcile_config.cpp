#include "collector/reconcile/reconcile_config.h"

namespace steward::collector::reconcile {

Result<ReconcileConfig> loadReconcileConfig(const IniConfig& ini) {
  ReconcileConfig c;
  auto fail = [&](const std::string& key, const Error& e) {
    return makeError("config_invalid", ini.source() + ": reconcile." + key + ": " + e.message);
  };
  struct ListKey {
    const char* key;
    Result<void> (BogusValues::*add)(const std::string&);
  };
  for (const ListKey& list : {ListKey{"bogus_serials", &BogusValues::addSerials},
                              ListKey{"bogus_uuids", &BogusValues::addUuids},
                              ListKey{"bogus_mac_prefixes", &BogusValues::addMacPrefixes},
                              ListKey{"virtual_nic_patterns", &BogusValues::addNicPatterns}}) {
    const std::string value = ini.getString(std::string("reconcile.") + list.key, "");
    if (auto r = (c.bogus.*list.add)(value); !r) return fail(list.key, r.error());
  }
  if (ini.has("reconcile.precedence")) {
    if (auto r = c.precedence.set("default", ini.getString("reconcile.precedence", "")); !r) {
      return fail("precedence", r.error());
    }
  }
  for (auto attribute : kAttributes) {
    const std::string key = "precedence_" + std::string(attribute);
    if (!ini.has("reconcile." + key)) continue;
    if (auto r = c.precedence.set(std::string(attribute), ini.getString("reconcile." + key, ""));
        !r) {
      return fail(key, r.error());
    }
  }
  return c;
}

}  // namespace steward::collector::reconcile
