#include "shared/http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>
#include <vector>

#include "shared/common/log.h"

namespace steward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;

bhttp::response<bhttp::string_body> toBeast(const HttpResponse& r, unsigned version,
                                           bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "steward");
  res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : r.headers) res.set(name, value);
  res.body() = r.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const HttpServerOptions& options, const Handler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {}

  void run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::doRead, shared_from_this()));
  }

 private:
  void doRead() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(options_.body_limit);
    stream_.expires_after(options_.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::onRead, shared_from_this()));
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
    const auto remote = stream_.socket().remote_endpoint(ignored);
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
    stream_.expires_after(options_.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                         if (ec || res->need_eof()) return self->doClose();
                         self->doRead();
                       });
  }

  // Half-closes, then reads and discards whatever the client is still sending for a
  // short while. Closing with unread data would make the kernel send a reset, and a
  // client still uploading a refused body would lose our 413 before reading it.
  void doClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    stream_.expires_after(kDrainTime);
    doDrain();
  }

  void doDrain() {
    drain_.resize(16 * 1024);
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainLimit) return;
                              self->doDrain();
                            });
  }

  static constexpr std::chrono::seconds kDrainTime{2};
  static constexpr std::size_t kDrainLimit = 256 * 1024 * 1024;
  std::vector<char> drain_;
  std::size_t drained_ = 0;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const HttpServerOptions& options_;
  const Handler& handler_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(options.threads), acceptor(ioc) {}

  void doAccept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) std::make_shared<Session>(std::move(s), options, handler)->run();
      doAccept();
    });
  }

  HttpServerOptions options;
  Handler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  bool running = false;
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { stop(); }

Result<std::uint16_t> HttpServer::start() {
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
