#include "shared/http/message.h"

#include <gtest/gtest.h>

namespace steward::http {
namespace {

TEST(HttpRequestTest, HeadersAreCaseInsensitive) {
  HttpRequest r;
  r.setHeader("Content-Type", "application/json");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(r.header("x-missing"), "");
}

TEST(HttpRequestTest, PathAndQuery) {
  HttpRequest r;
  r.target = "/api/v1/assets?page=2&q=web%2001&empty=&flag";
  EXPECT_EQ(r.path(), "/api/v1/assets");
  EXPECT_EQ(r.query("page"), "2");
  EXPECT_EQ(r.query("q"), "web 01");
  EXPECT_EQ(r.query("empty"), "");
  EXPECT_EQ(r.query("flag"), "");
  EXPECT_EQ(r.query("nope"), std::nullopt);
}

TEST(PercentDecodeTest, RejectsBrokenEscapes) {
  EXPECT_EQ(percentDecode("a%2Fb"), "a/b");
  EXPECT_EQ(percentDecode("%"), std::nullopt);
  EXPECT_EQ(percentDecode("%2"), std::nullopt);
  EXPECT_EQ(percentDecode("%zz"), std::nullopt);
}

TEST(ContentTypeTest, JsonWithParametersAndAnyCase) {
  EXPECT_TRUE(isJsonContentType("application/json"));
  EXPECT_TRUE(isJsonContentType("Application/JSON; charset=utf-8"));
  EXPECT_FALSE(isJsonContentType("application/jsonp"));
  EXPECT_FALSE(isJsonContentType("text/plain"));
  EXPECT_FALSE(isJsonContentType(""));
}

TEST(JsonErrorTest, EscapesMessage) {
  const auto r = jsonError(400, "bad", "quote \" and <tag>");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"bad","message":"quote \" and <tag>"}})");
}

}  // namespace
}  // namespace steward::http
