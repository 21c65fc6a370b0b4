// /account: every user's own name, email and password, the current
// password asked before any change (operations/profile.hpp); and, for
// owners, the organisation's address (operations/organisation.hpp) and the
// team: the users with their role and state (change a role, deactivate,
// reactivate: operations/user_accounts.hpp and its last-owner rule),
// invitations by email (operations/invitations.hpp) and API tokens (a new
// one shown once, on the answer to its form, and never again).
#include <array>

#include "operations/authentication.hpp"
#include "operations/invitations.hpp"
#include "operations/organisation.hpp"
#include "operations/profile.hpp"
#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "operations/user_accounts.hpp"
#include "runtime/log.hpp"
#include "sql/error.hpp"
#include "sql/token_store.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/stale_form.hpp"
#include "views/team_mail.hpp"

namespace construction::views {

namespace {

constexpr std::array kRoles = {domain::Role::owner, domain::Role::manager, domain::Role::field};

List role_options(domain::Role selected) {
  List options;
  for (domain::Role role : kRoles) {
    Object option{{"value", std::string(domain::to_string(role))}, {"label", label(role)}};
    if (role == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

operations::Caller caller_of(const PageContext& page) {
  return {page.user->id, page.user->org_id, 0, page.role};
}

bool is_owner(const PageContext& page) {
  return page.may(domain::Permission::manage_users);
}

// What a form shows again after a refusal: the typed fields and errors.
struct FormState {
  domain::FieldErrors errors;
  std::string message;  // a refusal of the whole form (throttled, stale)
};

Data profile_form(const PageContext& page, const FormState& state) {
  bool typed = !state.errors.empty() || !state.message.empty();
  Data data = Object{{"csrf", page.csrf()},
                     {"name", typed ? page.field("name") : page.user->name},
                     {"email", typed ? page.field("email") : page.user->email},
                     {"errors", error_data(state.errors)}};
  set_text(data, "message", state.message);
  return data;
}

// The organisation's address, which heads every PDF it sends (owners).
Data organisation_form(PageContext& page, const FormState& state) {
  auto organisation = sql::find_organisation(page.db, page.org_id());
  if (!organisation) throw operations::not_found();
  bool typed = !state.errors.empty();
  Data data = Object{{"csrf", page.csrf()},
                     {"name", organisation->name},
                     {"version", std::to_string(organisation->version)},
                     {"address", typed ? page.field("address") : organisation->address},
                     {"errors", error_data(state.errors)}};
  set_text(data, "message", state.message);
  return data;
}

Data user_row(const PageContext& page, const sql::UserRecord& user) {
  Data data = Object{{"id", std::to_string(user.id)},
                     {"version", std::to_string(user.version)},
                     {"name", user.name},
                     {"email", user.email},
                     {"role", label(user.role)},
                     {"roles", role_options(user.role)},
                     {"csrf", page.csrf()}};
  if (user.active) data.set("active", true);
  if (user.id == page.user->id) data.set("self", true);
  return data;
}

Data team_data(PageContext& page, const FormState& invite, const std::string& new_token) {
  List users;
  for (const auto& user : sql::list_users(page.db, page.org_id(), {std::nullopt, 500}).rows)
    users.push_back(user_row(page, user));
  List invitations;
  for (const auto& invitation : sql::open_invitations(page.db, page.org_id()))
    invitations.push_back(Object{{"id", std::to_string(invitation.id)},
                                 {"email", invitation.email},
                                 {"role", label(invitation.role)},
                                 {"invited_by", invitation.invited_by_name},
                                 {"expires", date(invitation.expires_at)}});
  List tokens;
  for (const auto& listing : sql::list_live_tokens(page.db, page.org_id()))
    tokens.push_back(
        Object{{"id", std::to_string(listing.token.id)},
               {"name", listing.token.name.empty() ? std::string("(no name)") : listing.token.name},
               {"user", listing.user_name},
               {"created", date(listing.token.created_at)}});
  bool has_invitations = !invitations.empty(), has_tokens = !tokens.empty();
  std::string role = page.field("role");
  Data data =
      Object{{"csrf", page.csrf()},
             {"users", users},
             {"invitations", invitations},
             {"tokens", tokens},
             {"invite_email", page.field("email")},
             {"invite_roles", role_options(domain::parse_role(role).value_or(domain::Role::field))},
             {"invite_errors", error_data(invite.errors)}};

  if (has_invitations) data.set("has_invitations", true);
  if (has_tokens) data.set("has_tokens", true);
  set_text(data, "new_token", new_token);
  return data;
}

struct AccountForms {
  FormState profile;
  FormState invite;
  std::string new_token;
  FormState organisation;
};

http::Response account_page(PageContext& page, const AccountForms& forms, unsigned status) {
  Data data = Object{{"profile", profile_form(page, forms.profile)}};
  if (is_owner(page)) {
    data.set("organisation", organisation_form(page, forms.organisation));
    data.set("team", team_data(page, forms.invite, forms.new_token));
  }
  return page.page("Your account", page.render("account/show", data), status);
}

http::Response show(PageContext& page) {
  return account_page(page, {}, 200);
}

http::Response profile_refused(PageContext& page, FormState state, unsigned status) {
  return account_page(page, {std::move(state), {}, {}}, status);
}

// The current password, checked as a log-in is (throttled by the same
// counters): a borrowed session cannot guess it faster than a log-in form.
std::optional<http::Response> check_current_password(PageContext& page) {
  std::string current = page.field("current_password");
  if (current.empty()) {
    domain::FieldErrors errors;
    errors.add("current_password", "is needed to save a change");
    return profile_refused(page, {errors, {}}, 422);
  }
  auto device = page.views.keys.device_of(cookie(page.http.header("Cookie"), kDeviceCookie),
                                          page.user->email);
  operations::LogIn check =
      operations::log_in(page.db, page.user->email, current, {page.http.client_address, device});
  if (!check.note.empty()) log::warning(check.note);
  if (check.outcome == operations::LogIn::Outcome::throttled) {
    std::int64_t minutes = (check.retry_after + 59) / 60;
    http::Response res =
        profile_refused(page,
                        {{},
                         "Too many wrong passwords. Try again in " + std::to_string(minutes) +
                             (minutes == 1 ? " minute." : " minutes.")},
                        429);
    res.set(http::Field::retry_after, std::to_string(check.retry_after));
    return res;
  }
  if (!check.login || check.login->user.id != page.user->id) {
    domain::FieldErrors errors;
    errors.add("current_password", "is not right");
    return profile_refused(page, {errors, {}}, 422);
  }
  page.user = check.login->user;  // the version whose password was checked
  return std::nullopt;
}

// After a new password or email, this browser alone stays logged in: a new
// session (new nonce and cookie, at the new epoch) with its own row.
http::Response keep_this_session(PageContext& page, const sql::UserRecord& user) {
  page.start_session(user);
  if (!operations::begin_session(page.db, user, page.session.nonce)) {
    page.start_anonymous_session();
    return page.redirect("/login", "Your account changed meanwhile. Log in again.");
  }
  page.set_cookie(kDeviceCookie, page.views.keys.device_cookie_value(user.email), kDeviceSeconds);
  return page.redirect("/account",
                       "Your account is saved. Every other session and API token of yours has "
                       "ended.");
}

http::Response save_profile(PageContext& page) {
  if (auto refused = check_current_password(page)) return *refused;
  operations::ProfileChange change{page.field("name"), page.field("email"), std::nullopt};
  if (std::string typed = page.field("new_password"); !typed.empty()) change.password = typed;
  auto submit = [&] {
    operations::SavedProfile saved = operations::change_profile(page.db, *page.user, change);
    if (saved.sign_ins_ended) return keep_this_session(page, saved.user);
    return page.redirect("/account", "Your account is saved.");
  };
  try {
    return submit_form(
        submit, {.invalid =
                     [&](const domain::FieldErrors& errors) {
                       return profile_refused(page, {errors, {}}, 422);
                     },
                 .stale =
                     [&] {
                       return profile_refused(
                           page, {{}, "Your account changed meanwhile: here it is now."}, 409);
                     }});
  } catch (const sql::UniqueViolation&) {
    domain::FieldErrors errors;
    errors.add("email", "already belongs to another account");
    return profile_refused(page, {errors, {}}, 422);
  }
}

// ---- owners

http::Response invite(PageContext& page) {
  auto role = domain::parse_role(page.field("role"));
  auto submit = [&] {
    if (!role) throw operations::field_error("role", "must be owner, manager or field");
    auto issued = operations::invite_user(page.db, caller_of(page), page.field("email"), *role,
                                          invitation_mail(page));
    return page.redirect("/account#team", "Invitation sent to " + issued.invitation.email + ".");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return account_page(page, {{}, {errors, {}}, {}}, 422);
                     }});
}

http::Response cancel_invitation(PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  operations::cancel_invitation(page.db, caller_of(page), *id);
  return page.redirect("/account#team", "Invitation cancelled.");
}

http::Response save_organisation(PageContext& page) {
  auto submit = [&] {
    operations::change_organisation_address(page.db, page.org_id(), form_version(page),
                                            page.field("address"));
    return page.redirect("/account#organisation",
                         "The address is saved: it heads every PDF from now on.");
  };
  auto refused = [&](FormState state, unsigned status) {
    AccountForms forms;
    forms.organisation = std::move(state);
    return account_page(page, forms, status);
  };
  return submit_form(
      submit,
      {.invalid = [&](const domain::FieldErrors& errors) { return refused({errors, {}}, 422); },
       .stale =
           [&] {
             page.form.clear();
             return refused({{}, "Someone else changed the address meanwhile: here it is now."},
                            409);
           }});
}

// A user of the path, changed by `change` (role, active) with the
// last-owner rule; `done` names what happened for the flash.
http::Response change_member(PageContext& page, const std::function<void(sql::UserFields&)>& change,
                             const std::string& done) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  std::optional<int> version;
  if (auto v = whole_number(page.field("version")); v && *v < 1000000000)
    version = static_cast<int>(*v);
  sql::UserRecord saved = operations::change_user(
      page.db, caller_of(page), *id, version, [&](const sql::UserRecord& user) {
        operations::UserChange user_change{{user.email, user.name, user.role, user.active},
                                           std::nullopt};
        change(user_change.fields);
        return user_change;
      });
  return page.redirect("/account#team",
                       (saved.name.empty() ? saved.email : saved.name) + " " + done + ".");
}

http::Response change_role(PageContext& page) {
  auto role = domain::parse_role(page.field("role"));
  if (!role) throw operations::field_error("role", "must be owner, manager or field");
  return change_member(
      page, [&](sql::UserFields& fields) { fields.role = *role; },
      "is now " + std::string(domain::to_string(*role)));
}

http::Response deactivate(PageContext& page) {
  return change_member(
      page, [](sql::UserFields& fields) { fields.active = false; }, "is deactivated");
}

http::Response reactivate(PageContext& page) {
  return change_member(
      page, [](sql::UserFields& fields) { fields.active = true; }, "is active again");
}

http::Response create_token(PageContext& page) {
  std::string name = page.field("name");
  if (domain::count_characters(name) > 200) name.clear();
  auto issued = operations::issue_token(page.db, *page.user, name);
  if (!issued) return page.redirect("/login", "Your account changed meanwhile. Log in again.");
  page.flash = "Token created. Copy it now: it is not shown again.";
  return account_page(page, {{}, {}, issued->text}, 201);
}

http::Response revoke_token(PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  operations::revoke_token(page.db, caller_of(page), *id);
  return page.redirect("/account#tokens", "Token revoked.");
}

}  // namespace

void add_account_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/account", kMember, show,
             "Your name, email and password; owners: users, invitations, API tokens");
  routes.add(http::Verb::post, "/account/profile", kMember, save_profile,
             "Change your name, email or password (the current password asked)");
  routes.add(http::Verb::post, "/account/organisation", kManageUsers, save_organisation,
             "Change the organisation's address, which heads its PDFs");
  routes.add(http::Verb::post, "/account/invitations", kManageUsers, invite,
             "Invite a user by email with a role");
  routes.add(http::Verb::post, "/account/invitations/{id}/cancel", kManageUsers, cancel_invitation,
             "Cancel an open invitation");
  routes.add(http::Verb::post, "/account/users/{id}/role", kManageUsers, change_role,
             "Change a user's role");
  routes.add(http::Verb::post, "/account/users/{id}/deactivate", kManageUsers, deactivate,
             "Deactivate a user: their sessions and tokens end");
  routes.add(http::Verb::post, "/account/users/{id}/reactivate", kManageUsers, reactivate,
             "Let a deactivated user log in again");
  routes.add(http::Verb::post, "/account/tokens", kManageUsers, create_token,
             "Create an API token of yours, shown once");
  routes.add(http::Verb::post, "/account/tokens/{id}/revoke", kManageUsers, revoke_token,
             "Revoke an API token");
}

}  // namespace construction::views
