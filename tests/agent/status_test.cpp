#include "agent/status.h"

#include <gtest/gtest.h>

#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

TEST(StatusTest, SpoolLinesShowDepthKindsSizeAndDrops) {
  steward::testing::TempDir dir;
  steward::testing::FakeClock clock;
  const std::string path = dir.file("spool.db");
  EXPECT_EQ(spoolStatusLines(Spool::inspect(path)),
            "spool depth:   0 (no spool yet)\ndropped:       0\n");

  auto spool = Spool::open(path, SpoolLimits{2, 1 << 20}, clock);
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-1", std::string(3000, 'x')));
  ASSERT_TRUE(spool->push(SpoolKind::Inventory, "inv-2", std::string(3000, 'x')));
  ASSERT_TRUE(spool->push(SpoolKind::Heartbeat, "hb-1", "{}"));  // drops inv-1
  EXPECT_EQ(spoolStatusLines(Spool::inspect(path)),
            "spool depth:   2 (1 inventory, 1 heartbeat; 3 KiB)\n"
            "dropped:       1 since the spool was made, 1 not yet reported to the collector\n");

  dir.write("bad.db", "this is not a database at all, not even close to one......");
  const std::string bad = spoolStatusLines(Spool::inspect(dir.file("bad.db")));
  EXPECT_TRUE(bad.starts_with("spool depth:   unknown (")) << bad;
}

}  // namespace
}  // namespace steward::agent
