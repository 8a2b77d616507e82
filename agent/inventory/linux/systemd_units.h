#pragma once

// Service units and failed units from the running systemd, through `systemctl`
// (no libsystemd, no D-Bus client of our own, no root needed). Used by the
// inventory (services) and by health (failed units).
//
// Without a running systemd (a container, a SysV init, a chroot: no
// /run/systemd/system, as sd_booted(3) tests) both are absent and systemctl is not
// started at all, so such a machine costs nothing per heartbeat and logs once.

#include <optional>
#include <string>
#include <vector>

#include "agent/platform/command_runner.h"
#include "agent/platform/fs_root.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

class SystemdUnits {
 public:
  // `fs` answers whether systemd runs (/run/systemd/system); `runner` starts systemctl.
  SystemdUnits(const FsRoot& fs, const CommandRunner& runner);

  // Every service unit, loaded ones (list-units --all) merged with installed unit
  // files (list-unit-files; templates and aliases left out), sorted by name.
  // nullopt when systemd is not running or list-units cannot be read.
  std::optional<std::vector<wire::Service>> services() const;

  // Names of units of any type in the "failed" state, sorted; empty when none.
  // nullopt when systemd is not running or systemctl cannot be read.
  std::optional<std::vector<std::string>> failedUnits() const;

 private:
  // systemctl's path, or nullopt (logged once) when systemd or systemctl is missing.
  std::optional<std::string> systemctl() const;
  std::optional<std::string> runSystemctl(const std::vector<std::string>& args) const;

  const FsRoot& fs_;
  const CommandRunner& runner_;
  mutable bool reported_missing_ = false;
  mutable bool reported_failure_ = false;
};

}  // namespace steward::agent
