#include "collector/outbox/retry_policy.h"

#include <gtest/gtest.h>

namespace steward::collector::outbox {
namespace {

using namespace std::chrono_literals;

TEST(RetryPolicyTest, ClassifiesServerAnswers) {
  EXPECT_EQ(classifyStatus(200), Delivery::Delivered);
  EXPECT_EQ(classifyStatus(201), Delivery::Delivered);
  EXPECT_EQ(classifyStatus(429), Delivery::Retry);
  EXPECT_EQ(classifyStatus(503), Delivery::Retry);
  EXPECT_EQ(classifyStatus(500), Delivery::Retry);
  EXPECT_EQ(classifyStatus(401), Delivery::Retry);
  EXPECT_EQ(classifyStatus(400), Delivery::Refused);
  EXPECT_EQ(classifyStatus(404), Delivery::Refused);
  EXPECT_EQ(classifyStatus(422), Delivery::Refused);
}

TEST(RetryPolicyTest, BackoffDoublesUpToTheCap) {
  EXPECT_EQ(backoffDelay(1, 30s, 1.0), 1s);
  EXPECT_EQ(backoffDelay(2, 30s, 1.0), 2s);
  EXPECT_EQ(backoffDelay(5, 30s, 1.0), 16s);
  EXPECT_EQ(backoffDelay(6, 30s, 1.0), 30s);
  EXPECT_EQ(backoffDelay(1000, 30s, 1.0), 30s);
}

TEST(RetryPolicyTest, JitterScalesBetweenHalfAndFull) {
  EXPECT_EQ(backoffDelay(3, 30s, 0.5), 2s);
  EXPECT_EQ(backoffDelay(3, 30s, 0.0), 2s) << "clamped to half";
  EXPECT_EQ(backoffDelay(3, 30s, 7.0), 4s) << "clamped to full";
}

TEST(RetryPolicyTest, ReadsNumericRetryAfterOnly) {
  http::HttpResponse r;
  EXPECT_FALSE(retryAfter(r).has_value());
  r.headers = {{"retry-after", "7"}};
  EXPECT_EQ(retryAfter(r), 7s);
  r.headers = {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}};
  EXPECT_FALSE(retryAfter(r).has_value());
}

}  // namespace
}  // namespace steward::collector::outbox
