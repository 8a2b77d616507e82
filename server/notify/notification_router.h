#pragma once

// Decides who hears about an incident change and renders the messages, so the queue
// holds exactly what will be sent (a later config change does not rewrite history).

#include <string>
#include <vector>

#include "server/itsm/incidents/incident.h"
#include "server/notify/notification.h"
#include "server/notify/notify_config.h"

namespace steward::server::notify {

// `event` is "raise", "priority", "reopen" or "resolve". One Notification per
// target of every route whose filters match (a target named by two routes gets one).
// `asset_groups` are the groups the incident's asset is in now (looked up by the
// caller, before its transaction); a route with `groups` needs one of them.
// Mail subject: "[Steward] INC0000042 P2 raised: <title>". Webhook body:
// {"event", "incident": {number, id, title, priority, state, source, subject,
//  asset_id, impact, urgency, assignee, assignment_group, occurrence_count,
//  resolution_note, url_path}}.
std::vector<Notification> notificationsFor(const NotifyConfig& config, const std::string& event,
                                           const itsm::Incident& incident,
                                           const std::vector<std::string>& asset_groups = {});

}  // namespace steward::server::notify
