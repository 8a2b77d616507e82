#include "shared/http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include "shared/http/client.h"

namespace steward::http {
namespace {

// Sends raw bytes to 127.0.0.1:port and returns whatever comes back before close.
std::string rawExchange(std::uint16_t port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!write(fd, bytes.data(), bytes.size());
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpServerOptions options;
    options.body_limit = 1024;
    server_ = std::make_unique<HttpServer>(options, [this](const HttpRequest& r) {
      ++calls_;
      return jsonOk("{\"method\":\"" + r.method + "\",\"path\":\"" + r.path() +
                    "\",\"bytes\":" + std::to_string(r.body.size()) + "}");
    });
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    url_ = "http://127.0.0.1:" + std::to_string(port_);
  }

  std::unique_ptr<HttpServer> server_;
  std::atomic<int> calls_{0};
  std::uint16_t port_ = 0;
  std::string url_;
};

TEST_F(HttpServerTest, RoutesRequestsToTheHandler) {
  BeastHttpClient client;
  HttpRequest req;
  req.method = "POST";
  req.body = "hello";
  auto res = client.send(url_ + "/api/v1/x?y=1", req);
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"method":"POST","path":"/api/v1/x","bytes":5})");
  EXPECT_EQ(calls_, 1);
}

TEST_F(HttpServerTest, OversizedBodyGets413AndNeverReachesTheHandler) {
  BeastHttpClient client;
  HttpRequest req;
  req.method = "POST";
  req.body = std::string(4096, 'x');
  auto res = client.send(url_ + "/upload", req);
  ASSERT_TRUE(res) << res.error().message;
  EXPECT_EQ(res->status, 413);
  EXPECT_NE(res->body.find("body_too_large"), std::string::npos);
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, ClaimedHugeContentLengthIsRefusedWithoutReadingIt) {
  const std::string reply = rawExchange(
      port_, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\nabc");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, MalformedRequestGets400) {
  const std::string reply = rawExchange(port_, "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, StopsAndFreesThePort) {
  server_->stop();
  BeastHttpClient client(std::chrono::seconds(2));
  auto res = client.send(url_ + "/", HttpRequest{});
  EXPECT_FALSE(res);
}

TEST(HttpServerBindTest, BusyPortIsAClearError) {
  HttpServer first(HttpServerOptions{}, [](const HttpRequest&) { return jsonOk("{}"); });
  auto port = first.start();
  ASSERT_TRUE(port);
  HttpServerOptions options;
  options.port = *port;
  HttpServer second(options, [](const HttpRequest&) { return jsonOk("{}"); });
  auto again = second.start();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "bind_failed");
  EXPECT_NE(again.error().message.find(std::to_string(*port)), std::string::npos);
}

TEST(HttpClientTest, RefusedConnectionIsAnError) {
  BeastHttpClient client(std::chrono::seconds(2));
  auto res = client.send("http://127.0.0.1:1/", HttpRequest{});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, "unreachable");
}

TEST(HttpClientTest, UnsupportedSchemeIsAnError) {
  BeastHttpClient client;
  auto res = client.send("ftp://127.0.0.1/", HttpRequest{});
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, "bad_url");
}

}  // namespace
}  // namespace steward::http
