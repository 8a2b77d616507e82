#include "shared/http/client.h"

#include <boost/url/parse.hpp>

#include "shared/http/beast_exchange.h"

namespace steward::http {

using namespace detail;

BeastHttpClient::BeastHttpClient(std::chrono::milliseconds timeout, std::size_t response_limit,
                                 TlsClientOptions tls, HttpsSender& https)
    : timeout_(timeout), response_limit_(response_limit), tls_(std::move(tls)), https_(https) {}

Result<HttpResponse> BeastHttpClient::send(const std::string& url, const HttpRequest& request) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return makeError("bad_url", "not a URL: " + url);
  const bool https = parsed->scheme() == "https";
  if (parsed->scheme() != "http" && !https) {
    return makeError("bad_url", "unsupported scheme in " + url + " (use http:// or https://)");
  }
  const std::string host = parsed->host_address();
  const std::string port =
      parsed->has_port() ? std::string(parsed->port()) : (https ? "443" : "80");
  std::string target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  // TLS (and with it OpenSSL) is the sender's business, so plain http never loads it.
  if (https)
    return https_.send({url, host, port, target}, request, timeout_, response_limit_, tls_);

  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  if (auto connected = resolveAndConnect(ioc, stream, url, host, port, timeout_); !connected) {
    return connected.error();
  }
  const Exchange x{ioc, url, host + ":" + port, target, timeout_, response_limit_};
  return exchange(stream, x, request);
}

}  // namespace steward::http
