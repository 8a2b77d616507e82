#pragma once

// How far this machine's clock is from the collector's, from the Date header of the
// collector's last response (RFC 9110: servers with a clock send one). The header
// has whole seconds and the response took time to arrive, so the figure is good to
// about a second: enough to catch a dead RTC or a stopped NTP, which is the point.

#include <optional>
#include <string_view>

#include "shared/common/clock.h"
#include "shared/http/client.h"

namespace steward::agent {

class ClockOffset {
 public:
  // Records `date_header` of a response received at `received_at` (this machine's
  // clock). A header that does not parse leaves the last offset as it was.
  void observe(Clock::WallTime received_at, std::string_view date_header);
  // This clock minus the collector's, seconds, one decimal; positive: we are ahead.
  // nullopt before the first response with a Date header.
  std::optional<double> seconds() const { return seconds_; }

 private:
  std::optional<double> seconds_;
};

// An HttpClient that passes every request to `inner` and hands the Date header of
// each response to `offset`. main() wraps the collector's client in it, so neither
// the run loop nor the collector client need to know.
class ClockOffsetRecorder final : public http::HttpClient {
 public:
  ClockOffsetRecorder(http::HttpClient& inner, const Clock& clock, ClockOffset& offset)
      : inner_(inner), clock_(clock), offset_(offset) {}
  Result<http::HttpResponse> send(const std::string& url,
                                  const http::HttpRequest& request) override;

 private:
  http::HttpClient& inner_;
  const Clock& clock_;
  ClockOffset& offset_;
};

}  // namespace steward::agent
