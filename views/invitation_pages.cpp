// /invitations/{token}: the page an invitation's email links to. Opening it
// (GET) spends nothing, so a mail scanner that follows links does no harm;
// the form posts the name and password, which makes the user and logs them
// in (operations/invitations.hpp). Any token that opens no invitation,
// expired, used, cancelled or never made, gets the same page.
#include "operations/invitations.hpp"
#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

std::string token_of(const PageContext& page) {
  return std::string(page.http.param("token").value_or(""));
}

http::Response gone(PageContext& page) {
  return page.page("Invitation not valid", page.render("invitations/gone", Object{}), 404);
}

http::Response accept_form(PageContext& page, const sql::InvitationRecord& invitation,
                           const domain::FieldErrors& errors, unsigned status) {
  Data data = Object{{"csrf", page.csrf()},
                     {"token", token_of(page)},
                     {"org_name", invitation.org_name},
                     {"invited_by", invitation.invited_by_name},
                     {"email", invitation.email},
                     {"role", label(invitation.role)},
                     {"expires", date(invitation.expires_at)},
                     {"name", page.field("name")},
                     {"errors", error_data(errors)}};
  return page.page("Join " + invitation.org_name, page.render("invitations/accept", data), status);
}

http::Response show(PageContext& page) {
  auto invitation = operations::open_invitation(page.db, token_of(page));
  if (!invitation) return gone(page);
  return accept_form(page, *invitation, {}, 200);
}

http::Response accept(PageContext& page) {
  std::string token = token_of(page);
  auto submit = [&] {
    sql::UserRecord user =
        operations::accept_invitation(page.db, token, {page.field("name"), page.field("password")});
    if (page.session.logged_in()) operations::end_session(page.db, page.session.nonce);
    page.start_session(user);
    if (!operations::begin_session(page.db, user, page.session.nonce)) {
      page.start_anonymous_session();
      return page.redirect("/login", "Your account is ready. Log in with it.");
    }
    page.set_cookie(kDeviceCookie, page.views.keys.device_cookie_value(user.email), kDeviceSeconds);
    return page.redirect("/", "Welcome, " + user.name + ".");
  };
  try {
    return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                         auto invitation = operations::open_invitation(page.db, token);
                         if (!invitation) return gone(page);
                         return accept_form(page, *invitation, errors, 422);
                       }});
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind == operations::Refusal::Kind::not_found) return gone(page);
    throw;
  }
}

}  // namespace

void add_invitation_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/invitations/{token}", kAnyone, show,
             "An invitation's page: choose a name and password");
  routes.add(http::Verb::post, "/invitations/{token}", kAnyone, accept,
             "Accept an invitation: makes the user and logs them in");
}

}  // namespace construction::views
