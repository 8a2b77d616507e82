#include "collector/ingest/sighting_ingest.h"

#include <algorithm>
#include <optional>

#include "collector/ingest/inventory_body_scan.h"
#include "collector/reconcile/attribute_precedence.h"
#include "collector/reconcile/change_detector.h"
#include "collector/reconcile/hardware_conflict.h"
#include "collector/reconcile/identifiers.h"
#include "collector/snmp/topology.h"
#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/http/tls.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::ingest {

using reconcile::Candidate;
using reconcile::Decision;
using storage::AssetTables;
using storage::DecisionRow;
using storage::OutboxItem;
using storage::OutboxTable;
using wire::AssetIdentifier;

namespace {

// A refusal is written on each asset a new one shares a single weak key with; a
// hostname shared by hundreds of machines must not write hundreds of rows.
constexpr std::size_t kMaxRefusalsRecorded = 5;

bool isHardwareKey(const std::string& kind) {
  return kind == reconcile::kSerial || kind == reconcile::kSmbiosUuid;
}

std::string describe(const std::vector<AssetIdentifier>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id.kind + "=" + id.value;
  return out.empty() ? "none" : out;
}

// `ids` without hardware keys flagged as not unique.
Result<std::vector<AssetIdentifier>> usableOf(AssetTables& assets,
                                              std::vector<AssetIdentifier> ids) {
  std::vector<AssetIdentifier> out;
  for (auto& id : ids) {
    if (isHardwareKey(id.kind)) {
      auto flagged = assets.isNonUnique(id);
      if (!flagged) return flagged.error();
      if (*flagged) continue;
    }
    out.push_back(std::move(id));
  }
  return out;
}

// Identifiers of `report` that may identify a machine: not bogus, not flagged.
Result<std::vector<AssetIdentifier>> usableIdentifiers(AssetTables& assets,
                                                       const wire::InventoryReport& report,
                                                       const reconcile::BogusValues& bogus) {
  return usableOf(assets, reconcile::extractIdentifiers(report, bogus));
}

}  // namespace

std::string contentJson(const wire::InventoryReport& report) {
  // Placeholders rather than empty strings: the stored text must still decode.
  return wire::encodeInventoryWith(report, "-", "1970-01-01T00:00:00Z");
}

ReportContent reportContent(const wire::InventoryReport& report, const std::string& source) {
  ReportContent out{contentJson(report), {}};
  const auto scan = scanInventoryBody(out.json, source == wire::kSourceAgent);
  // The encoder writes no nulls or odd types, so the scan always succeeds; were it
  // not to, a hash of the whole text (another scheme) still finds equal content equal.
  out.sha256 = scan ? scan->content_hash : http::sha256Hex(out.json);
  return out;
}

Result<void> recordUnchangedSighting(steward::storage::SqliteDb& db, const Clock& clock,
                                     const std::string& asset_id, const std::string& report_id,
                                     const std::string& agent_id, const std::string& now) {
  AssetTables assets(db);
  if (auto r = assets.touchLastSeen(asset_id, now); !r) return r;
  if (auto r = assets.recordReport(report_id, agent_id, asset_id, now); !r) return r;
  wire::AssetSeen seen;
  seen.event_id = newUuidV7(clock);
  seen.asset_id = asset_id;
  seen.last_seen = now;
  return OutboxTable(db).enqueueSeen(storage::newOutboxItem(
      storage::kOutboxSeen, asset_id, seen.event_id, wire::encodeAssetSeen(seen), now));
}

SightingIngest::SightingIngest(steward::storage::SqliteDb& db, const Clock& clock,
                               const reconcile::Reconciler& reconciler,
                               const reconcile::ReconcileConfig& config, std::string collector_id)
    : db_(db),
      clock_(clock),
      reconciler_(reconciler),
      config_(config),
      collector_id_(std::move(collector_id)) {}

