#include "server/api/user_endpoints.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "server/api/api_errors.h"
#include "server/api/user_json.h"
#include "server/auth/password_hasher.h"
#include "server/auth/user_service.h"

namespace steward::server {

namespace json = boost::json;

namespace {

constexpr std::string_view kUsers = "/api/v1/users";

http::HttpResponse errorResponse(const Error& error) {
  if (error.code == "conflict" || error.code == "last_admin") {
    return http::jsonError(409, error.code, error.message);
  }
  if (error.code == "malformed_json") return http::jsonError(400, error.code, error.message);
  return repositoryErrorResponse(error);
}

std::string describe(const auth::UserChange& c) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (c.role) add("role=" + std::string(auth::roleName(*c.role)));
  if (c.active) add(std::string("active=") + (*c.active ? "true" : "false"));
  if (c.display_name) add("display_name changed");
  if (c.password) add("password changed");
  return out;
}

}  // namespace

http::HttpResponse UserEndpoints::session(const http::HttpRequest& request,
                                          const std::optional<auth::Principal>& principal) const {
  if (request.method == "POST") return login(request);
  if (request.method != "GET" && request.method != "DELETE") {
    return methodNotAllowed("GET, POST, DELETE");
  }
  if (!principal) {
    return http::jsonError(401, "unauthenticated", "log in first (POST /api/v1/session)");
  }
  if (request.method == "GET") {
    json::object o{{"user", encodeUser(principal->user)}};
    if (principal->via_session) o["csrf_token"] = principal->csrf_token;
    return http::jsonOk(json::serialize(o));
  }
  if (!auth::Authenticator::csrfSatisfied(*principal, request)) {
    return http::jsonError(403, "csrf_failed", "the X-CSRF-Token header is missing or wrong");
  }
  if (auto done = auth_.logout(*principal); !done) return errorResponse(done.error());
  auth_.audit(principal->user.name, "logout", principal->user.name, "", request.remote_address);
  auto response = http::jsonOk(R"({"status":"logged_out"})");
  response.headers.emplace_back("Set-Cookie", auth_.clearedCookie());
  return response;
}

http::HttpResponse UserEndpoints::login(const http::HttpRequest& request) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto body = decodeLogin(request.body);
  if (!body) return errorResponse(body.error());
  auto done = auth_.login(body->name, body->password, request.remote_address);
  if (!done) {
    const auto& error = done.error();
    if (error.code == "rate_limited") {
      auto response = http::jsonError(429, "rate_limited",
                                      "too many login attempts; wait " + error.message + " s");
      response.headers.emplace_back("Retry-After", error.message);
      return response;
    }
    if (error.code == "locked") return http::jsonError(429, "locked", error.message);
    if (error.code == "invalid_credentials") return http::jsonError(401, error.code, error.message);
    return errorResponse(error);
  }
  json::object o{{"user", encodeUser(done->user)}, {"csrf_token", done->csrf_token}};
  auto response = http::jsonOk(json::serialize(o));
  response.headers.emplace_back("Set-Cookie", auth_.sessionCookie(done->session_id));
  return response;
}

std::optional<http::HttpResponse> UserEndpoints::route(const http::HttpRequest& request,
                                                       const auth::Principal& principal) const {
  const std::string path = request.path();
  const std::string& method = request.method;
  if (path == "/api/v1/audit") {
    if (method != "GET") return methodNotAllowed("GET");
    return auditLog(request);
  }
  if (path == kUsers) {
    if (method == "POST") return createUser(request, principal);
    if (method != "GET") return methodNotAllowed("GET, POST");
    auto users = auth_.users().listUsers();
    if (!users) return errorResponse(users.error());
    json::array items;
    for (const auto& user : *users) items.push_back(encodeUser(user));
    return http::jsonOk(json::serialize(json::object{{"items", std::move(items)}}));
  }
  if (!path.starts_with(std::string(kUsers) + "/")) return std::nullopt;
  const std::string rest = path.substr(kUsers.size() + 1);
  const auto slash = rest.find('/');
  const std::string id = rest.substr(0, slash);
  if (id.empty()) return std::nullopt;
  if (slash == std::string::npos) {
    if (method == "PATCH") return patchUser(id, request, principal);
    if (method != "GET") return methodNotAllowed("GET, PATCH");
    auto user = auth_.users().getUser(id);
    if (!user) return errorResponse(user.error());
    return http::jsonOk(json::serialize(encodeUser(*user)));
  }
  const std::string tail = rest.substr(slash + 1);
  if (tail == "tokens") {
    if (method != "GET" && method != "POST") return methodNotAllowed("GET, POST");
    return tokens(id, request, principal);
  }
  if (tail.starts_with("tokens/") && tail.find('/', 7) == std::string::npos && tail.size() > 7) {
    if (method != "DELETE") return methodNotAllowed("DELETE");
    return revokeToken(id, tail.substr(7), request, principal);
  }
  return std::nullopt;
}

