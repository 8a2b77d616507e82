#include "agent/transport/clock_offset.h"

#include <gtest/gtest.h>

#include "tests/agent/fake_http_client.h"
#include "tests/support/fake_clock.h"

namespace steward::agent {
namespace {

using namespace std::chrono_literals;

// 1'790'000'000 s since the epoch, FakeClock's start.
constexpr const char* kFakeStart = "Mon, 21 Sep 2026 14:13:20 GMT";

http::HttpResponse withDate(const std::string& date) {
  http::HttpResponse r;
  r.status = 202;
  r.headers.emplace_back("Date", date);
  return r;
}

TEST(ClockOffsetTest, AgentAheadBehindAndInStep) {
  steward::testing::FakeClock clock;
  ClockOffset offset;
  EXPECT_FALSE(offset.seconds());
  offset.observe(clock.now() + 90s, kFakeStart);
  EXPECT_EQ(offset.seconds(), 89.5);  // the header's second is taken at its middle
  offset.observe(clock.now() - 3600s, kFakeStart);
  EXPECT_EQ(offset.seconds(), -3600.5);
  offset.observe(clock.now() + 500ms, kFakeStart);
  EXPECT_EQ(offset.seconds(), 0.0);
}

TEST(ClockOffsetTest, GarbageDateKeepsTheLastOffset) {
  steward::testing::FakeClock clock;
  ClockOffset offset;
  offset.observe(clock.now() + 10500ms, kFakeStart);
  for (const char* bad :
       {"", "yesterday", "Mon, 21 Sep 2026 14:13:20 UTC", "Monday, 21-Sep-26 14:13:20 GMT",
        "Mon, 31 Sep 2026 14:13:20 GMT", "Mon, 21 Sep 2026 25:13:20 GMT",
        "Mon, 21 Sep 2026 14:13:20 GMT junk", "Mon, 21 Sep 2026 14:13:20 GMT\r\nX: y"}) {
    offset.observe(clock.now(), bad);
    EXPECT_EQ(offset.seconds(), 10.0) << bad;
  }
}

TEST(ClockOffsetRecorderTest, RecordsTheDateOfEveryResponse) {
  steward::testing::FakeClock clock;
  testing::FakeHttpClient inner;
  ClockOffset offset;
  ClockOffsetRecorder recorder(inner, clock, offset);
  Result<http::HttpResponse> next = withDate(kFakeStart);
  inner.respondWith([&](const auto&) { return next; });
  clock.advance(120'500ms);
  auto response = recorder.send("http://collector/api/v1/agent/heartbeat", {});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 202);  // passed through unchanged
  EXPECT_EQ(offset.seconds(), 120.0);
  // No answer at all, or one without a Date: the offset stays.
  next = makeError("unreachable", "down");
  EXPECT_FALSE(recorder.send("http://collector/x", {}));
  next = http::HttpResponse{};
  EXPECT_TRUE(recorder.send("http://collector/x", {}));
  EXPECT_EQ(offset.seconds(), 120.0);
  // A lower-case header name counts the same.
  http::HttpResponse lower;
  lower.headers.emplace_back("date", kFakeStart);
  next = lower;
  clock.advance(-60'000ms);
  EXPECT_TRUE(recorder.send("http://collector/x", {}));
  EXPECT_EQ(offset.seconds(), 60.0);
}

}  // namespace
}  // namespace steward::agent