Result<SightingOutcome> SightingIngest::ingest(const wire::InventoryReport& report,
                                               const std::string& source,
                                               const SightingExtras& extras) {
  AssetTables assets(db_);
  SightingOutcome out;
  auto seen = assets.assetForReport(report.report_id);
  if (!seen) return seen.error();
  if (*seen) {
    out.duplicate = true;
    out.asset_id = **seen;
    return out;
  }
  const std::string now = formatRfc3339(clock_.now());
  const auto& bogus = config_.bogus;

  // An agent's sighting binds its agent id to the asset; a source with identifiers
  // of its own (SNMP) has no agent.
  const bool from_agent = extras.identifiers == nullptr && !report.agent_id.empty();
  auto ids = extras.identifiers != nullptr ? usableOf(assets, *extras.identifiers)
                                           : usableIdentifiers(assets, report, bogus);
  if (!ids) return ids.error();
  auto candidates = assets.candidatesFor(*ids);
  if (!candidates) return candidates.error();
  Decision decision = reconciler_.decide(*ids, *candidates);

  std::vector<DecisionRow> decisions;
  // A strong hardware key matched an asset this agent never reported for: make sure
  // the hardware agrees before believing it (cloned VMs share serial and UUID).
  std::optional<std::string> refused_asset;
  std::string refusal;
  if (decision.asset_id && isHardwareKey(decision.rule) && from_agent) {
    auto bound = assets.assetForAgent(report.agent_id);
    if (!bound) return bound.error();
    if (!(*bound && **bound == *decision.asset_id)) {
      auto sightings = assets.sightingsOf(*decision.asset_id);
      if (!sightings) return sightings.error();
      std::optional<std::string> conflict;
      for (const auto& s : *sightings) {
        auto known = wire::decodeInventory(s.report_json);
        if (!known) continue;  // an unreadable old sighting cannot contradict anything
        conflict = reconcile::hardwareConflict(reconcile::hardwareFacts(s.source, *known, bogus),
                                               reconcile::hardwareFacts(source, report, bogus));
        if (conflict) break;
      }
      if (conflict) {
        const auto chosen = std::find_if(
            candidates->begin(), candidates->end(),
            [&](const Candidate& c) { return c.asset_id == *decision.asset_id; });
        std::vector<AssetIdentifier> flagged;
        for (const auto& id : chosen->matched) {
          if (isHardwareKey(id.kind)) flagged.push_back(id);
        }
        refused_asset = decision.asset_id;
        refusal = describe(flagged) + " reported by agent " + report.agent_id +
                  " as well, but the hardware disagrees: " + *conflict +
                  "; flagged as not unique (cloned or badly flashed machine)";
        for (const auto& id : flagged) {
          if (auto r = assets.flagNonUnique(id, now, refusal); !r) return r.error();
        }
        decisions.push_back({*refused_asset, report.report_id, now, "non_unique", refusal, "flag",
                             source, std::nullopt});
        std::erase_if(*ids, [&](const AssetIdentifier& id) {
          return std::find(flagged.begin(), flagged.end(), id) != flagged.end();
        });
        candidates = assets.candidatesFor(*ids);
        if (!candidates) return candidates.error();
        decision = reconciler_.decide(*ids, *candidates);
        if (decision.asset_id == refused_asset) {
          decision = Decision{std::nullopt, "new_asset", "kept apart from " + *refused_asset};
        }
      }
    }
  }

  const bool is_new = !decision.asset_id;
  const std::string asset_id = decision.asset_id.value_or(newUuidV7(clock_));
  out.asset_id = asset_id;
  out.rule = decision.rule;
  out.evidence = decision.evidence;

  bool view_changed = false;
  if (extras.before_record) {
    auto changed = extras.before_record(asset_id, now);
    if (!changed) return changed.error();
    view_changed = *changed;
  }

  const ReportContent computed =
      extras.content != nullptr ? ReportContent{} : reportContent(report, source);
  const ReportContent& own = extras.content != nullptr ? *extras.content : computed;
  const std::string& hash = own.sha256;
  std::optional<storage::SightingRow> head;
  if (!is_new) {
    auto found = assets.sightingHead(asset_id, source);
    if (!found) return found.error();
    head = std::move(*found);
  }
  if (head && !refused_asset && head->agent_id == report.agent_id && head->content_hash == hash &&
      !view_changed) {
    // Unchanged re-inventory: nothing to merge, diff or resend but the sighting.
    out.unchanged = true;
    if (auto r = recordUnchangedSighting(db_, clock_, asset_id, report.report_id,
                                         report.agent_id, now);
        !r) {
      return r.error();
    }
    return out;
  }

  // The asset's other sightings, decoded, for the merge and the change history.
  std::vector<reconcile::SourcedReport> before;
  std::optional<storage::AssetRow> existing;
  if (!is_new) {
    auto row = assets.asset(asset_id);
    if (!row) return row.error();
    existing = std::move(*row);
    auto sightings = assets.sightingsOf(asset_id);
    if (!sightings) return sightings.error();
    for (const auto& s : *sightings) {
      auto decoded = wire::decodeInventory(s.report_json);
      if (decoded) before.push_back({s.source, std::move(*decoded)});
    }
  }
  std::vector<reconcile::SourcedReport> after;
  for (const auto& s : before) {
    if (s.source != source) after.push_back(s);
  }
  after.push_back({source, report});
  // The record names the report just received, unless that came from a source
  // without an agent (SNMP) and an agent's sighting is there to name.
  const std::size_t primary =
      extras.identifiers != nullptr && after.size() > 1 ? 0 : after.size() - 1;
  // A report alone is its own merge: no second copy of its hundreds of packages.
  std::optional<wire::InventoryReport> merged_many;
  if (after.size() > 1) merged_many = reconcile::mergeSightings(after, primary, config_.precedence);
  const wire::InventoryReport& merged = merged_many ? *merged_many : after.front().report;
  if (!before.empty()) {
    const auto previous = reconcile::mergeSightings(before, 0, config_.precedence);
    for (auto& c : reconcile::detectChanges(previous, merged)) {
      c.change_id = newUuidV7(clock_);
      c.asset_id = asset_id;
      c.at = now;
      c.source = source;
      out.changes.push_back(std::move(c));
    }
  }

  storage::AssetRow row{asset_id, existing ? existing->first_seen : now, now, now,
                        merged.system.hostname};
  if (auto r = assets.saveAsset(row); !r) return r.error();
  // The caller may have given only the hash (its memo knew the body): encode now.
  const std::string encoded = own.json.empty() ? contentJson(report) : std::string();
  const std::string& content = own.json.empty() ? encoded : own.json;
  if (auto r = assets.saveSighting({asset_id, source, report.agent_id, hash, content, now}); !r) {
    return r.error();
  }

  // The asset is known by the identifiers of all its sightings.
  std::vector<AssetIdentifier> all_ids = *ids;
  std::vector<AssetIdentifier> stored_before;
  if (!is_new) {
    auto stored = assets.identifiersOf(asset_id);
    if (!stored) return stored.error();
    stored_before = std::move(*stored);
  }
  for (const auto& s : after) {
    if (s.source == source) continue;
    auto more = usableIdentifiers(assets, s.report, bogus);
    if (!more) return more.error();
    if (s.source == wire::kSourceSnmp) {
      // An SNMP sighting's agent id only marks the source; its snmpEngineID is not in
      // the report, so keep the one the asset has.
      std::erase_if(*more, [](const AssetIdentifier& id) { return id.kind == reconcile::kAgentId; });
      for (const auto& id : stored_before) {
        if (id.kind == reconcile::kSnmpEngineId) more->push_back(id);
      }
    }
    for (auto& id : *more) {
      if (std::find(all_ids.begin(), all_ids.end(), id) == all_ids.end()) all_ids.push_back(id);
    }
  }
  auto moved = assets.replaceIdentifiers(asset_id, all_ids);
  if (!moved) return moved.error();
  if (from_agent) {
    if (auto r = assets.bindAgent(report.agent_id, asset_id, now); !r) return r.error();
  }
  if (auto r = assets.recordReport(report.report_id, report.agent_id, asset_id, now); !r) {
    return r.error();
  }

  if (refused_asset) {
    decisions.front().other_asset_id = asset_id;
    decisions.push_back({asset_id, report.report_id, now, "non_unique",
                         "not merged into asset " + *refused_asset + ": " + refusal, "refuse",
                         source, refused_asset});
  }
  if (is_new) {
    decisions.push_back({asset_id, report.report_id, now, decision.rule, decision.evidence, "new",
                         source, std::nullopt});
    std::size_t refusals = 0;
    for (const auto& c : *candidates) {
      if (c.asset_id == refused_asset || ++refusals > kMaxRefusalsRecorded) continue;
      decisions.push_back({c.asset_id, report.report_id, now, "single_weak_key",
                           "a sighting sharing only " + describe(c.matched) +
                               " with this asset was kept apart as asset " + asset_id +
                               " (one weak key never merges)",
                           "refuse", source, asset_id});
    }
  } else if (!head || head->agent_id != report.agent_id) {
    // A sighting joined the asset that was not part of it before (another source,
    // a reinstalled agent): that is a merge worth explaining.
    decisions.push_back({asset_id, report.report_id, now, decision.rule, decision.evidence,
                         "merge", source, std::nullopt});
  }
  for (const auto& m : *moved) {
    decisions.push_back({m.from_asset_id, report.report_id, now, "identifier_moved",
                         m.identifier.kind + "=" + m.identifier.value +
                             " now identifies asset " + asset_id + " (" + source + " report " +
                             report.report_id + ")",
                         "split", source, asset_id});
  }

  for (const auto& d : decisions) {
    if (auto r = assets.recordDecision(d); !r) return r.error();
    wire::ReconcileDecision w;
    w.decision_id = newUuidV7(clock_);
    w.asset_id = d.asset_id;
    w.at = d.at;
    w.action = d.action;
    w.rule = d.rule;
    w.source = d.source;
    w.report_id = d.report_id;
    w.evidence = d.evidence;
    w.other_asset_id = d.other_asset_id;
    out.decisions.push_back(std::move(w));
  }

  auto stored_ids = assets.identifiersOf(asset_id);
  if (!stored_ids) return stored_ids.error();
  // The inventory of a new asset with this one sighting may have been encoded
  // before the transaction (it is the same merge of the same report).
  const bool preencoded = extras.new_asset_inventory != nullptr && before.empty() &&
                          after.size() == 1 && primary == 0;
  wire::AssetRecord record;
  record.event_id = newUuidV7(clock_);
  record.asset_id = asset_id;
  record.collector_id = collector_id_;
  record.first_seen = row.first_seen;
  record.last_seen = row.last_seen;
  record.updated_at = now;
  record.identifiers = std::move(*stored_ids);
  if (!preencoded) record.inventory = merged;
  record.decisions = out.decisions;
  record.changes = out.changes;
  snmp::attachNetworkView(db_, record);  // device facts and switch port SNMP discovery found
  const bool of_sighting =
      preencoded && extras.inventory_is_sighting && source == wire::kSourceAgent;
  std::string payload =
      of_sighting  ? wire::encodeAssetRecordWithoutInventory(record)
      : preencoded ? wire::encodeAssetRecordWith(record, *extras.new_asset_inventory)
                   : wire::encodeAssetRecord(record);
  if (auto r = OutboxTable(db_).enqueue(storage::newOutboxItem(
          of_sighting ? storage::kOutboxAssetOfSighting : storage::kOutboxAsset, asset_id,
          record.event_id, std::move(payload), now));
      !r) {
    return r.error();
  }
  return out;
}