http::HttpResponse UserEndpoints::createUser(const http::HttpRequest& request,
                                             const auth::Principal& principal) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto body = decodeNewUser(request.body);
  if (!body) return errorResponse(body.error());
  const bool generated = !body->password;
  const std::string password = generated ? auth::generatePassword() : *body->password;
  auto user = auth::addUser(auth_.users(), auth_.clock(), body->name, body->role,
                            body->display_name, password);
  if (!user) return errorResponse(user.error());
  auth_.audit(principal.user.name, "user.create", user->name,
              "role=" + std::string(auth::roleName(user->role)), request.remote_address);
  json::object o = encodeUser(*user);
  if (generated) o["password"] = password;  // shown this once; only its hash is kept
  auto response = http::jsonOk(json::serialize(o), 201);
  response.headers.emplace_back("Location", std::string(kUsers) + "/" + user->id);
  return response;
}

http::HttpResponse UserEndpoints::patchUser(const std::string& id, const http::HttpRequest& request,
                                            const auth::Principal& principal) const {
  if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  auto body = decodeUserPatch(request.body);
  if (!body) return errorResponse(body.error());
  auth::UserChange change{body->display_name, body->role, body->active, body->password};
  auto user = auth::changeUser(auth_.users(), auth_.clock(), id, change);
  if (!user) return errorResponse(user.error());
  auth_.audit(principal.user.name, "user.update", user->name, describe(change),
              request.remote_address);
  return http::jsonOk(json::serialize(encodeUser(*user)));
}

http::HttpResponse UserEndpoints::tokens(const std::string& id, const http::HttpRequest& request,
                                         const auth::Principal& principal) const {
  auto user = auth_.users().getUser(id);
  if (!user) return errorResponse(user.error());
  if (request.method == "GET") {
    auto list = auth_.users().listTokens(user->id);
    if (!list) return errorResponse(list.error());
    json::array items;
    for (const auto& token : *list) items.push_back(encodeToken(token));
    return http::jsonOk(json::serialize(json::object{{"items", std::move(items)}}));
  }
  if (!request.body.empty()) {
    if (auto refusal = refuseNonJsonBody(request)) return *refusal;
  }
  auto label = decodeTokenLabel(request.body);
  if (!label) return errorResponse(label.error());
  auto issued = auth_.issueToken(user->id, *label);
  if (!issued) return errorResponse(issued.error());
  auth_.audit(principal.user.name, "token.create", user->name,
              "token " + issued->first.id + (label->empty() ? "" : " (" + *label + ")"),
              request.remote_address);
  json::object o = encodeToken(issued->first);
  o["token"] = issued->second;  // shown this once; only its hash is kept
  return http::jsonOk(json::serialize(o), 201);
}

http::HttpResponse UserEndpoints::revokeToken(const std::string& id, const std::string& token_id,
                                              const http::HttpRequest& request,
                                              const auth::Principal& principal) const {
  auto user = auth_.users().getUser(id);
  if (!user) return errorResponse(user.error());
  const std::string now = formatRfc3339(auth_.clock().now());
  if (auto done = auth_.users().revokeToken(user->id, token_id, now); !done) {
    return errorResponse(done.error());
  }
  auth_.audit(principal.user.name, "token.revoke", user->name, "token " + token_id,
              request.remote_address);
  return http::jsonOk(R"({"status":"revoked"})");
}

http::HttpResponse UserEndpoints::auditLog(const http::HttpRequest& request) const {
  std::uint32_t page = 1, per_page = 100;
  for (auto [name, max, target] :
       {std::tuple{"page", 1'000'000u, &page}, std::tuple{"per_page", 500u, &per_page}}) {
    auto v = request.query(name);
    if (!v) continue;
    std::uint32_t value = 0;
    const char* end = v->data() + v->size();
    const auto [ptr, ec] = std::from_chars(v->data(), end, value);
    if (v->empty() || ec != std::errc() || ptr != end || value < 1 || value > max) {
      return http::jsonError(
          400, "invalid_query",
          std::string(name) + ": must be an integer from 1 to " + std::to_string(max));
    }
    *target = value;
  }
  auto entries = auth_.users().listAudit(page, per_page);
  if (!entries) return errorResponse(entries.error());
  json::array items;
  for (const auto& entry : entries->items) items.push_back(encodeAuditEntry(entry));
  return http::jsonOk(json::serialize(json::object{{"items", std::move(items)},
                                                   {"total", entries->total},
                                                   {"page", page},
                                                   {"per_page", per_page}}));
}

}  // namespace steward::server
