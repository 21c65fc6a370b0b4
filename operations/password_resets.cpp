#include "operations/password_resets.hpp"

#include "domain/message.hpp"
#include "operations/login_throttle.hpp"
#include "operations/password.hpp"
#include "operations/refusal.hpp"
#include "operations/team_fields.hpp"
#include "operations/team_mail.hpp"
#include "operations/token.hpp"
#include "sql/session_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

ResetRequest request_password_reset(sql::Connection& db, const std::string& email,
                                    const std::string& address,
                                    const LinkMail<ResetWording>& mail) {
  Throttle throttle = count_reset_request(db, email, address);
  if (throttle.retry_after > 0) return {throttle.retry_after};
  NewToken token = generate_link_token();
  std::string link = team_link(mail.public_url, "/password-reset/", token.text);
  sql::Transaction tx(db);
  auto target = sql::insert_password_reset(
      db, {bytea_literal(token.hash), email, address, kResetLifetime.count()});
  // An address the outbox would refuse (stored before its rules) gets no
  // mail rather than another answer: the page says the same either way.
  if (target && domain::is_email_address(target->user.email))
    queue_team_mail(db, target->user.org_id, target->user.email, mail.wording(*target, link));
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
