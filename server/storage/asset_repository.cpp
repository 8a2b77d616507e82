#include "server/storage/asset_repository.h"

namespace steward::server {

const char* writeOutcomeName(WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::Applied:
      return "applied";
    case WriteOutcome::Duplicate:
      return "duplicate";
    case WriteOutcome::Stale:
      return "stale";
  }
  return "applied";
}

}  // namespace steward::server
