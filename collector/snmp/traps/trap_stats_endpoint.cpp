#include "collector/snmp/traps/trap_stats_endpoint.h"

namespace steward::collector::snmp::traps {

std::optional<http::HttpResponse> trapStatsResponse(const http::HttpRequest& request,
                                                    const TrapStats* stats) {
  if (request.path() != kTrapStatsPath) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") {
    http::HttpResponse r =
        http::jsonError(405, "method_not_allowed",
                        request.method + " is not allowed on " + kTrapStatsPath + "; use GET");
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  if (stats == nullptr) return http::jsonOk(R"({"enabled":false})");
  std::string body = stats->toJson();
  body.insert(1, "\"enabled\":true,");
  return http::jsonOk(std::move(body));
}

}  // namespace steward::collector::snmp::traps
