#include "server/api/router.h"

#include <gtest/gtest.h>

#include "server/web/web_ui.h"
#include "tests/server/api/router_fixture.h"

namespace steward::server::testing {
namespace {

using RouterRoutesTest = RouterTest;

TEST_F(RouterRoutesTest, HealthzAnswersOk) {
  const auto response = get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
}

TEST_F(RouterRoutesTest, RootServesTheWebAppUnderAStrictPolicy) {
  const auto page = get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(R"(<script src="/static/app.js" defer></script>)"), std::string::npos);
  EXPECT_NE(page.body.find(R"(<link rel="stylesheet" href="/static/app.css">)"), std::string::npos);
  const auto csp = headerOf(page, "Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos);

  const auto script = get("/static/app.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(script.body.find("No assets yet — start an agent"), std::string::npos);
  EXPECT_NE(script.body.find("'/api/v1/assets?'"), std::string::npos);
  EXPECT_NE(script.body.find("function renderDetail"), std::string::npos);
  // Login page, CSRF token on writes, incident pages.
  EXPECT_NE(script.body.find("function renderLogin"), std::string::npos);
  EXPECT_NE(script.body.find("headers['X-CSRF-Token'] = session.csrf"), std::string::npos);
  EXPECT_NE(script.body.find("function renderIncidents"), std::string::npos);
  EXPECT_NE(script.body.find("function renderIncident("), std::string::npos);
  EXPECT_NE(script.body.find("'/api/v1/incidents?'"), std::string::npos);
  EXPECT_EQ(get("/static/app.css").status, 200);
}

TEST_F(RouterRoutesTest, WebFilesLoadNothingFromElsewhereAndNeverInjectHtml) {
  for (std::string_view file : {web::indexHtml(), web::appJs(), web::appCss()}) {
    EXPECT_EQ(file.find("http://"), std::string_view::npos);
    EXPECT_EQ(file.find("https://"), std::string_view::npos);
    EXPECT_EQ(file.find("//cdn"), std::string_view::npos);
  }
  // Data reaches the DOM only as text (see el() in app_js.cpp).
  EXPECT_EQ(web::appJs().find("innerHTML"), std::string_view::npos);
  EXPECT_EQ(web::appJs().find("insertAdjacentHTML"), std::string_view::npos);
  EXPECT_EQ(web::appJs().find("document.write"), std::string_view::npos);
  // No inline script or style the policy would block.
  EXPECT_EQ(web::indexHtml().find("<script>"), std::string_view::npos);
  EXPECT_EQ(web::indexHtml().find("style="), std::string_view::npos);
}

TEST_F(RouterRoutesTest, UnknownPathIs404Json) {
  const auto response = get("/api/v1/nothing-here");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(errorCode(response), "not_found");
  EXPECT_EQ(get("/static/other.js").status, 404);
}

TEST_F(RouterRoutesTest, WrongMethodIs405WithAllow) {
  const auto on_list = post("/api/v1/assets", "{}");
  EXPECT_EQ(on_list.status, 405);
  EXPECT_EQ(errorCode(on_list), "method_not_allowed");
  EXPECT_EQ(headerOf(on_list, "Allow"), "GET");

  const auto on_ingest = get("/api/v1/collector/assets");
  EXPECT_EQ(on_ingest.status, 405);
  EXPECT_EQ(headerOf(on_ingest, "Allow"), "POST");

  EXPECT_EQ(send("DELETE", "/api/v1/assets/0193a1b2-c3d4-7e5f-8a6b-00000000000a", "", admin_token_)
                .status,
            405);
}

TEST_F(RouterRoutesTest, ApiAnswersAreNotCachedOrSniffed) {
  const auto response = get("/api/v1/assets");
  EXPECT_EQ(headerOf(response, "Cache-Control"), "no-store");
  EXPECT_EQ(headerOf(response, "X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace steward::server::testing
