#include "agent/inventory/linux/systemd_units.h"

#include <algorithm>
#include <map>

#include "agent/inventory/linux/systemctl_output.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

constexpr const char* kSystemctlPaths[] = {"/usr/bin/systemctl", "/bin/systemctl"};
// systemctl answers in milliseconds; a wedged PID 1 must not hold the heartbeat.
constexpr CommandLimits kLimits{std::chrono::seconds(5), 8 * 1024 * 1024};

bool isServiceName(const std::string& name) { return name.ends_with(".service"); }

// "getty@.service": a template, not a unit that runs.
bool isTemplate(const std::string& name) { return name.find("@.") != std::string::npos; }

}  // namespace

SystemdUnits::SystemdUnits(const FsRoot& fs, const CommandRunner& runner)
    : fs_(fs), runner_(runner) {}

std::optional<std::string> SystemdUnits::systemctl() const {
  auto& log = logger("agent.inventory");
  if (!fs_.exists("/run/systemd/system")) {
    if (!reported_missing_)
      log.debug("systemd is not running (no /run/systemd/system): no services");
    reported_missing_ = true;
    return std::nullopt;
  }
  for (const char* path : kSystemctlPaths) {
    if (runner_.executable(path)) return std::string(path);
  }
  if (!reported_missing_) log.warning("systemd runs but systemctl was not found: no services");
  reported_missing_ = true;
  return std::nullopt;
}

std::optional<std::string> SystemdUnits::runSystemctl(const std::vector<std::string>& args) const {
  const auto program = systemctl();
  if (!program) return std::nullopt;
  std::vector<std::string> argv{*program};
  argv.insert(argv.end(), args.begin(), args.end());
  auto out = runner_.run(argv, kLimits);
  std::string why;
  if (!out) {
    why = out.error().message;
  } else if (out->exit_code != 0) {
    why = "systemctl " + args[0] + " exited with status " + std::to_string(out->exit_code);
  } else {
    reported_failure_ = false;
    return std::move(out->output);
  }
  // Warn once per run of failures; the next success re-arms the warning.
  auto& log = logger("agent.inventory");
  if (!reported_failure_) {
    log.warning(why);
  } else {
    log.debug(why);
  }
  reported_failure_ = true;
  return std::nullopt;
}

std::optional<std::vector<wire::Service>> SystemdUnits::services() const {
  const auto units_text = runSystemctl({"list-units", "--type=service", "--all", "--plain",
                                        "--no-legend", "--no-pager", "-o", "json"});
  if (!units_text) return std::nullopt;
  auto units = parseSystemctlListUnits(*units_text);
  if (!units) {
    logger("agent.inventory").warning(units.error().message);
    return std::nullopt;
  }
  std::map<std::string, wire::Service> by_name;
  for (auto& u : *units) {
    if (!isServiceName(u.name)) continue;
    wire::Service& s = by_name[u.name];
    s.name = u.name;
    if (!u.description.empty()) s.description = std::move(u.description);
    s.load_state = std::move(u.load);
    s.active_state = std::move(u.active);
    s.sub_state = std::move(u.sub);
  }
  // Unit files add what is installed but not loaded (disabled, never started) and
  // every unit's enablement. Without them the loaded units still go out.
  if (const auto files_text = runSystemctl(
          {"list-unit-files", "--type=service", "--no-legend", "--no-pager", "-o", "json"})) {
    if (auto files = parseSystemctlListUnitFiles(*files_text)) {
      for (auto& f : *files) {
        if (!isServiceName(f.name) || isTemplate(f.name)) continue;
        // An alias ("sshd.service" -> "ssh.service") is listed under its real name.
        if (f.state == "alias") continue;
        wire::Service& s = by_name[f.name];
        s.name = f.name;
        s.unit_file_state = std::move(f.state);
      }
    } else {
      logger("agent.inventory").warning(files.error().message);
    }
  }
  std::vector<wire::Service> out;
  out.reserve(by_name.size());
  for (auto& [name, service] : by_name) out.push_back(std::move(service));
  return out;
}

std::optional<std::vector<std::string>> SystemdUnits::failedUnits() const {
  const auto text = runSystemctl({"list-units", "--state=failed", "--all", "--plain", "--no-legend",
                                  "--no-pager", "-o", "json"});
  if (!text) return std::nullopt;
  auto units = parseSystemctlListUnits(*text);
  if (!units) {
    logger("agent.health").warning(units.error().message);
    return std::nullopt;
  }
  std::vector<std::string> failed;
  for (const auto& u : *units) {
    if (u.active == "failed") failed.push_back(u.name);
  }
  std::sort(failed.begin(), failed.end());
  return failed;
}

}  // namespace steward::agent
