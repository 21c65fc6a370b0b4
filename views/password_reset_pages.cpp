// "Forgot your password?" (/password-reset), linked from /login. Asking
// gives the same page whether or not an account has the address, after the
// same work (operations/password_resets.hpp); only a throttled ask gets
// another answer (429), and that by the address typed, known or not. The
// link of the email, /password-reset/{token}, spends nothing when opened;
// its form sets the new password, which ends every session and API token
// of the user, and sends the browser to /login to use it.
#include "operations/password_resets.hpp"
#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "operations/team_fields.hpp"
#include "views/form_errors.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/team_mail.hpp"

namespace construction::views {

namespace {

std::string token_of(const PageContext& page) {
  return std::string(page.http.param("token").value_or(""));
}

http::Response ask_form(PageContext& page, const domain::FieldErrors& errors,
                        const std::string& message, unsigned status) {
  Data data =
      Object{{"csrf", page.csrf()}, {"email", page.field("email")}, {"errors", error_data(errors)}};
  set_text(data, "message", message);
  return page.page("Forgot your password?", page.render("password_resets/ask", data), status);
}

http::Response show_ask(PageContext& page) {
  return ask_form(page, {}, {}, 200);
}

http::Response ask(PageContext& page) {
  std::string email = page.field("email");
  domain::FieldErrors errors;
  operations::check_email(errors, "email", email);
  if (!errors.empty()) return ask_form(page, errors, {}, 422);
  auto request = operations::request_password_reset(page.db, email, page.http.client_address,
                                                    reset_mail(page));
  if (request.retry_after > 0) {
    std::int64_t minutes = (request.retry_after + 59) / 60;
    http::Response res =
        ask_form(page, {},
                 "Too many links asked for. Try again in " + std::to_string(minutes) +
                     (minutes == 1 ? " minute." : " minutes."),
                 429);
    res.set(http::Field::retry_after, std::to_string(request.retry_after));
    return res;
  }
  return page.page("Check your email",
                   page.render("password_resets/sent", Object{{"email", email}}), 200);
}

http::Response gone(PageContext& page) {
  return page.page("Link not valid", page.render("password_resets/gone", Object{}), 404);
}

http::Response new_password_form(PageContext& page, const sql::ResetTarget& target,
                                 const domain::FieldErrors& errors, unsigned status) {
  Data data = Object{{"csrf", page.csrf()},
                     {"token", token_of(page)},
                     {"email", target.user.email},
                     {"errors", error_data(errors)}};
  return page.page("Choose a new password", page.render("password_resets/choose", data), status);
}

http::Response show_choose(PageContext& page) {
  auto target = operations::open_reset(page.db, token_of(page));
  if (!target) return gone(page);
  return new_password_form(page, *target, {}, 200);
}

http::Response choose(PageContext& page) {
  std::string token = token_of(page);
  auto submit = [&] {
    operations::reset_password(page.db, token, page.field("password"));
    if (page.session.logged_in()) {
      operations::end_session(page.db, page.session.nonce);
      page.start_anonymous_session();
    }
    return page.redirect("/login", "Your password is changed. Log in with it.");
  };
  try {
    return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                         auto target = operations::open_reset(page.db, token);
                         if (!target) return gone(page);
                         return new_password_form(page, *target, errors, 422);
                       }});
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind == operations::Refusal::Kind::not_found) return gone(page);
    throw;
  }
}

}  // namespace

void add_password_reset_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/password-reset", kAnyone, show_ask,
             "Forgot your password? Ask for a link");
  routes.add(http::Verb::post, "/password-reset", kAnyone, ask,
             "Ask for a reset link: the same answer for any address");
  routes.add(http::Verb::get, "/password-reset/{token}", kAnyone, show_choose,
             "A reset link's page: choose a new password");
  routes.add(http::Verb::post, "/password-reset/{token}", kAnyone, choose,
             "Set the new password: every session and token of the user ends");
}

}  // namespace construction::views
