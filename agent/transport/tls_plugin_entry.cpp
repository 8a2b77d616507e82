// The one symbol steward-agent-tls.so exports (everything else in it is hidden):
// PluginHttpsSender finds it with dlsym.

#include "agent/transport/tls_plugin.h"

extern "C" __attribute__((visibility("default"))) steward::http::HttpsSender*
steward_agent_https_sender() {
  return &steward::http::openSslHttpsSender();
}
