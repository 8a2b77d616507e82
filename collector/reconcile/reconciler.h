#pragma once

// Reconciliation, step two: given the identifiers of an incoming report and the known
// assets that share at least one of them, decide which asset the report belongs to.
//
// Rules, in rank order:
//   1. a strong key (serial+vendor, then SMBIOS UUID, then agent id) matching one asset
//      suffices;
//   2. otherwise at least two weak keys (MACs of physical NICs, hostname) must agree on
//      the same asset: never merge on a single weak key;
//   3. otherwise it is a new asset.
// The decision is a pure function of its inputs; the store supplies the candidates.

#include <optional>
#include <string>
#include <vector>

#include "shared/wire/asset.h"

namespace steward::collector::reconcile {

// A known asset and which of the incoming identifiers it already holds.
struct Candidate {
  std::string asset_id;
  std::vector<wire::AssetIdentifier> matched;
};

struct Decision {
  std::optional<std::string> asset_id;  // nullopt: make a new asset
  std::string rule;      // "new_asset", "serial", "smbios_uuid", "agent_id", "weak_keys"
  std::string evidence;  // for people: which identifiers decided, and what was ignored
};

// A known asset with every identifier it holds, for matchCandidates().
struct KnownAsset {
  std::string asset_id;
  std::vector<wire::AssetIdentifier> identifiers;
};

// The known assets sharing at least one of `incoming`, each with the shared identifiers.
std::vector<Candidate> matchCandidates(const std::vector<wire::AssetIdentifier>& incoming,
                                       const std::vector<KnownAsset>& known);

class Reconciler {
 public:
  Decision decide(const std::vector<wire::AssetIdentifier>& incoming,
                  const std::vector<Candidate>& candidates) const;
};

}  // namespace steward::collector::reconcile
