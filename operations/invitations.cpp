#include "operations/invitations.hpp"

#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/team_fields.hpp"
#include "operations/team_mail.hpp"
#include "operations/token.hpp"
#include "sql/error.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

IssuedInvitation invite_user(sql::Connection& db, const Caller& caller, const std::string& email,
                             domain::Role role, const LinkMail<InvitationWording>& mail) {
  domain::FieldErrors errors;
  check_email(errors, "email", email);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  require_public_url(mail.public_url);
  NewToken token = generate_link_token();
  sql::Transaction tx(db);
  // An address is one account on the platform (users_email_key): the owner
  // is told now rather than the invitee at the end.
  if (sql::find_user_by_email(db, email))
    throw field_error("email", "already belongs to a user: change their role instead");
  IssuedInvitation issued{
      sql::insert_invitation(db, {caller.org_id, email, role, caller.user_id,
                                  bytea_literal(token.hash), kInvitationLifetime.count()}),
      team_link(mail.public_url, "/invitations/", token.text)};
  queue_team_mail(db, caller.org_id, issued.invitation.email,
                  mail.wording(issued.invitation, issued.link));
  tx.commit();
  return issued;
}

void cancel_invitation(sql::Connection& db, const Caller& caller, std::int64_t id) {
  if (!sql::cancel_invitation(db, caller.org_id, id)) throw not_found();
}

std::optional<sql::InvitationRecord> open_invitation(sql::Connection& db, std::string_view token) {
  auto hash = link_token_key(token);
  if (!hash) return std::nullopt;
  return sql::find_open_invitation(db, *hash);
}

sql::UserRecord accept_invitation(sql::Connection& db, std::string_view token,
                                  const Acceptance& acceptance) {
  auto hash = link_token_key(token);
  if (!hash) throw not_found();
  domain::FieldErrors errors;
  check_person_name(errors, "name", acceptance.name, true);
  check_new_password(errors, "password", acceptance.password);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  std::string password_hash = hash_password(acceptance.password);
  sql::Transaction tx(db);
  auto invitation = sql::find_open_invitation(db, *hash, true);
  if (!invitation) throw not_found();
  sql::UserRecord user;
  try {
    user = sql::insert_user(db, invitation->org_id,
                            {invitation->email, acceptance.name, invitation->role, true},
                            password_hash);
  } catch (const sql::UniqueViolation&) {
    throw conflict("This address has an account already: log in with it instead.");
  }
  sql::mark_invitation_accepted(db, invitation->org_id, invitation->id, user.id);
  tx.commit();
  return user;
}

}  // namespace construction::operations
