#include "shared/http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <thread>
#include <type_traits>
#include <vector>

#include "shared/common/log.h"
#include "shared/http/http_date.h"

namespace steward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kMaxBodyReserve = 1024 * 1024;

bhttp::response<bhttp::string_body> toBeast(const HttpResponse& r, unsigned version,
                                           bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "steward");
  // RFC 9110: a server with a clock sends Date; agents report their offset from it.
  // Transport-level like socket deadlines, so the system clock rather than a Clock&.
  res.set(bhttp::field::date, formatHttpDate(std::chrono::system_clock::now()));
  res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : r.headers) res.set(name, value);
  res.body() = r.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// One connection. `Stream` is beast::tcp_stream (http) or an ssl_stream over it
// (https); the TLS-only steps are `if constexpr` so both share every other line.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... StreamArgs>
  Session(const HttpServerOptions& options, const Handler& handler, StreamArgs&&... args)
      : stream_(std::forward<StreamArgs>(args)...), options_(options), handler_(handler) {}

  void run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::start, this->shared_from_this()));
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void start() {
    if constexpr (kTls) {
      lowest().expires_after(options_.read_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) {
                                  logger("http").debug("TLS handshake failed: %s", ec.message());
                                  beast::error_code ignored;
                                  self->lowest().socket().close(ignored);
                                  return;
                                }
                                self->doRead();
                              });
    } else {
      doRead();
    }
  }

  void doRead() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(options_.body_limit);
    lowest().expires_after(options_.read_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::onHeader, this->shared_from_this()));
  }

  // Makes room for the whole announced body before reading it: a small buffer would
  // take an 86 KB inventory in many reads, each a trip through the event loop.
  void onHeader(beast::error_code ec, std::size_t n) {
    if (ec) return onRead(ec, n);  // errors (413, 400, closed) are answered there
    if (const auto length = parser_->content_length(); length && *length > 0) {
      // Capped: a client announcing a huge body and sending nothing must not make
      // every connection hold that much memory.
      const std::size_t want = static_cast<std::size_t>(
          std::min<std::uint64_t>({*length, options_.body_limit, kMaxBodyReserve}));
      if (buffer_.capacity() - buffer_.size() < want) buffer_.reserve(buffer_.size() + want);
    }
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::onRead, this->shared_from_this()));
  }

  void onRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted) {
      return doClose();
    }
    if (ec == bhttp::error::body_limit) {
      return doWrite(jsonError(413, "body_too_large",
                               "request body exceeds the limit of " +
                                   std::to_string(options_.body_limit) + " bytes"),
                     11, false);
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
      return doWrite(jsonError(400, "malformed_request", "malformed HTTP request: " + ec.message()),
                     11, false);
    }
    if (ec) return doClose();

    auto req = parser_->release();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
      request.setHeader(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(req.body());
    beast::error_code ignored;
    const auto remote = lowest().socket().remote_endpoint(ignored);
    if (!ignored) request.remote_address = remote.address().to_string();

    HttpResponse response;
    try {
      response = handler_(request);
    } catch (const std::exception& e) {
      logger("http").error("[target=%s] handler failed: %s", request.target, std::string(e.what()));
      response = jsonError(500, "internal_error", "the server failed to handle the request");
    }
    doWrite(response, req.version(), req.keep_alive());
  }

  void doWrite(const HttpResponse& response, unsigned version, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        toBeast(response, version, keep_alive));
    lowest().expires_after(options_.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = this->shared_from_this(), res](beast::error_code ec, std::size_t) {
                         if (ec || res->need_eof()) return self->doClose();
                         self->doRead();
                       });
  }

  // Half-closes, then reads and discards whatever the client is still sending for a
  // short while. Closing with unread data would make the kernel send a reset, and a
  // client still uploading a refused body would lose our 413 before reading it.
  // Over TLS: a close_notify, then the socket closes.
  void doClose() {
    beast::error_code ec;
    if constexpr (kTls) {
      lowest().expires_after(kDrainTime);
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        self->lowest().socket().close(ignored);
      });
      return;
    }
    lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    lowest().expires_after(kDrainTime);
    doDrain();
  }

  void doDrain() {
    drain_.resize(16 * 1024);
    lowest().async_read_some(asio::buffer(drain_), [self = this->shared_from_this()](
                                                       beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kDrainLimit) return;
      self->doDrain();
    });
  }

  static constexpr std::chrono::seconds kDrainTime{2};
  static constexpr std::size_t kDrainLimit = 256 * 1024 * 1024;
  std::vector<char> drain_;
  std::size_t drained_ = 0;

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const HttpServerOptions& options_;
  const Handler& handler_;
};

// The server's TLS context from the configured PEM files; OpenSSL initializes here,
// on first use, not at program start.
Result<std::unique_ptr<asio::ssl::context>> makeServerTlsContext(const HttpServerOptions& o) {
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
  beast::error_code ec;
  context->use_certificate_chain_file(o.tls_cert_file, ec);
  if (ec) {
    return makeError("tls_config",
                     "cannot load TLS certificate " + o.tls_cert_file + ": " + ec.message());
  }
  context->use_private_key_file(o.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) {
    return makeError("tls_config", "cannot load TLS key " + o.tls_key_file + ": " + ec.message());
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return makeError("tls_config", "TLS key " + o.tls_key_file + " does not match certificate " +
                                       o.tls_cert_file);
  }
  return context;
}

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(options.threads), acceptor(ioc) {}

  void doAccept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      // Responses are written as header then body: send them without Nagle's wait.
      if (!ec) {
        beast::error_code ignored;
        s.set_option(tcp::no_delay(true), ignored);
      }
      if (!ec && tls) {
        std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(options, handler,
                                                                         std::move(s), *tls)
            ->run();
      } else if (!ec) {
        std::make_shared<Session<beast::tcp_stream>>(options, handler, std::move(s))->run();
      }
      doAccept();
    });
  }

  HttpServerOptions options;
  Handler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  std::unique_ptr<asio::ssl::context> tls;  // set when serving https
  std::vector<std::thread> threads;
  bool running = false;
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { stop(); }

Result<std::uint16_t> HttpServer::start() {
  if (!impl_->options.tls_cert_file.empty() || !impl_->options.tls_key_file.empty()) {
    if (impl_->options.tls_cert_file.empty() || impl_->options.tls_key_file.empty()) {
      return makeError("tls_config", "TLS needs both a certificate file and a key file");
    }
    auto context = makeServerTlsContext(impl_->options);
    if (!context) return context.error();
    impl_->tls = std::move(*context);
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) return makeError("bad_address", "not an IP address: " + impl_->options.address);
  const tcp::endpoint endpoint{address, impl_->options.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return makeError("bind_failed", "cannot listen on " + impl_->options.address + ":" +
                                        std::to_string(impl_->options.port) + ": " + ec.message());
  }
  const std::uint16_t port = acceptor.local_endpoint().port();
  impl_->doAccept();
  impl_->running = true;
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return port;
}

void HttpServer::stop() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

void waitForTerminationSignal() {
  asio::io_context ioc;
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int) {});
  ioc.run();
}

}  // namespace steward::http
