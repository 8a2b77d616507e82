#pragma once

// A scripted HttpClient: answers requests in order from a queue of replies (the last
// one repeats) and records every request.

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "shared/http/client.h"

namespace steward::agent::testing {

class FakeHttpClient final : public http::HttpClient {
 public:
  struct Sent {
    std::string url;
    http::HttpRequest request;
  };

  void reply(http::HttpResponse response) { script_.emplace_back(std::move(response)); }
  void reply(int status, std::string body = "{}") {
    http::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    reply(std::move(r));
  }
  void fail(std::string code, std::string message) {
    script_.emplace_back(makeError(std::move(code), std::move(message)));
  }

  // Answers every request with `handler` instead of the queue.
  void respondWith(std::function<Result<http::HttpResponse>(const Sent&)> handler) {
    handler_ = std::move(handler);
  }

  Result<http::HttpResponse> send(const std::string& url,
                                  const http::HttpRequest& request) override {
    requests.push_back({url, request});
    if (handler_) return handler_(requests.back());
    if (script_.empty()) return makeError("connect_failed", "no reply scripted");
    Result<http::HttpResponse> next = script_.front();
    if (script_.size() > 1) script_.pop_front();
    return next;
  }

  // Paths of the requests sent so far ("/api/v1/agent/inventory", ...), in order.
  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const auto& sent : requests) out.push_back(sent.url.substr(sent.url.find("/api/")));
    return out;
  }

  std::vector<Sent> requests;

 private:
  std::deque<Result<http::HttpResponse>> script_;
  std::function<Result<http::HttpResponse>(const Sent&)> handler_;
};

}  // namespace steward::agent::testing
