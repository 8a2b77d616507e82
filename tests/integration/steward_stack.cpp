#include "tests/integration/steward_stack.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <fstream>

#include "shared/http/client.h"
#include "shared/http/tls.h"

namespace steward::testing {

namespace json = boost::json;
using namespace std::chrono_literals;

StewardStack::StewardStack() = default;

StewardStack::~StewardStack() {
  agent_.reset();
  collector_.reset();
  server_.reset();
}

int StewardStack::readPortFile(const std::string& path, ChildProcess& process) const {
  int port = 0;
  const bool ok = waitUntil(
      [&] {
        std::ifstream in(path);
        return static_cast<bool>(in >> port) && port > 0;
      },
      20s);
  EXPECT_TRUE(ok) << "no port file " << path << "; log:\n" << process.log();
  return port;
}

std::pair<int, std::string> StewardStack::userCommand(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"user"};
  argv.insert(argv.end(), args.begin(), args.end());
  for (const std::string& extra :
       {std::string("--config"), dir_.file("server.conf"), std::string("--set"),
        "storage.path=" + dir_.file("server.db")}) {
    argv.push_back(extra);
  }
  static int runs = 0;
  const std::string log = dir_.file("user-command-" + std::to_string(++runs) + ".log");
  ChildProcess command(binaryPath("steward-server"), argv, log);
  const int status = command.wait(30s);
  return {status, command.log()};
}

// The first admin comes from the command line, as in a real install: there is no
// default account. Its password goes to a 0600 file; the token is the last line.
void StewardStack::createAdmin() {
  if (!admin_token_.empty()) return;
  const std::string password_file = dir_.file("admin-password");
  auto [added, added_log] =
      userCommand({"add", "--name", "admin", "--role", "admin", "--password-file", password_file});
  ASSERT_EQ(added, 0) << added_log;
  admin_password_ = readFile(password_file);
  while (!admin_password_.empty() && admin_password_.back() == '\n') admin_password_.pop_back();
  auto [issued, token_log] = userCommand({"token", "--name", "admin", "--label", "integration"});
  ASSERT_EQ(issued, 0) << token_log;
  std::string token = token_log;
  while (!token.empty() && token.back() == '\n') token.pop_back();
  admin_token_ = token.substr(token.rfind('\n') == std::string::npos ? 0 : token.rfind('\n') + 1);
  ASSERT_TRUE(admin_token_.starts_with("stw_")) << token_log;
}

void StewardStack::startServerAndCollector() {
  const std::string conf =
      dir_.write("server.conf", "[auth]\ncollector_token_sha256 = " + http::sha256Hex(token_) +
                                    "\n[log]\nlevel = debug\n");
  createAdmin();
  server_ = std::make_unique<ChildProcess>(
      binaryPath("steward-server"),
      std::vector<std::string>{"--config", conf, "--set", "http.port=0", "--set",
                               "http.port_file=" + dir_.file("server.port"), "--set",
                               "storage.path=" + dir_.file("server.db")},
      dir_.file("server.log"));
  server_port_ = readPortFile(dir_.file("server.port"), *server_);
  startCollector();
}

void StewardStack::startCollector() {
  std::filesystem::remove(dir_.file("collector.port"));
  const std::string conf =
      dir_.write("collector.conf", "[server]\nurl = " + serverUrl() + "\ntoken = " + token_ +
                                       "\n[enroll]\ntoken_sha256 = " + http::sha256Hex(enroll_token_) +
                                       "\n[log]\nlevel = debug\n" + collector_extra_config_);
  std::vector<std::string> args{"--config", conf, "--set",
                                "http.port=" + std::to_string(collector_port_), "--set",
                                "http.port_file=" + dir_.file("collector.port"), "--set",
                                "storage.path=" + dir_.file("collector.db")};
  for (const auto& setting : collector_settings_) {
    args.push_back("--set");
    args.push_back(setting);
  }
  collector_ = std::make_unique<ChildProcess>(binaryPath("steward-collector"), args,
                                              dir_.file("collector.log"));
  collector_port_ = readPortFile(dir_.file("collector.port"), *collector_);
  ASSERT_TRUE(waitUntil([&] { return get(collectorUrl() + "/healthz").status == 200; }, 10s));
  ASSERT_TRUE(waitUntil([&] { return get(serverUrl() + "/healthz").status == 200; }, 10s));
}

void StewardStack::stopCollector() {
  if (collector_) {
    EXPECT_EQ(collector_->stop(), 0) << "collector did not exit cleanly";
  }
  collector_.reset();
}

