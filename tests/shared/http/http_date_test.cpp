#include "shared/http/http_date.h"

#include <gtest/gtest.h>

#include "shared/http/client.h"
#include "shared/http/server.h"

namespace steward::http {
namespace {

using namespace std::chrono;

TEST(HttpDateTest, FormatsAndParsesImfFixdate) {
  const system_clock::time_point t{seconds(784111777)};
  EXPECT_EQ(formatHttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
  EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), t);
  EXPECT_EQ(formatHttpDate(t + milliseconds(999)), "Sun, 06 Nov 1994 08:49:37 GMT");
  const system_clock::time_point leap_day{sys_days{2028y / February / 29} + 23h + 59min + 59s};
  EXPECT_EQ(parseHttpDate(formatHttpDate(leap_day)), leap_day);
}

TEST(HttpDateTest, RejectsEverythingElse) {
  for (const char* bad : {"", "Sun, 06 Nov 1994 08:49:37", "Sunday, 06-Nov-94 08:49:37 GMT",
                          "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 CET",
                          "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                          "Sun, 30 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:61:37 GMT",
                          "Sun, +6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 19x4 08:49:37 GMT"}) {
    EXPECT_FALSE(parseHttpDate(bad)) << bad;
  }
}

TEST(HttpDateTest, ServerSendsDateOnEveryResponse) {
  HttpServer server(HttpServerOptions{}, [](const HttpRequest&) { return jsonOk("{}"); });
  auto port = server.start();
  ASSERT_TRUE(port) << port.error().message;
  BeastHttpClient client;
  const auto before = floor<seconds>(system_clock::now());
  auto response = client.send("http://127.0.0.1:" + std::to_string(*port) + "/", HttpRequest{});
  const auto after = system_clock::now();
  ASSERT_TRUE(response) << response.error().message;
  std::optional<system_clock::time_point> date;
  for (const auto& [name, value] : response->headers) {
    if (name == "Date") date = parseHttpDate(value);
  }
  ASSERT_TRUE(date);
  EXPECT_GE(*date, before);
  EXPECT_LE(*date, after);
  server.stop();
}

}  // namespace
}  // namespace steward::http
