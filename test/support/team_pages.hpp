// What the team pages' [process] tests share: a user of their own (known
// email and password) logged in through the page, the link of the last
// email the server queued for an address (read from the outbox: the test
// server runs no mailer), and whether a session cookie still opens a page.
#pragma once

#include <string>

#include "test/support/page_client.hpp"

namespace construction::testing {

// page_client.hpp's users' password.
inline constexpr const char* kTeamPassword = "correct horse battery";

// A new address for `who`, unique to this run.
std::string team_email(const std::string& who);
// `email` made with `role` in `org` (created when new), logged in.
PageClient team_member(const std::string& org, const std::string& email, const std::string& role);
// The path of the link ("/invitations/…", "/password-reset/…") in the last
// message queued to `email`; "" when none was.
std::string mailed_link(const std::string& email);
// Whether the session cookie `session` still opens /account.
bool opens_account(const std::string& session);
// GET /api/v1/me with `token`: its status.
int api_status(const std::string& token);

}  // namespace construction::testing