void StewardStack::enrollAgent(const std::string& state_name, int heartbeat_seconds) {
  const std::string conf = dir_.write(
      "agent-" + state_name + ".conf",
      "[collector]\nurl = " + collectorUrl() +
          "\nallow_insecure_http = true\n[agent]\nstate_dir = " + dir_.file("state-" + state_name) +
          "\nheartbeat_interval_seconds = " + std::to_string(heartbeat_seconds) +
          "\n[log]\nlevel = debug\n");
  {
    ChildProcess enroll(binaryPath("steward-agent"),
                        {"enroll", "--config", conf, "--token", enroll_token_},
                        dir_.file("enroll-" + state_name + ".log"));
    ASSERT_EQ(enroll.wait(20s), 0) << "enrollment failed:\n" << enroll.log();
  }
}

void StewardStack::startAgent(const std::string& state_name, int heartbeat_seconds) {
  const std::string conf = dir_.write(
      "agent-" + state_name + ".conf",
      "[collector]\nurl = " + collectorUrl() +
          "\nallow_insecure_http = true\n[agent]\nstate_dir = " + dir_.file("state-" + state_name) +
          "\nheartbeat_interval_seconds = " + std::to_string(heartbeat_seconds) +
          "\n[log]\nlevel = debug\n");
  // A fresh state directory enrolls first (the collector accepts no report without
  // a credential); a reused one keeps its credential, as an installed agent does.
  if (!std::filesystem::exists(dir_.file("state-" + state_name) + "/credential")) {
    enrollAgent(state_name, heartbeat_seconds);
  }
  std::vector<std::string> args{"run", "--config", conf};
  args.insert(args.end(), agent_run_args_.begin(), agent_run_args_.end());
  agent_ = std::make_unique<ChildProcess>(binaryPath("steward-agent"), args,
                                          dir_.file("agent-" + state_name + ".log"));
}

void StewardStack::stopAgent() {
  if (agent_) {
    EXPECT_EQ(agent_->stop(), 0) << "agent did not exit cleanly";
  }
  agent_.reset();
}

void StewardStack::killAgent() {
  if (agent_) {
    ::kill(agent_->pid(), SIGKILL);
    agent_->wait(10s);
  }
  agent_.reset();
}

void StewardStack::reloadCollector() {
  if (collector_) ::kill(collector_->pid(), SIGHUP);
}

StewardStack::Reply StewardStack::get(const std::string& url) const {
  return send("GET", url, "", "");
}

StewardStack::Reply StewardStack::post(const std::string& url, const std::string& body,
                                       const std::string& content_type,
                                       const std::string& authorization) const {
  return send("POST", url, body, content_type, authorization);
}

std::string StewardStack::enrollDirectly(const std::string& agent_id) const {
  const Reply reply =
      post(collectorUrl() + "/api/v1/agent/enroll",
           R"({"agent_id":")" + agent_id + R"(","token":")" + enroll_token_ + "\"}");
  EXPECT_EQ(reply.status, 200) << reply.body;
  if (reply.status != 200) return {};
  return "Bearer " + std::string(reply.json.at("credential").as_string());
}

StewardStack::Reply StewardStack::send(const std::string& method, const std::string& url,
                                       const std::string& body, const std::string& content_type,
                                       const std::string& authorization) const {
  http::BeastHttpClient client(5s);
  http::HttpRequest request;
  request.method = method;
  if (!content_type.empty()) request.setHeader("Content-Type", content_type);
  if (!authorization.empty()) {
    request.setHeader("Authorization", authorization);
  } else if (!admin_token_.empty() && url.starts_with(serverUrl() + "/") &&
             !url.starts_with(serverUrl() + "/api/v1/collector/")) {
    request.setHeader("Authorization", "Bearer " + admin_token_);
  }
  request.body = body;
  auto response = client.send(url, request);
  Reply reply;
  if (!response) return reply;  // status 0: no answer
  reply.status = response->status;
  reply.body = response->body;
  boost::system::error_code ec;
  reply.json = json::parse(reply.body, ec);
  return reply;
}

json::array StewardStack::assets() const {
  const Reply reply = get(serverUrl() + "/api/v1/assets?per_page=500");
  if (reply.status != 200 || !reply.json.is_object()) return {};
  const auto* items = reply.json.as_object().if_contains("items");
  return items && items->is_array() ? items->as_array() : json::array{};
}

json::array StewardStack::incidents(const std::string& query) const {
  const Reply reply = get(serverUrl() + "/api/v1/incidents?per_page=200" +
                          (query.empty() ? "" : "&" + query));
  if (reply.status != 200 || !reply.json.is_object()) return {};
  const auto* items = reply.json.as_object().if_contains("items");
  return items && items->is_array() ? items->as_array() : json::array{};
}

std::string StewardStack::logs() const {
  std::string out;
  for (const char* name : {"server.log", "collector.log", "agent-first.log", "agent-second.log"}) {
    out += std::string("---- ") + name + "\n" + readFile(dir_.file(name));
  }
  return out;
}

}  // namespace steward::testing
