#pragma once

// Which inventory categories the agent collects ([inventory] in agent.conf). The
// system section (hostname, OS, kernel) is always sent: the collector needs it to
// identify the machine. A switched-off category is absent from the report, which the
// collector treats as "not reported", never as "removed".

namespace steward::agent {

struct InventorySections {
  bool hardware = true;  // SMBIOS/DMI identity, BIOS, board, chassis, memory modules
  bool cpu = true;
  bool memory = true;
  bool disks = true;
  bool filesystems = true;
  bool network = true;  // interfaces, gateways, DNS servers
  bool users = true;     // accounts and their last logins (/var/log/wtmp)
  bool packages = true;  // dpkg and RPM
  bool services = true;  // systemd service units and their states
  bool pci = true;       // PCI devices
  bool usb = true;       // USB devices
  bool monitors = true;  // displays (EDID)
  bool batteries = true;
};

}  // namespace steward::agent
