#include "operations/password_resets.hpp"

#include "operations/login_throttle.hpp"
#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/team_fields.hpp"
#include "operations/team_mail.hpp"
#include "operations/token.hpp"
#include "sql/session_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

// Whom the email is worded for: the account, or for nobody the address as
// typed (the same wording work either way).
sql::ResetTarget stand_in_or(const sql::ResetRequestRow& written, const std::string& email) {
  if (written.target) return *written.target;
  sql::ResetTarget nobody;
  nobody.user.email = email;
  return nobody;
}

// The same statements for every address: the message is queued in a
// savepoint, kept for an account and rolled back for nobody (queued under
// any organisation, since a message needs one; a rollback sends nothing
// and leaves no row). An address the outbox refuses (stored before its
// rules) is rolled back too, rather than answered otherwise.
void queue_either_way(sql::Connection& db, const sql::ResetRequestRow& written,
                      const std::string& email, const MailText& text) {
  std::optional<std::int64_t> org =
      written.target ? std::optional(written.target->user.org_id) : written.any_org_id;
  if (!org) return;  // no organisation: no account anywhere to tell of
  sql::Transaction savepoint(db);
  try {
    queue_team_mail(db, *org, written.target ? written.target->user.email : email, text);
  } catch (const Refusal&) {
    return;  // rolled back
  }
  if (written.target) savepoint.commit();
}

}  // namespace

ResetRequest request_password_reset(sql::Connection& db, const std::string& email,
                                    const std::string& address,
                                    const LinkMail<ResetWording>& mail) {
  require_public_url(mail.public_url);  // the same refusal for every address
  Throttle throttle = count_reset_request(db, email, address);
  if (throttle.retry_after > 0) return {throttle.retry_after};
  NewToken token = generate_link_token();
  std::string link = team_link(mail.public_url, "/password-reset/", token.text);
  sql::Transaction tx(db);
  sql::ResetRequestRow written = sql::insert_password_reset(
      db, {bytea_literal(token.hash), email, address, kResetLifetime.count()});
  queue_either_way(db, written, email, mail.wording(stand_in_or(written, email), link));
  tx.commit();
  sql::forget_resets_older_than(db, kKeepResets.count());
  return {};
}

std::optional<sql::ResetTarget> open_reset(sql::Connection& db, std::string_view token) {
  auto hash = link_token_key(token);
  if (!hash) return std::nullopt;
  return sql::find_open_reset(db, *hash);
}

sql::UserRecord reset_password(sql::Connection& db, std::string_view token,
                               const std::string& password) {
  auto hash = link_token_key(token);
  if (!hash) throw not_found();
  domain::FieldErrors errors;
  check_new_password(errors, "password", password);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  std::string password_hash = hash_password(password);
  sql::Transaction tx(db);
  auto target = sql::find_open_reset(db, *hash, true);
  if (!target) throw not_found();
  const sql::UserRecord& user = target->user;
  sql::UserRecord saved = sql::update_user(db, user.org_id, user.id,
                                           {user.email, user.name, user.role, true}, password_hash);
  saved.session_epoch = sql::end_user_sign_ins(db, user.org_id, user.id);
  sql::use_up_resets(db, user.org_id, user.id);
  tx.commit();
  return saved;
}

}  // namespace construction::operations
