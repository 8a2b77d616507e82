#include "server/api/incident_endpoints.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "server/api/api_errors.h"
#include "server/itsm/incidents/incident_json.h"
#include "shared/common/id.h"
#include "shared/common/log.h"

namespace steward::server {

namespace {

constexpr std::string_view kIncidents = "/api/v1/incidents";
constexpr std::string_view kAssets = "/api/v1/assets/";

http::HttpResponse errorResponse(const Error& error) {
  if (error.code == "invalid_transition" || error.code == "conflict") {
    return http::jsonError(409, error.code, error.message);
  }
  if (error.code == "malformed_json") return http::jsonError(400, error.code, error.message);
  return repositoryErrorResponse(error);
}

// Requesters follow the incidents they raised themselves, nothing else.
bool seesOnlyOwn(const auth::Principal& who) { return who.user.role == auth::Role::Requester; }

std::string ownSource(const auth::Principal& who) { return "person:" + who.user.name; }

Result<itsm::IncidentQuery> parseQuery(const http::HttpRequest& request) {
  itsm::IncidentQuery q;
  auto bad = [](const std::string& name, const std::string& what) {
    return makeError("invalid_query", name + ": " + what);
  };
  if (auto v = request.query("state")) {
    q.state = itsm::parseState(*v);
    if (!q.state)
      return bad("state", "'" + *v + "' is not new, in_progress, on_hold, resolved or closed");
  }
  if (auto v = request.query("priority")) {
    q.priority = itsm::parsePriority(*v);
    if (!q.priority) return bad("priority", "'" + *v + "' is not P1..P5");
  }
  if (auto v = request.query("asset_id")) {
    if (!isUuid(*v)) return bad("asset_id", "'" + *v + "' is not a UUID");
    q.asset_id = *v;
  }
  if (auto v = request.query("assignee")) {
    if (v->empty() || v->size() > 200) return bad("assignee", "must be 1..200 characters");
    q.assignee = *v;
  }
  if (auto v = request.query("source")) {
    if (!(*v == "rule" || *v == "person" || v->starts_with("rule:") || v->starts_with("person:")) ||
        v->size() > 200) {
      return bad("source", "'" + *v + "' is not rule, person, rule:<id> or person:<name>");
    }
    q.source = *v;
  }
  for (auto [name, max, target] :
       {std::tuple{"page", 1'000'000u, &q.page}, std::tuple{"per_page", 500u, &q.per_page}}) {
    auto v = request.query(name);
    if (!v) continue;
    std::uint32_t value = 0;
    const char* end = v->data() + v->size();
    const auto [ptr, ec] = std::from_chars(v->data(), end, value);
    if (v->empty() || ec != std::errc() || ptr != end || value < 1 || value > max) {
      return bad(name, "must be an integer from 1 to " + std::to_string(max));
    }
    *target = value;
  }
  return q;
}

}  // namespace

std::optional<http::HttpResponse> IncidentEndpoints::route(const http::HttpRequest& request,
                                                           const auth::Principal* principal) const {
  const std::string path = request.path();
  const std::string& method = request.method;
  if (path == "/api/v1/collector/incident-events") {
    if (method != "POST") return methodNotAllowed("POST");
    return postEvent(request);
  }
  if (principal == nullptr) return std::nullopt;
  if (path == kIncidents) {
    if (method == "GET") return list(request, *principal);
    if (method == "POST") return create(request, *principal);
    return methodNotAllowed("GET, POST");
  }
  if (path.starts_with(std::string(kIncidents) + "/")) {
    const std::string key = path.substr(kIncidents.size() + 1);
    if (key.empty() || key.find('/') != std::string::npos) return std::nullopt;
    if (method == "GET") return detail(key, *principal);
    if (method == "PATCH") return patch(key, request, *principal);
    return methodNotAllowed("GET, PATCH");
  }
  if (path.starts_with(kAssets) && path.ends_with("/criticality")) {
    const std::string asset_id = path.substr(
        kAssets.size(), path.size() - kAssets.size() - std::string("/criticality").size());
    if (asset_id.find('/') != std::string::npos) return std::nullopt;
    if (method != "PUT") return methodNotAllowed("PUT");
    return putCriticality(asset_id, request);
  }
  return std::nullopt;
}

http::HttpResponse IncidentEndpoints::list(const http::HttpRequest& request,
                                           const auth::Principal& who) const {
  auto query = parseQuery(request);
  if (!query) return http::jsonError(400, query.error().code, query.error().message);
  if (seesOnlyOwn(who)) query->source = ownSource(who);
  auto page = incidents_.list(*query);
  if (!page) return errorResponse(page.error());
  return http::jsonOk(itsm::encodeIncidentPage(*page, *query, clock_.now()));
}

http::HttpResponse IncidentEndpoints::detail(const std::string& key,
                                             const auth::Principal& who) const {
  auto incident = incidents_.get(key);
  if (!incident) return errorResponse(incident.error());
  if (seesOnlyOwn(who) && incident->source != ownSource(who)) {
    return http::jsonError(404, "not_found", "no incident " + key);
  }
  auto timeline = incidents_.timeline(incident->id);
  if (!timeline) return errorResponse(timeline.error());
  auto sent = queue_.forIncident(incident->number);
  if (!sent) return errorResponse(sent.error());
  return http::jsonOk(itsm::encodeIncidentDetail(*incident, *timeline, *sent, clock_.now()));
}

http::HttpResponse IncidentEndpoints::create(const http::HttpRequest& request,
                                             const auth::Principal& who) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  const std::string* actor = &who.user.name;
  auto draft = itsm::decodeNewIncident(request.body);
  if (!draft) return errorResponse(draft.error());
  auto created = service_.create(*draft, *actor);
  if (!created) return errorResponse(created.error());
  logger("server.itsm").information("[incident=" + created->number + "] created by " + *actor);
  auto response = http::jsonOk(itsm::encodeIncident(*created, clock_.now()), 201);
  response.headers.emplace_back("Location", std::string(kIncidents) + "/" + created->number);
  return response;
}

