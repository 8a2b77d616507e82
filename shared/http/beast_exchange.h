#pragma once

// Internal to shared/http's client (.cpp files only, like every Beast header): one
// request/response exchange on a connected stream, shared by the plain http path
// (client.cpp) and the TLS path (openssl_https_sender.cpp, which the agent runs as a
// helper), so both read and limit responses the same way.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>

#include "shared/common/result.h"
#include "shared/http/message.h"

namespace steward::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// What one request needs to know about its connection, for both stream types.
struct Exchange {
  asio::io_context& ioc;
  const std::string& url;
  std::string host_header;
  std::string target;
  std::chrono::milliseconds timeout;
  std::size_t response_limit;
};

// Writes the request and reads the response on a connected (and, for TLS,
// handshaken) stream. Each step runs the io_context to completion so the stream's
// deadline applies.
template <class Stream>
Result<HttpResponse> exchange(Stream& stream, const Exchange& x, const HttpRequest& request) {
  beast::error_code ec;
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), x.target, 11};
  req.set(bhttp::field::host, x.host_header);
  req.set(bhttp::field::user_agent, "steward");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(x.timeout);
  x.ioc.restart();
  bhttp::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
  x.ioc.run();
  // A server may answer early (413 for a body it refuses) and stop reading: then the
  // write fails, but its response is still worth reading.
  const beast::error_code write_error = ec;

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(x.response_limit);
  x.ioc.restart();
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  x.ioc.run();
  if (ec && write_error) {
    return makeError("send_failed", "sending to " + x.url + " failed: " + write_error.message());
  }
  if (ec) {
    std::string hint;
    if (x.url.starts_with("http://")) hint = " (if the server speaks TLS, use https://)";
    return makeError("receive_failed",
                     "reading the reply from " + x.url + " failed: " + ec.message() + hint);
  }

  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[bhttp::field::content_type]);
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(res.body());
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

// Resolves `host`:`port` and connects `stream` within `timeout`. Errors: "unreachable".
inline Result<void> resolveAndConnect(asio::io_context& ioc, beast::tcp_stream& stream,
                                      const std::string& url, const std::string& host,
                                      const std::string& port, std::chrono::milliseconds timeout) {
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return makeError("unreachable", "cannot resolve " + host + ": " + ec.message());
  stream.expires_after(timeout);
  ioc.restart();
  stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  ioc.run();
  if (ec) return makeError("unreachable", "cannot connect to " + url + ": " + ec.message());
  // Headers and body go out in separate writes; without this, Nagle holds the body
  // until the peer's delayed ACK (about 40 ms per request on Linux).
  beast::error_code ignored;
  stream.socket().set_option(tcp::no_delay(true), ignored);
  return {};
}

}  // namespace steward::http::detail
