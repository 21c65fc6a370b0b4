// The emails of the team pages: an invitation and a password reset link,
// queued in the outbox (operations/outbox.hpp) in the caller's transaction,
// so that a rollback sends nothing. Their links are built on the server's
// PUBLIC_URL, never on the Host a request names: a forged Host would
// otherwise mail a victim a link to the forger's site. The words are the
// caller's (views/team_mail.cpp, from templates that escape the HTML part):
// this layer writes no HTML.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "sql/connection.hpp"
#include "sql/invitation_store.hpp"
#include "sql/password_reset_store.hpp"

namespace construction::operations {

struct MailText {
  std::string subject, text, html;
};
using InvitationWording =
    std::function<MailText(const sql::InvitationRecord& invitation, const std::string& link)>;
using ResetWording =
    std::function<MailText(const sql::ResetTarget& target, const std::string& link)>;

// Where a link points and how its email reads.
template <class Wording>
struct LinkMail {
  std::string public_url;  // PUBLIC_URL
  Wording wording;
};

// invalid_state when `public_url` is empty (production without PUBLIC_URL):
// a link without a host would reach nobody, and the request's Host is not
// to be trusted in its place.
void require_public_url(std::string_view public_url);
// `public_url` (its trailing "/" dropped) + `path` + `token`.
std::string team_link(std::string_view public_url, std::string_view path, std::string_view token);
// Queues `mail` to `to` in the outbox of organisation `org_id`.
void queue_team_mail(sql::Connection& db, std::int64_t org_id, const std::string& to,
                     const MailText& mail);

}  // namespace construction::operations
