#include "collector/auth/claimed_agent_id.h"

#include <boost/json/basic_parser_impl.hpp>
#include <cstdint>

#include "shared/common/log.h"

namespace steward::collector::auth {

namespace {

using boost::json::error_code;
using boost::json::string_view;

// SAX handler that only follows nesting depth and the top-level agent_id member.
struct AgentIdScan {
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  int depth = 0;
  bool root_is_object = false;
  bool started = false;
  std::string key;            // the top-level key being read
  bool value_is_id = false;   // the next top-level value belongs to "agent_id"
  bool in_id_string = false;  // reading that value's string parts
  std::string id;

  // A top-level value that is not a string: an agent_id of that kind claims nothing.
  void otherValue() {
    if (depth == 1 && value_is_id) id.clear();
    if (depth == 1) value_is_id = false;
  }
  bool open() {
    started = true;
    otherValue();
    ++depth;
    return true;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return open(); }
  bool on_array_end(std::size_t, error_code&) { return --depth, true; }
  bool on_object_begin(error_code&) {
    const bool first = !started;
    open();
    if (first) root_is_object = true;
    return true;
  }
  bool on_object_end(std::size_t, error_code&) { return --depth, true; }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    if (depth == 1 && value_is_id) {
      if (!in_id_string) id.clear();
      in_id_string = true;
      id.append(s.data(), s.size());
    }
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    started = true;
    if (depth == 1 && value_is_id) {
      if (!in_id_string) id.clear();
      id.append(s.data(), s.size());
      in_id_string = false;
      value_is_id = false;
    }
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (depth == 1) key.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    if (depth == 1) {
      key.append(s.data(), s.size());
      value_is_id = key == "agent_id";
      key.clear();
    }
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_double(double, string_view, error_code&) { return started = true, otherValue(), true; }
  bool on_bool(bool, error_code&) { return started = true, otherValue(), true; }
  bool on_null(error_code&) { return started = true, otherValue(), true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::string claimedAgentId(std::string_view body) {
  boost::json::basic_parser<AgentIdScan> parser{boost::json::parse_options{}};
  error_code ec;
  const std::size_t consumed = parser.write_some(false, body.data(), body.size(), ec);
  // The parser stops after one document: anything left over is trailing garbage.
  if (ec || consumed != body.size() || !parser.handler().root_is_object) return {};
  return std::move(parser.handler().id);
}

http::HttpResponse agentMismatch(const http::HttpRequest& request, const std::string& agent_id,
                                 const std::string& claimed) {
  logger("collector.auth")
      .warning("[remote=%s] [agent=%s] refused a report claiming agent %s",
               request.remote_address, agent_id, claimed);
  return http::jsonError(403, "agent_mismatch", "this credential belongs to agent " + agent_id +
                                                    " and cannot report for agent " + claimed);
}

}  // namespace steward::collector::auth