http::HttpResponse IncidentEndpoints::patch(const std::string& key,
                                            const http::HttpRequest& request,
                                            const auth::Principal& who) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  const std::string* actor = &who.user.name;
  auto change = itsm::decodeIncidentPatch(request.body);
  if (!change) return errorResponse(change.error());
  auto updated = service_.update(key, *change, *actor);
  if (!updated) return errorResponse(updated.error());
  return http::jsonOk(itsm::encodeIncident(*updated, clock_.now()));
}

http::HttpResponse IncidentEndpoints::putCriticality(const std::string& asset_id,
                                                     const http::HttpRequest& request) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  if (!isUuid(asset_id)) return http::jsonError(400, "invalid_id", asset_id + " is not a UUID");
  boost::system::error_code ec;
  const auto body = boost::json::parse(request.body, ec);
  if (ec) return http::jsonError(400, "malformed_json", "the body is not valid JSON");
  const auto* object = body.if_object();
  const auto* value = object ? object->if_contains("criticality") : nullptr;
  if (value == nullptr || !value->is_int64() || object->size() != 1) {
    return http::jsonError(400, "invalid_field",
                           "$.criticality: expected 1, 2 or 3 (and nothing else)");
  }
  auto set = incidents_.setAssetCriticality(asset_id, static_cast<int>(value->get_int64()));
  if (!set) return errorResponse(set.error());
  return http::jsonOk(boost::json::serialize(
      boost::json::object{{"asset_id", asset_id}, {"criticality", value->get_int64()}}));
}

http::HttpResponse IncidentEndpoints::postEvent(const http::HttpRequest& request) const {
  const std::string token = TokenVerifier::bearerToken(request.header("authorization"));
  if (!tokens_.verify(token)) {
    auto response =
        http::jsonError(401, "unauthorized", "a valid collector bearer token is required");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto event = wire::decodeIncidentEvent(request.body);
  if (!event) return http::jsonError(400, event.error().code, event.error().message);
  if (!isUuid(event->asset_id)) {
    return http::jsonError(400, "invalid_field",
                           "$.asset_id: '" + event->asset_id + "' is not a UUID");
  }
  auto outcome = service_.applyEvent(*event);
  if (!outcome) return errorResponse(outcome.error());
  logger("server.itsm")
      .debug("[event=" + event->event_id + "] " + event->kind + " " + outcome->status + " " +
             outcome->action);
  boost::json::object o{{"status", outcome->status}, {"action", outcome->action}};
  o["number"] =
      outcome->number ? boost::json::value(*outcome->number) : boost::json::value(nullptr);
  return http::jsonOk(boost::json::serialize(o));
}

}  // namespace steward::server
