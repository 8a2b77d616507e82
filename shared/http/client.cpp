#include "shared/http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace steward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

BeastHttpClient::BeastHttpClient(std::chrono::milliseconds timeout, std::size_t response_limit)
    : timeout_(timeout), response_limit_(response_limit) {}

Result<HttpResponse> BeastHttpClient::send(const std::string& url, const HttpRequest& request) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return makeError("bad_url", "not a URL: " + url);
  if (parsed->scheme() != "http") {
    return makeError("bad_url", "unsupported scheme in " + url + " (only http:// is supported)");
  }
  const std::string host = parsed->host_address();
  const std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
  std::string target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return makeError("unreachable", "cannot resolve " + host + ": " + ec.message());

  // Each step runs the io_context to completion so the stream's deadline applies.
  stream.expires_after(timeout_);
  stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  ioc.run();
  if (ec) return makeError("unreachable", "cannot connect to " + url + ": " + ec.message());

  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), target, 11};
  req.set(bhttp::field::host, host + ":" + port);
  req.set(bhttp::field::user_agent, "steward");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  ioc.restart();
  bhttp::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
  ioc.run();
  // A server may answer early (413 for a body it refuses) and stop reading: then the
  // write fails, but its response is still worth reading.
  const beast::error_code write_error = ec;

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(response_limit_);
  ioc.restart();
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  ioc.run();
  if (ec && write_error) {
    return makeError("send_failed", "sending to " + url + " failed: " + write_error.message());
  }
  if (ec) {
    return makeError("receive_failed",
                     "reading the reply from " + url + " failed: " + ec.message());
  }

  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[bhttp::field::content_type]);
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(res.body());
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

}  // namespace steward::http
