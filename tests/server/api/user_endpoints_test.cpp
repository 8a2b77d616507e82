// People and their rights through the router: roles, API tokens and their
// revocation, logins with wrong passwords, lockout and rate limits, session cookies
// with CSRF protection, hostile input in the login fields, and the audit log.

#include "server/api/user_endpoints.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "server/auth/password_hasher.h"
#include "server/auth/user_service.h"
#include "server/itsm/incidents/sqlite_incident_repository.h"
#include "tests/server/api/router_fixture.h"

namespace steward::server::testing {
namespace {

using namespace std::chrono_literals;
constexpr const char* kPassword = "correct horse battery";
constexpr const char* kAsset = "0193a000-0000-7000-8000-00000000000a";

class UserApiTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    auto opened = itsm::SqliteIncidentRepository::open(dir_.file("server.db"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    incidents_ = std::move(*opened);
    service_.emplace(*incidents_, clock_, policy_, notify_);
    endpoints_.emplace(*service_, *incidents_, *incidents_, clock_, *tokens_);
    router_->setIncidentEndpoints(&*endpoints_);
  }

  // A user who logs in with kPassword.
  void addUser(const std::string& name, auth::Role role) {
    auto made = auth::addUser(*users_, clock_, name, role, "", kPassword);
    ASSERT_TRUE(made) << made.error().message;
  }

  http::HttpResponse login(const std::string& name, const std::string& password,
                           const std::string& from = "127.0.0.1") const {
    http::HttpRequest request;
    request.method = "POST";
    request.target = "/api/v1/session";
    request.remote_address = from;
    request.setHeader("Content-Type", "application/json");
    boost::json::object body{{"name", name}, {"password", password}};
    request.body = boost::json::serialize(body);
    return router_->handle(request);
  }

  struct Session {
    std::string cookie;  // "steward_session=…"
    std::string csrf;
  };
  Session sessionOf(const http::HttpResponse& response) const {
    const auto set_cookie = headerOf(response, "Set-Cookie").value_or("");
    const auto json = parseJson(response);
    return {set_cookie.substr(0, set_cookie.find(';')),
            json.is_object() ? std::string(json.at("csrf_token").as_string()) : ""};
  }

  http::HttpResponse withCookie(const std::string& method, const std::string& target,
                                const std::string& body, const Session& session,
                                bool send_csrf) const {
    http::HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.remote_address = "127.0.0.1";
    if (!body.empty()) request.setHeader("Content-Type", "application/json");
    request.setHeader("Cookie", "theme=dark; " + session.cookie);
    if (send_csrf) request.setHeader("X-CSRF-Token", session.csrf);
    return router_->handle(request);
  }

  std::int64_t userCount() const {
    return static_cast<std::int64_t>(parseJson(get("/api/v1/users")).at("items").as_array().size());
  }

  itsm::IncidentPolicy policy_;
  notify::NotifyConfig notify_;
  std::unique_ptr<itsm::SqliteIncidentRepository> incidents_;
  std::optional<itsm::IncidentService> service_;
  std::optional<IncidentEndpoints> endpoints_;
};

TEST_F(UserApiTest, WithoutCredentialsEveryApiPathIs401ButHealthAndPageAreOpen) {
  for (const char* path : {"/api/v1/assets", "/api/v1/incidents", "/api/v1/users", "/api/v1/audit",
                           "/api/v1/assets/x/reconciliation", "/api/v2/x"}) {
    auto response = send("GET", path, "", std::nullopt);
    EXPECT_EQ(response.status, 401) << path;
    EXPECT_EQ(errorCode(response), "unauthenticated") << path;
    EXPECT_EQ(headerOf(response, "WWW-Authenticate"), "Bearer") << path;
  }
  EXPECT_EQ(send("GET", "/api/v1/assets", "", "stw_" + std::string(64, 'a')).status, 401);
  EXPECT_EQ(send("GET", "/api/v1/assets", "", std::string(kToken)).status, 401)
      << "the collector token is not a person's";
  EXPECT_EQ(send("GET", "/healthz", "", std::nullopt).status, 200);
  EXPECT_EQ(send("GET", "/", "", std::nullopt).status, 200);
}

TEST_F(UserApiTest, EachRoleGetsWhatItMayAnd403ForTheRest) {
  const std::string viewer = tokenFor("vera", auth::Role::Viewer);
  const std::string tech = tokenFor("tom", auth::Role::Technician);
  const std::string requester = tokenFor("rita", auth::Role::Requester);
  const std::string incident = R"({"title":"Printer jams"})";

  EXPECT_EQ(send("GET", "/api/v1/assets", "", viewer).status, 200);
  EXPECT_EQ(send("GET", "/api/v1/incidents", "", viewer).status, 200);
  auto viewer_write = send("POST", "/api/v1/incidents", incident, viewer);
  EXPECT_EQ(viewer_write.status, 403);
  EXPECT_EQ(errorCode(viewer_write), "forbidden");
  EXPECT_EQ(send("GET", "/api/v1/users", "", viewer).status, 403);

  ASSERT_EQ(send("POST", "/api/v1/incidents", incident, tech).status, 201);
  EXPECT_EQ(
      send("PATCH", "/api/v1/incidents/INC0000001", R"({"state":"in_progress"})", tech).status,
      200);
  EXPECT_EQ(send("PUT", std::string("/api/v1/assets/") + kAsset + "/criticality",
                 R"({"criticality":1})", tech)
                .status,
            200);
  EXPECT_EQ(send("GET", "/api/v1/users", "", tech).status, 403);
  EXPECT_EQ(send("POST", "/api/v1/users", R"({"name":"x","role":"admin"})", tech).status, 403);
  EXPECT_EQ(send("GET", "/api/v1/audit", "", tech).status, 403);

  // Requesters raise incidents and follow their own; the rest is invisible to them.
  auto mine = send("POST", "/api/v1/incidents", R"({"title":"My laptop is slow"})", requester);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(parseJson(mine).at("number").as_string(), "INC0000002");
  auto list = parseJson(send("GET", "/api/v1/incidents", "", requester));
  ASSERT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(list.at("items").at(0).at("title").as_string(), "My laptop is slow");
  EXPECT_EQ(send("GET", "/api/v1/incidents/INC0000002", "", requester).status, 200);
  EXPECT_EQ(send("GET", "/api/v1/incidents/INC0000001", "", requester).status, 404);
  EXPECT_EQ(
      send("PATCH", "/api/v1/incidents/INC0000002", R"({"state":"resolved"})", requester).status,
      403);
  EXPECT_EQ(send("GET", "/api/v1/assets", "", requester).status, 403);
  EXPECT_EQ(parseJson(get("/api/v1/incidents")).at("total").as_int64(), 2);
}

TEST_F(UserApiTest, AdminCreatesUsersWithAGeneratedPasswordShownOnce) {
  auto created = post("/api/v1/users", R"({"name":"bob","role":"technician"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto json = parseJson(created);
  const std::string password(json.at("password").as_string());
  EXPECT_GE(password.size(), 20u);
  EXPECT_EQ(json.at("role").as_string(), "technician");
  const std::string id(json.at("id").as_string());
  auto fetched = get("/api/v1/users/" + id);
  EXPECT_EQ(fetched.body.find("password"), std::string::npos) << fetched.body;
  EXPECT_EQ(get("/api/v1/users").body.find("pbkdf2"), std::string::npos);
  EXPECT_EQ(login("bob", password).status, 200);
  EXPECT_EQ(login("BOB", password).status, 200) << "names are case-insensitive";

  EXPECT_EQ(post("/api/v1/users", R"({"name":"Bob","role":"viewer"})").status, 409);
  EXPECT_EQ(post("/api/v1/users", R"({"name":"eve","role":"root"})").status, 400);
  EXPECT_EQ(post("/api/v1/users", R"({"name":"eve","role":"viewer","password":"short"})").status,
            400);
  EXPECT_EQ(post("/api/v1/users", R"({"name":"eve","role":"viewer","is_admin":true})").status, 400);
  EXPECT_EQ(userCount(), 2);

  auto demoted = send("PATCH", "/api/v1/users/" + id, R"({"role":"viewer"})", admin_token_);
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  EXPECT_EQ(parseJson(demoted).at("role").as_string(), "viewer");
  auto last_admin = send("PATCH", "/api/v1/users/admin", R"({"active":false})", admin_token_);
  EXPECT_EQ(last_admin.status, 409);
  EXPECT_EQ(errorCode(last_admin), "last_admin");
}

TEST_F(UserApiTest, TokensAreShownOnceAndStopWorkingWhenRevokedOrTheUserIsDisabled) {
  addUser("carol", auth::Role::Viewer);
  auto issued = post("/api/v1/users/carol/tokens", R"({"label":"grafana"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token(parseJson(issued).at("token").as_string());
  const std::string token_id(parseJson(issued).at("id").as_string());
  EXPECT_TRUE(token.starts_with("stw_"));
  EXPECT_EQ(send("GET", "/api/v1/assets", "", token).status, 200);
  auto listed = get("/api/v1/users/carol/tokens");
  EXPECT_EQ(listed.body.find(token), std::string::npos) << "the secret is never listed";
  EXPECT_EQ(parseJson(listed).at("items").at(0).at("label").as_string(), "grafana");

  ASSERT_EQ(send("DELETE", "/api/v1/users/carol/tokens/" + token_id, "", admin_token_).status, 200);
  EXPECT_EQ(send("GET", "/api/v1/assets", "", token).status, 401);
  EXPECT_FALSE(
      parseJson(get("/api/v1/users/carol/tokens")).at("items").at(0).at("revoked_at").is_null());
  EXPECT_EQ(send("DELETE", "/api/v1/users/carol/tokens/nope", "", admin_token_).status, 404);

  const std::string second = tokenFor("carol", auth::Role::Viewer);
  EXPECT_EQ(send("GET", "/api/v1/assets", "", second).status, 200);
  ASSERT_EQ(send("PATCH", "/api/v1/users/carol", R"({"active":false})", admin_token_).status, 200);
  EXPECT_EQ(send("GET", "/api/v1/assets", "", second).status, 401);
  EXPECT_EQ(login("carol", kPassword).status, 401);
}

TEST_F(UserApiTest, WrongPasswordsLockTheAccountAfterFiveTries) {
  addUser("dave", auth::Role::Technician);
  auto wrong = login("dave", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(errorCode(wrong), "invalid_credentials");
  EXPECT_EQ(headerOf(wrong, "Set-Cookie"), std::nullopt);
  auto unknown = login("nobody", kPassword);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(errorMessage(unknown), errorMessage(wrong))
      << "unknown names look like wrong passwords";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(login("dave", "still wrong").status, 401);
  auto locked = login("dave", kPassword);
  EXPECT_EQ(locked.status, 429) << "the right password does not open a locked account";
  EXPECT_EQ(errorCode(locked), "locked");
  clock_.advance(16min);
  auto opened = login("dave", kPassword);
  EXPECT_EQ(opened.status, 200) << opened.body;
  const auto audit = get("/api/v1/audit").body;
  EXPECT_NE(audit.find("login.lockout"), std::string::npos);
  EXPECT_NE(audit.find("login.failed"), std::string::npos);
}

TEST_F(UserApiTest, OneAddressIsSlowedDownAfterTooManyAttempts) {
  EXPECT_EQ(auth::AuthOptions{}.attempts_per_address, 20);
  auth::AuthOptions options;
  options.attempts_per_address = 3;  // each attempt costs a password hash: keep it short
  auth_.emplace(*users_, clock_, options);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login("ghost" + std::to_string(i), "x", "10.9.9.9").status, 401);
  auto limited = login("ghost", "x", "10.9.9.9");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(errorCode(limited), "rate_limited");
  EXPECT_TRUE(headerOf(limited, "Retry-After"));
  EXPECT_EQ(login("ghost", "x", "10.9.9.10").status, 401) << "other addresses are not affected";
  clock_.advance(61s);
  EXPECT_EQ(login("ghost", "x", "10.9.9.9").status, 401);
}

TEST_F(UserApiTest, SessionCookieIsHttpOnlyStrictAndWritesNeedTheCsrfToken) {
  addUser("erin", auth::Role::Technician);
  auto ok = login("erin", kPassword);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto set_cookie = headerOf(ok, "Set-Cookie").value_or("");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(set_cookie.find("Path=/"), std::string::npos);
  const Session session = sessionOf(ok);
  ASSERT_EQ(session.csrf.size(), 64u);

  auto me = withCookie("GET", "/api/v1/session", "", session, false);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(parseJson(me).at("user").at("name").as_string(), "erin");
  EXPECT_EQ(parseJson(me).at("csrf_token").as_string(), session.csrf);
  EXPECT_EQ(withCookie("GET", "/api/v1/incidents", "", session, false).status, 200);

  const std::string body = R"({"title":"Forged"})";
  auto forged = withCookie("POST", "/api/v1/incidents", body, session, false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(errorCode(forged), "csrf_failed");
  Session wrong = session;
  wrong.csrf = std::string(64, '0');
  EXPECT_EQ(withCookie("POST", "/api/v1/incidents", body, wrong, true).status, 403);
  EXPECT_EQ(parseJson(get("/api/v1/incidents")).at("total").as_int64(), 0);
  EXPECT_EQ(withCookie("POST", "/api/v1/incidents", body, session, true).status, 201);

  EXPECT_EQ(withCookie("DELETE", "/api/v1/session", "", session, false).status, 403);
  auto out = withCookie("DELETE", "/api/v1/session", "", session, true);
  ASSERT_EQ(out.status, 200);
  EXPECT_NE(headerOf(out, "Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(withCookie("GET", "/api/v1/incidents", "", session, false).status, 401);
}

TEST_F(UserApiTest, SessionsEndAfterIdling) {
  addUser("fay", auth::Role::Viewer);
  const Session session = sessionOf(login("fay", kPassword));
  clock_.advance(7h);
  EXPECT_EQ(withCookie("GET", "/api/v1/assets", "", session, false).status, 200);
  clock_.advance(8h + 1s);
  EXPECT_EQ(withCookie("GET", "/api/v1/assets", "", session, false).status, 401);
}

TEST_F(UserApiTest, HostileLoginInputIsRefusedAndChangesNothing) {
  addUser("gina", auth::Role::Viewer);
  for (const std::string& name : std::vector<std::string>{
           "gina' OR '1'='1", "gina'--", "\" OR \"\"=\"", "gina; DROP TABLE users;--",
           "<script>alert(1)</script>", "gina\n", "*", "%", "gina%", "gin_"}) {
    auto response = login(name, kPassword);
    EXPECT_EQ(response.status, 401) << name;
    EXPECT_EQ(headerOf(response, "Set-Cookie"), std::nullopt) << name;
  }
  for (const std::string& password :
       {std::string("' OR '1'='1"), std::string("\" OR 1=1 --"), std::string("a\0b", 3)}) {
    EXPECT_EQ(login("gina", password).status, 401);
  }
  // Oversized, wrongly typed, malformed and non-JSON bodies.
  EXPECT_EQ(login(std::string(257, 'a'), kPassword).status, 400);
  EXPECT_EQ(login("gina", std::string(1025, 'p')).status, 400);
  for (const std::string& body : std::vector<std::string>{
           R"({"name":["gina"],"password":"x"})", R"({"name":"gina","password":1})",
           R"({"name":"gina"})", R"({"name":"gina","password":"x","role":"admin"})", "{nope",
           R"(["gina","x"])"}) {
    auto response = send("POST", "/api/v1/session", body, std::nullopt);
    EXPECT_EQ(response.status, 400) << body;
  }
  auto form = post("/api/v1/session", "name=gina&password=x", std::nullopt,
                   "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  // Still exactly the two users, and gina's password still works.
  EXPECT_EQ(userCount(), 2);
  EXPECT_EQ(login("gina", kPassword).status, 200);
  // Markup cannot be stored as a user name either.
  EXPECT_EQ(post("/api/v1/users", R"({"name":"<img src=x>","role":"viewer"})").status, 400);
}

TEST_F(UserApiTest, AuditLogRecordsWhoChangedWhat) {
  ASSERT_EQ(post("/api/v1/users", R"({"name":"hal","role":"viewer"})").status, 201);
  ASSERT_EQ(post("/api/v1/incidents", R"({"title":"Disk noise"})").status, 201);
  auto audit = get("/api/v1/audit");
  ASSERT_EQ(audit.status, 200);
  const auto items = parseJson(audit).at("items").as_array();
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0].at("actor").as_string(), "admin");
  EXPECT_EQ(items[0].at("action").as_string(), "POST /api/v1/incidents");
  EXPECT_EQ(items[1].at("action").as_string(), "user.create");
  EXPECT_EQ(items[1].at("target").as_string(), "hal");
  EXPECT_FALSE(items[0].at("at").as_string().empty());
  EXPECT_EQ(get("/api/v1/audit?per_page=0").status, 400);
}

}  // namespace
}  // namespace steward::server::testing
