#include "agent/health/linux/linux_health_sampler.h"

#include "agent/health/linux/proc_uptime.h"
#include "agent/inventory/linux/readers.h"

namespace steward::agent {

HealthSample LinuxHealthSampler::sample() {
  HealthSample sample;
  if (auto text = readSource(fs_, "/proc/uptime", true))
    sample.uptime_seconds = parseProcUptime(*text);
  if (auto text = readSource(fs_, "/proc/loadavg", true)) sample.load1 = parseProcLoadavg(*text);
  return sample;
}

}  // namespace steward::agent
