#include "server/api/user_json.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "server/auth/password_hasher.h"

namespace steward::server {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDisplayName = 100;
constexpr std::size_t kMaxLabel = 100;
constexpr std::size_t kMaxLoginName = 256;

json::value optionalText(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

Error invalid(const std::string& field, const std::string& what) {
  return makeError("invalid_field", "$." + field + ": " + what);
}

// The body as an object holding only `allowed` keys.
Result<json::object> strictObject(const std::string& body,
                                  std::initializer_list<std::string_view> allowed) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec) return makeError("malformed_json", "the body is not valid JSON");
  if (!value.is_object()) return makeError("invalid_field", "$: expected an object");
  for (const auto& item : value.as_object()) {
    bool known = false;
    for (auto name : allowed) known = known || item.key() == name;
    if (!known) return invalid(std::string(item.key()), "unknown field");
  }
  return std::move(value.as_object());
}

Result<std::optional<std::string>> textField(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return invalid(std::string(name), "expected a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

bool printable(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

Result<std::string> displayName(const std::string& text) {
  if (text.size() > kMaxDisplayName || !printable(text)) {
    return invalid("display_name", "at most " + std::to_string(kMaxDisplayName) +
                                       " characters, no control characters");
  }
  return text;
}

Result<auth::Role> role(const std::string& text) {
  auto parsed = auth::parseRole(text);
  if (!parsed)
    return invalid("role", "'" + text + "' is not admin, technician, requester or viewer");
  return *parsed;
}

Result<std::string> password(const std::string& text) {
  if (auto problem = auth::passwordProblem(text); !problem.empty()) {
    return invalid("password", problem);
  }
  return text;
}

// When text field `key` is present, passes it through `check` (which names what is
// wrong) into `target`; absent leaves `target` as it was.
template <typename T, typename Check>
Result<void> readChecked(const json::object& o, std::string_view key, Check check, T& target) {
  auto text = textField(o, key);
  if (!text) return text.error();
  if (!*text) return {};
  auto checked = check(**text);
  if (!checked) return checked.error();
  target = *checked;
  return {};
}

}  // namespace

json::object encodeUser(const auth::User& user) {
  return json::object{{"id", user.id},
                      {"name", user.name},
                      {"display_name", user.display_name},
                      {"role", auth::roleName(user.role)},
                      {"active", user.active},
                      {"created_at", user.created_at},
                      {"updated_at", user.updated_at},
                      {"locked_until", optionalText(user.locked_until)}};
}

json::object encodeToken(const auth::ApiToken& token) {
  return json::object{{"id", token.id},
                      {"label", token.label},
                      {"created_at", token.created_at},
                      {"last_used_at", optionalText(token.last_used_at)},
                      {"revoked_at", optionalText(token.revoked_at)}};
}

json::object encodeAuditEntry(const auth::AuditEntry& e) {
  return json::object{{"seq", e.seq},
                      {"at", e.at},
                      {"actor", e.actor},
                      {"action", e.action},
                      {"target", e.target},
                      {"detail", e.detail},
                      {"remote_address", e.remote_address}};
}

Result<NewUser> decodeNewUser(const std::string& body) {
  auto o = strictObject(body, {"name", "role", "display_name", "password"});
  if (!o) return o.error();
  NewUser out;
  auto name = textField(*o, "name");
  if (!name) return name.error();
  if (!*name || !auth::isValidUserName(**name)) {
    return invalid("name", "required: 1..64 letters, digits or ._@-");
  }
  out.name = **name;
  auto role_text = textField(*o, "role");
  if (!role_text) return role_text.error();
  if (!*role_text) return invalid("role", "required: admin, technician, requester or viewer");
  auto parsed_role = role(**role_text);
  if (!parsed_role) return parsed_role.error();
  out.role = *parsed_role;
  if (auto r = readChecked(*o, "display_name", displayName, out.display_name); !r) return r.error();
  if (auto r = readChecked(*o, "password", password, out.password); !r) return r.error();
  return out;
}

Result<UserPatch> decodeUserPatch(const std::string& body) {
  auto o = strictObject(body, {"role", "display_name", "active", "password"});
  if (!o) return o.error();
  if (o->empty()) return makeError("invalid_field", "$: name at least one field to change");
  UserPatch out;
  if (auto r = readChecked(*o, "display_name", displayName, out.display_name); !r) return r.error();
  if (auto r = readChecked(*o, "role", role, out.role); !r) return r.error();
  if (const auto* active = o->if_contains("active")) {
    if (!active->is_bool()) return invalid("active", "expected true or false");
    out.active = active->as_bool();
  }
  if (auto r = readChecked(*o, "password", password, out.password); !r) return r.error();
  return out;
}

Result<LoginRequest> decodeLogin(const std::string& body) {
  auto o = strictObject(body, {"name", "password"});
  if (!o) return o.error();
  auto name = textField(*o, "name");
  if (!name) return name.error();
  auto secret = textField(*o, "password");
  if (!secret) return secret.error();
  if (!*name || (*name)->empty() || (*name)->size() > kMaxLoginName) {
    return invalid("name", "required, at most " + std::to_string(kMaxLoginName) + " characters");
  }
  if (!*secret || (*secret)->empty() || (*secret)->size() > auth::kMaxPasswordLength) {
    return invalid("password",
                   "required, at most " + std::to_string(auth::kMaxPasswordLength) + " characters");
  }
  return LoginRequest{**name, **secret};
}

Result<std::string> decodeTokenLabel(const std::string& body) {
  if (body.empty()) return std::string();
  auto o = strictObject(body, {"label"});
  if (!o) return o.error();
  auto label = textField(*o, "label");
  if (!label) return label.error();
  if (!*label) return std::string();
  if ((*label)->size() > kMaxLabel || !printable(**label)) {
    return invalid("label",
                   "at most " + std::to_string(kMaxLabel) + " characters, no control characters");
  }
  return **label;
}

}  // namespace steward::server
