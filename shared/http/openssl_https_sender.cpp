#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include "shared/http/beast_exchange.h"
#include "shared/http/https_sender.h"

namespace steward::http {

using namespace detail;

namespace {

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

class OpenSslHttpsSender final : public HttpsSender {
 public:
  Result<HttpResponse> send(const HttpsTarget& to, const HttpRequest& request,
                            std::chrono::milliseconds timeout, std::size_t response_limit,
                            const TlsClientOptions& tls) override;
};

Result<HttpResponse> OpenSslHttpsSender::send(const HttpsTarget& to, const HttpRequest& request,
                                              std::chrono::milliseconds timeout,
                                              std::size_t response_limit,
                                              const TlsClientOptions& tls) {
  std::string pin;
  if (!tls.fingerprint_sha256.empty()) {
    auto normalized = parseFingerprint(tls.fingerprint_sha256);
    if (!normalized) return normalized.error();
    pin = *normalized;
  }
  const std::string& host = to.host;
  asio::io_context ioc;
  beast::error_code ec;

  // TLS: the context (and with it OpenSSL's initialization) exists only from here on.
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1);
  if (!tls.ca_file.empty()) {
    context.load_verify_file(tls.ca_file, ec);
    if (ec) {
      return makeError("tls_config", "cannot load CA file " + tls.ca_file + ": " + ec.message());
    }
  } else if (pin.empty()) {
    context.set_default_verify_paths(ec);
  }
  context.set_verify_mode(asio::ssl::verify_peer);
  std::string seen_fingerprint;
  const bool chain_checked = !tls.ca_file.empty() || pin.empty();
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

  if (auto connected =
          resolveAndConnect(ioc, beast::get_lowest_layer(stream), to.url, host, to.port, timeout);
      !connected) {
    return connected.error();
  }
  beast::get_lowest_layer(stream).expires_after(timeout);
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
    return makeError("tls_failed", "TLS handshake with " + to.url + " failed: " + why);
  }
  const Exchange x{ioc, to.url, host + ":" + to.port, to.target, timeout, response_limit};
  return exchange(stream, x, request);
}

}  // namespace

HttpsSender& openSslHttpsSender() {
  static OpenSslHttpsSender sender;
  return sender;
}

}  // namespace steward::http
