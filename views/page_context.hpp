// What a page handler gets: the request, one pooled connection, the worker's
// templates and assets, the session and who is logged in, the form that was
// posted. And how it answers: a page (the layout around its main fragment,
// or the fragment alone for htmx), a fragment, a redirect with a flash.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/role.hpp"
#include "sql/connection.hpp"
#include "sql/project_store.hpp"
#include "sql/user_store.hpp"
#include "views/session.hpp"
#include "views/static_assets.hpp"
#include "views/templates.hpp"
#include "worker/multipart_form.hpp"
#include "worker/request_context.hpp"

namespace construction::views {

// What every worker's pages share, made once at boot.
struct Views {
  std::unique_ptr<const Templates> templates;
  StaticAssets assets;
  SessionKeys keys;
  bool development = false;
  // PUBLIC_URL, no trailing slash: links a page puts in an email. Never the
  // request's Host, which the client chooses.
  std::string public_url;
};

using Form = std::map<std::string, std::string, std::less<>>;

struct PageContext {
  PageContext(http::RequestContext& http, sql::Connection& db, const Views& views, Session session)
      : http(http), db(db), views(views), session(std::move(session)) {}

  http::RequestContext& http;
  sql::Connection& db;
  const Views& views;
  Session session;
  std::optional<sql::UserRecord> user;  // set on every page that needs a log-in
  domain::Role role = domain::Role::field;
  std::string org_name;
  // The project of the path ({id}), read with the user in one round trip on
  // the routes added with PageRoutes::add_project_page; nothing otherwise.
  std::optional<sql::ProjectWithFigures> project;
  // The values of the reads of a route added with PageRoutes::add_with_reads
  // (a std::tuple), read with the user; its handler gets them.
  std::any first_values;
  Form form;                          // a POST's fields
  std::vector<http::FormPart> files;  // a multipart POST's files (into the request's body)
  std::string flash;                  // the message of the action before this page
  std::string hx_target;              // HX-Target of an htmx request ("" otherwise)
  bool hx = false;                    // htmx asked: answer the fragment alone
  std::vector<std::string> cookies;   // Set-Cookie values to add
  bool session_changed = false;       // re-sign the session cookie

  // Logging in or out: a new session, with a new nonce (and CSRF token),
  // sealed at the user's session epoch.
  void start_session(const sql::UserRecord& user);
  void start_anonymous_session();
  // A cookie for the answer: `Path=/; HttpOnly; SameSite=Lax`, and Secure
  // unless in development over plain HTTP (a trusted X-Forwarded-Proto:
  // https counts as HTTPS); `max_age` when given (0 removes the cookie).
  void set_cookie(std::string_view name, std::string_view value,
                  std::optional<std::int64_t> max_age = std::nullopt);

  std::int64_t org_id() const { return session.org_id; }
  // The session's CSRF token, made once a request (an HMAC; the layout and
  // each form of a page carry it).
  const std::string& csrf() const;
  bool may(domain::Permission permission) const;
  // A field of the posted form, "" when absent.
  std::string field(std::string_view name) const;

  std::string render(std::string_view name, const Data& data) const {
    return views.templates->render(name, data);
  }
  // The layout around `main`; for htmx, `main` alone with its <title>.
  http::Response page(const std::string& title, const std::string& main,
                      unsigned status = 200) const;
  // An htmx fragment (or, without htmx, the same HTML as a page's main part).
  http::Response fragment(const std::string& html, unsigned status = 200) const;
  // After an action: 303 to `location` (htmx: HX-Location, so the page
  // changes without a reload), `flash` shown there once.
  http::Response redirect(const std::string& location, const std::string& flash = {});
  // The flash as an out-of-band swap, for a change shown in place.
  std::string flash_oob(const std::string& message) const;

 private:
  mutable std::string csrf_;  // csrf(), once made
};

// A number from the path ("{id}"); nothing when it is not one (then 404).
std::optional<std::int64_t> path_number(const http::RequestContext& ctx, std::string_view name);

}  // namespace construction::views
