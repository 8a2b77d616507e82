#pragma once

namespace steward::agent {

// The project version from CMake's project(VERSION ...).
inline constexpr const char* kAgentVersion = STEWARD_AGENT_VERSION;

}  // namespace steward::agent
