// PageRoutes: how the pages' handlers are added to the worker's Router, and
// the one place that does for every page what a page must not forget:
//   - the session cookie read (tampered or idle: anonymous) and re-signed;
//   - on every POST, the CSRF token (X-CSRF-Token from htmx, or the form's
//     csrf_token field) checked before anything else: 403, nothing done;
//   - a page that needs a log-in sends a visitor to /login; a role that may
//     not see it gets 403;
//   - a Refusal of an operation becomes its page: not found 404, a state or
//     conflict 409 with the reason (a form's invalid fields are the
//     handler's to show beside the fields, with 422);
//   - the security headers (CSP, frame-ancestors, Referrer-Policy, nosniff),
//     Cache-Control: no-store and Vary: HX-Request on every answer.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/role.hpp"
#include "sql/pool.hpp"
#include "views/page_context.hpp"
#include "worker/router.hpp"

namespace construction::views {

using PageHandler = std::function<http::Response(PageContext&)>;

// Who may open a page: anyone (the log-in page), or a logged-in user whose
// role allows the permission.
struct Access {
  bool login = true;
  domain::Permission permission = domain::Permission::read_projects;
};
inline constexpr Access kAnyone{false};
inline constexpr Access kMember{};
inline constexpr Access kCommercial{true, domain::Permission::read_commercial};
inline constexpr Access kWriteProjects{true, domain::Permission::write_projects};
inline constexpr Access kWriteCommercial{true, domain::Permission::write_commercial};
inline constexpr Access kWriteFieldRecords{true, domain::Permission::write_field_records};

class PageRoutes {
 public:
  PageRoutes(http::Router& router, sql::Pool& pool, const Views& views)
      : router_(router), pool_(pool), views_(views) {}

  void add(http::Verb method, const std::string& pattern, Access access, PageHandler handler,
           std::string summary);
  // A page of the project `{id}` of its path: the project, with its client
  // and figures (PageContext::project), is read in the same round trip as
  // the logged-in user, so the page's own reads make the second and last.
  void add_project_page(http::Verb method, const std::string& pattern, Access access,
                        PageHandler handler, std::string summary);

  const Views& views() const { return views_; }

 private:
  void add_route(http::Verb method, const std::string& pattern, Access access, PageHandler handler,
                 std::string summary, bool read_project);

  http::Router& router_;
  sql::Pool& pool_;
  const Views& views_;
};

// Everything above around one handler.
http::Response serve_page(http::RequestContext& http, sql::Pool& pool, const Views& views,
                          Access access, const PageHandler& handler, bool read_project = false);
// The headers every HTML answer carries.
void add_security_headers(http::Response& res);
// A short page for a status (403, 404, 409) with `message`, in the layout.
http::Response status_page(const PageContext& page, unsigned status, const std::string& message);

}  // namespace construction::views