Result<std::optional<wire::AssetRecord>> currentAssetRecord(
    steward::storage::SqliteDb& db, const Clock& clock, const std::string& collector_id,
    const std::string& asset_id, const reconcile::AttributePrecedence& precedence) {
  AssetTables assets(db);
  auto row = assets.asset(asset_id);
  if (!row) return row.error();
  if (!*row) return std::optional<wire::AssetRecord>{};
  auto sightings = assets.sightingsOf(asset_id);
  if (!sightings) return sightings.error();
  std::vector<reconcile::SourcedReport> reports;
  for (const auto& s : *sightings) {
    auto decoded = wire::decodeInventory(s.report_json);
    if (decoded) reports.push_back({s.source, std::move(*decoded)});
  }
  if (reports.empty()) return std::optional<wire::AssetRecord>{};
  auto ids = assets.identifiersOf(asset_id);
  if (!ids) return ids.error();
  wire::AssetRecord record;
  record.event_id = newUuidV7(clock);
  record.asset_id = asset_id;
  record.collector_id = collector_id;
  record.first_seen = (*row)->first_seen;
  record.last_seen = (*row)->last_seen;
  record.updated_at = formatRfc3339(clock.now());
  record.identifiers = std::move(*ids);
  record.inventory = reconcile::mergeSightings(reports, 0, precedence);
  snmp::attachNetworkView(db, record);
  return std::optional<wire::AssetRecord>{std::move(record)};
}

}  // namespace steward::collector::ingest
