#include "collector/reconcile/reconciler.h"

#include <algorithm>
#include <array>

#include "collector/reconcile/identifiers.h"

namespace steward::collector::reconcile {

namespace {

constexpr std::array<const char*, 4> kStrongKindsByRank = {kSerial, kSmbiosUuid, kAgentId,
                                                           kSnmpEngineId};
constexpr std::size_t kWeakKeysNeeded = 2;

std::string describe(const std::vector<wire::AssetIdentifier>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += ", ";
    out += id.kind + "=" + id.value;
  }
  return out;
}

bool holds(const Candidate& c, const char* kind) {
  return std::any_of(c.matched.begin(), c.matched.end(),
                     [&](const wire::AssetIdentifier& id) { return id.kind == kind; });
}

std::vector<wire::AssetIdentifier> weakOf(const Candidate& c) {
  std::vector<wire::AssetIdentifier> out;
  for (const auto& id : c.matched) {
    if (!isStrongKind(id.kind)) out.push_back(id);
  }
  return out;
}

// Ties go to the oldest asset: UUIDv7 ids sort by creation time.
const Candidate* oldest(const std::vector<const Candidate*>& list) {
  return *std::min_element(list.begin(), list.end(), [](const Candidate* a, const Candidate* b) {
    return a->asset_id < b->asset_id;
  });
}

std::string othersNote(const std::vector<const Candidate*>& list, const Candidate* chosen) {
  std::string note;
  for (const Candidate* c : list) {
    if (c == chosen) continue;
    note += note.empty() ? "; also matched asset " : ", ";
    note += c->asset_id;
  }
  return note;
}

}  // namespace

std::vector<Candidate> matchCandidates(const std::vector<wire::AssetIdentifier>& incoming,
                                       const std::vector<KnownAsset>& known) {
  std::vector<Candidate> out;
  for (const auto& asset : known) {
    Candidate c{asset.asset_id, {}};
    for (const auto& id : incoming) {
      if (std::find(asset.identifiers.begin(), asset.identifiers.end(), id) !=
          asset.identifiers.end()) {
        c.matched.push_back(id);
      }
    }
    if (!c.matched.empty()) out.push_back(std::move(c));
  }
  return out;
}

Decision Reconciler::decide(const std::vector<wire::AssetIdentifier>& incoming,
                            const std::vector<Candidate>& candidates) const {
  for (const char* kind : kStrongKindsByRank) {
    std::vector<const Candidate*> by_kind;
    for (const auto& c : candidates) {
      if (holds(c, kind)) by_kind.push_back(&c);
    }
    if (by_kind.empty()) continue;
    const Candidate* chosen = oldest(by_kind);
    return Decision{chosen->asset_id, kind,
                    "matched " + describe(chosen->matched) + othersNote(by_kind, chosen)};
  }

  std::vector<const Candidate*> weak_enough;
  std::size_t best = 0;
  for (const auto& c : candidates) {
    const std::size_t n = weakOf(c).size();
    if (n < kWeakKeysNeeded || n < best) continue;
    if (n > best) weak_enough.clear();
    best = n;
    weak_enough.push_back(&c);
  }
  if (!weak_enough.empty()) {
    const Candidate* chosen = oldest(weak_enough);
    return Decision{chosen->asset_id, "weak_keys",
                    "matched " + describe(weakOf(*chosen)) + othersNote(weak_enough, chosen)};
  }

  std::string evidence = "no strong key matched and no asset shares two weak keys; identifiers: " +
                         (incoming.empty() ? std::string("none usable") : describe(incoming));
  for (const auto& c : candidates) {
    evidence += "; single weak key " + describe(c.matched) + " of asset " + c.asset_id + " ignored";
  }
  return Decision{std::nullopt, "new_asset", evidence};
}

}  // namespace steward::collector::reconcile
