// /login and /logout. Logging in checks the password with the product's
// authentication (operations/authentication.hpp), throttled with the
// browser's device cookie when it shows one for that account; it begins a
// new session (its row: operations/sessions.hpp) and gives the browser a
// new device cookie. Logging out ends the session on the server and starts
// a new anonymous one. Both are POSTs with a CSRF token: the log-in form's
// comes from the visitor's anonymous session.
#include "operations/authentication.hpp"
#include "operations/sessions.hpp"
#include "runtime/log.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

constexpr std::string_view kWrongLogin = "The email or the password is not right.";

http::Response login_form(PageContext& page, const std::string& email, std::string_view error,
                          unsigned status) {
  Data data = Object{{"csrf", page.csrf()}, {"email", email}};
  if (!error.empty()) data.set("error", std::string(error));
  return page.page("Log in", page.render("login/form", data), status);
}

http::Response show(PageContext& page) {
  if (page.session.logged_in()) return page.redirect("/");
  return login_form(page, "", "", 200);
}

http::Response log_in(PageContext& page) {
  std::string email = page.field("email");
  std::string password = page.field("password");
  if (email.empty() || password.empty() || email.size() > 254 || password.size() > 1000)
    return login_form(page, email, kWrongLogin, 422);
  // The same throttled log-in as the API's token route, but a browser that
  // logged in to this account before is a known device.
  auto device = page.views.keys.device_of(cookie(page.http.header("Cookie"), kDeviceCookie), email);
  operations::LogIn attempt =
      operations::log_in(page.db, email, password, {page.http.client_address, device});
  if (!attempt.note.empty()) log::warning(attempt.note);
  if (attempt.outcome == operations::LogIn::Outcome::throttled) {
    std::int64_t minutes = (attempt.retry_after + 59) / 60;
    http::Response res =
        login_form(page, email,
                   "Too many failed log-ins. Try again in " + std::to_string(minutes) +
                       (minutes == 1 ? " minute." : " minutes."),
                   429);
    res.set(http::Field::retry_after, std::to_string(attempt.retry_after));
    return res;
  }
  if (!attempt.login) return login_form(page, email, kWrongLogin, 422);
  const sql::Login& login = *attempt.login;
  if (page.session.logged_in()) operations::end_session(page.db, page.session.nonce);
  page.start_session(login.user);
  // The user changed since the password was checked (reset, deactivated):
  // as if the password were wrong, and the browser stays anonymous.
  if (!operations::begin_session(page.db, login.user, page.session.nonce)) {
    page.start_anonymous_session();
    return login_form(page, email, kWrongLogin, 422);
  }
  page.set_cookie(kDeviceCookie, page.views.keys.device_cookie_value(email), kDeviceSeconds);
  return page.redirect("/", "Welcome, " + login.user.name + ".");
}

http::Response log_out(PageContext& page) {
  if (page.session.logged_in()) operations::end_session(page.db, page.session.nonce);
  page.start_anonymous_session();
  return page.redirect("/login", "You are logged out.");
}

}  // namespace

void add_login_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/login", kAnyone, show, "The log-in page");
  routes.add(http::Verb::post, "/login", kAnyone, log_in, "Log in: starts a session");
  routes.add(http::Verb::post, "/logout", kAnyone, log_out, "Log out: ends the session");
}

}  // namespace construction::views
