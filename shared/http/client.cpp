#include "shared/http/client.h"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace steward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

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

std::string certificateSha256(X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (cert == nullptr || X509_digest(cert, EVP_sha256(), digest, &length) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

}  // namespace

BeastHttpClient::BeastHttpClient(std::chrono::milliseconds timeout, std::size_t response_limit,
                                 TlsClientOptions tls)
    : timeout_(timeout), response_limit_(response_limit), tls_(std::move(tls)) {}

Result<HttpResponse> BeastHttpClient::send(const std::string& url, const HttpRequest& request) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return makeError("bad_url", "not a URL: " + url);
  const bool https = parsed->scheme() == "https";
  if (parsed->scheme() != "http" && !https) {
    return makeError("bad_url", "unsupported scheme in " + url + " (use http:// or https://)");
  }
  std::string pin;
  if (https && !tls_.fingerprint_sha256.empty()) {
    auto normalized = parseFingerprint(tls_.fingerprint_sha256);
    if (!normalized) return normalized.error();
    pin = *normalized;
  }
  const std::string host = parsed->host_address();
  const std::string port =
      parsed->has_port() ? std::string(parsed->port()) : (https ? "443" : "80");
  std::string target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return makeError("unreachable", "cannot resolve " + host + ": " + ec.message());
  const Exchange x{ioc, url, host + ":" + port, target, timeout_, response_limit_};

  const auto connect = [&](beast::tcp_stream& stream) -> Result<void> {
    stream.expires_after(timeout_);
    stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    ioc.run();
    if (ec) return makeError("unreachable", "cannot connect to " + url + ": " + ec.message());
    // Headers and body go out in separate writes; without this, Nagle holds the body
    // until the peer's delayed ACK (about 40 ms per request on Linux).
    beast::error_code ignored;
    stream.socket().set_option(tcp::no_delay(true), ignored);
    return {};
  };

  if (!https) {
    beast::tcp_stream stream(ioc);
    if (auto connected = connect(stream); !connected) return connected.error();
    return exchange(stream, x, request);
  }

  // TLS: the context (and with it OpenSSL's initialization) exists only from here on.
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1);
  if (!tls_.ca_file.empty()) {
    context.load_verify_file(tls_.ca_file, ec);
    if (ec) {
      return makeError("tls_config", "cannot load CA file " + tls_.ca_file + ": " + ec.message());
    }
  } else if (pin.empty()) {
    context.set_default_verify_paths(ec);
  }
  context.set_verify_mode(asio::ssl::verify_peer);
  std::string seen_fingerprint;
  const bool chain_checked = !tls_.ca_file.empty() || pin.empty();
  context.set_verify_callback([&](bool preverified, asio::ssl::verify_context& vc) {
    X509_STORE_CTX* store = vc.native_handle();
    const bool leaf = X509_STORE_CTX_get_error_depth(store) == 0;
    bool ok = chain_checked ? preverified : true;
    if (leaf && !pin.empty()) {
      seen_fingerprint = certificateSha256(X509_STORE_CTX_get_current_cert(store));
      ok = ok && seen_fingerprint == pin;
    }
    return ok;
  });

  beast::ssl_stream<beast::tcp_stream> stream(ioc, context);
  beast::error_code not_ip;
  asio::ip::make_address(host, not_ip);
  const bool is_ip = !not_ip;
  if (chain_checked) {
    // The certificate must name the host we asked for: an IP SAN for an address, a
    // DNS SAN for a name.
    X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
    if (is_ip) {
      X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
    }
  }
  if (!is_ip) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());

  if (auto connected = connect(beast::get_lowest_layer(stream)); !connected) {
    return connected.error();
  }
  beast::get_lowest_layer(stream).expires_after(timeout_);
  ioc.restart();
  stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  ioc.run();
  if (ec) {
    std::string why = ec.message();
    if (!pin.empty() && !seen_fingerprint.empty() && seen_fingerprint != pin) {
      why = "server certificate SHA-256 " + seen_fingerprint + " does not match the pinned " + pin;
    } else if (const long result = SSL_get_verify_result(stream.native_handle());
               result != X509_V_OK) {
      why = std::string("certificate not trusted: ") + X509_verify_cert_error_string(result);
    }
    return makeError("tls_failed", "TLS handshake with " + url + " failed: " + why);
  }
  return exchange(stream, x, request);
}

}  // namespace steward::http
