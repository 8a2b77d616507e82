#include "agent/enrollment.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace steward::agent {
namespace {

Error unwritable(const std::string& what, const std::string& path, int err) {
  return makeError("state_unwritable", "cannot " + what + " " + path + ": " + std::strerror(err));
}

// Writes `content` to `path` atomically (temp file + rename), mode 0600.
Result<void> writeSecretFile(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return unwritable("create", temp, errno);
  const bool ok =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int rename_err = ok ? errno : err;
    ::unlink(temp.c_str());
    return unwritable("write", path, rename_err);
  }
  return {};
}

// The collector's error message from a jsonError body, or the raw body.
std::string describe(const http::HttpResponse& response) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(response.body, ec);
  if (!ec && doc.is_object()) {
    if (const auto* error = doc.as_object().if_contains("error"); error && error->is_object()) {
      const auto* message = error->as_object().if_contains("message");
      if (message && message->is_string()) return std::string(message->as_string());
    }
  }
  return response.body.substr(0, 200);
}

}  // namespace

std::string credentialPath(const std::string& state_dir) {
  return (std::filesystem::path(state_dir) / "credential").string();
}

Result<std::string> loadCredential(const std::string& state_dir, const std::string& agent_id) {
  const std::string path = credentialPath(state_dir);
  std::ifstream in(path);
  if (!in.good()) {
    return makeError("not_enrolled", "this agent is not enrolled (no " + path +
                                         "); run: steward-agent enroll --collector URL --token "
                                         "TOKEN");
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string credential = text.str();
  credential.erase(credential.find_last_not_of(" \t\r\n") + 1);
  if (!credential.starts_with(agent_id + ".") || credential.size() <= agent_id.size() + 1) {
    return makeError("state_corrupt",
                     path + " does not hold a credential for agent " + agent_id + "; enroll again");
  }
  return credential;
}

Result<std::string> enrollAgent(http::HttpClient& http, const std::string& collector_url,
                                const std::string& token, const std::string& agent_id,
                                const std::string& state_dir) {
  std::string base = collector_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::HttpRequest request;
  request.method = "POST";
  request.setHeader("content-type", "application/json");
  request.body =
      boost::json::serialize(boost::json::object{{"agent_id", agent_id}, {"token", token}});
  auto response = http.send(base + "/api/v1/agent/enroll", request);
  if (!response) {
    return makeError("enroll_failed",
                     "cannot enroll with " + base + ": " + response.error().message);
  }
  if (response->status != 200) {
    std::string message = "collector " + base + " refused enrollment (HTTP " +
                          std::to_string(response->status) + "): " + describe(*response);
    return makeError("enroll_failed", message);
  }
  boost::system::error_code ec;
  const auto doc = boost::json::parse(response->body, ec);
  const auto* credential =
      !ec && doc.is_object() ? doc.as_object().if_contains("credential") : nullptr;
  if (credential == nullptr || !credential->is_string() ||
      !std::string(credential->as_string()).starts_with(agent_id + ".")) {
    return makeError("enroll_failed", "collector " + base + " answered without a credential");
  }
  const std::string path = credentialPath(state_dir);
  if (auto written = writeSecretFile(path, std::string(credential->as_string()) + "\n"); !written) {
    return written.error();
  }
  return path;
}

}  // namespace steward::agent
