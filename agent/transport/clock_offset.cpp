#include "agent/transport/clock_offset.h"

#include <cmath>

#include "agent/inventory/linux/text_util.h"
#include "shared/http/http_date.h"

namespace steward::agent {

void ClockOffset::observe(Clock::WallTime received_at, std::string_view date_header) {
  const auto server = http::parseHttpDate(trim(date_header));
  if (!server) return;
  // The header truncates to the second: the collector's clock read somewhere in
  // [Date, Date + 1 s), so compare with the middle of that second.
  const auto server_mid = *server + std::chrono::milliseconds(500);
  const double offset = std::chrono::duration<double>(received_at - server_mid).count();
  seconds_ = std::round(offset * 10.0) / 10.0;
}

Result<http::HttpResponse> ClockOffsetRecorder::send(const std::string& url,
                                                     const http::HttpRequest& request) {
  auto response = inner_.send(url, request);
  if (!response) return response;
  const auto received_at = clock_.now();
  for (const auto& [name, value] : response->headers) {
    if (toLower(name) == "date") {
      offset_.observe(received_at, value);
      break;
    }
  }
  return response;
}

}  // namespace steward::agent
