// PageRoutes: how the pages' handlers are added to the worker's Router, and
// the one place that does for every page what a page must not forget:
//   - the session cookie read (tampered or idle: anonymous) and re-signed,
//     and a logged-in session's row checked with the member's read (ended
//     or past its lifetime: sent to /login);
//   - on every POST, the CSRF token (X-CSRF-Token from htmx, or the form's
//     csrf_token field) checked before anything else: 403, nothing done;
//   - a form field that is not text (worker/url_encoded.hpp) is 422 naming
//     it, a multipart upload that cannot be read (worker/multipart_form.hpp)
//     400, a query parameter that is not text 400, and a flash cookie that
//     is not text is dropped: PostgreSQL is never sent them;
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
#include <source_location>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "domain/role.hpp"
#include "sql/pool.hpp"
#include "sql/query.hpp"
#include "views/page_context.hpp"
#include "worker/router.hpp"

namespace construction::views {

using PageHandler = std::function<http::Response(PageContext&)>;
// How a page that needs a log-in reads the member who asks (and, in the same
// round trip, whatever it reads before its handler runs). Runs only for a
// signed session; what it reads besides the member is dropped unused when
// the member is not let in.
using FirstReads = std::function<std::optional<sql::Member>(PageContext&)>;

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
inline constexpr Access kManageUsers{true, domain::Permission::manage_users};

class PageRoutes {
 public:
  PageRoutes(http::Router& router, sql::Pool& pool, const Views& views)
      : router_(router), pool_(pool), views_(views) {}

  // Each route is written out, one line per URL, so that a grep of the URL
  // lands on its handler; `source` names that line in `construction routes`.
  void add(http::Verb method, const std::string& pattern, Access access, PageHandler handler,
           std::string summary, std::source_location source = std::source_location::current());
  // A page of the project `{id}` of its path: the project, with its client
  // and figures (PageContext::project), is read in the same round trip as
  // the logged-in user, so the page's own reads make the second and last.
  void add_project_page(http::Verb method, const std::string& pattern, Access access,
                        PageHandler handler, std::string summary,
                        std::source_location source = std::source_location::current());

  // A page whose reads need nothing but the request and the session's
  // organisation (not the member's role): `reads(page)` makes them, a
  // std::tuple of sql::Query, and they go to PostgreSQL with the member's
  // own read, in one round trip; `handler(page, value...)` gets their values
  // once the member is let in. The page waits for PostgreSQL once.
  template <class Reads, class Handler>
  void add_with_reads(http::Verb method, const std::string& pattern, Access access, Reads reads,
                      Handler handler, std::string summary,
                      std::source_location source = std::source_location::current());

  const Views& views() const { return views_; }

 private:
  void add_route(http::Verb method, const std::string& pattern, Access access, PageHandler handler,
                 std::string summary, FirstReads first_reads, std::source_location source);

  http::Router& router_;
  sql::Pool& pool_;
  const Views& views_;
};

// A handler with its second argument bound: the transition routes of a
// document, written out one per action, share its `transition(page, action)`.
template <class Arg>
PageHandler bind_handler(http::Response (*handler)(PageContext&, Arg),
                         std::type_identity_t<Arg> arg) {
  return [handler, arg](PageContext& page) { return handler(page, arg); };
}

// Everything above around one handler; `first_reads` empty: the member alone.
http::Response serve_page(http::RequestContext& http, sql::Pool& pool, const Views& views,
                          Access access, const PageHandler& handler,
                          const FirstReads& first_reads = {});
// Who the session's member is, if the session is still live
// (operations/sessions.hpp): the first read of every page that needs a
// log-in, sent with whatever else the page reads first.
sql::Query<std::optional<sql::Member>> member_query(const PageContext& page);
// Who may open a page, as `construction routes` prints it: "anyone",
// "member", "commercial", "write projects"….
std::string access_label(Access access);
// The headers every HTML answer carries.
void add_security_headers(http::Response& res);
// A short page for a status (403, 404, 409) with `message`, in the layout.
http::Response status_page(const PageContext& page, unsigned status, const std::string& message);

// ---- PageRoutes::add_with_reads

namespace page_reads {

template <class Queries>
struct ValuesOf;
template <class... T>
struct ValuesOf<std::tuple<sql::Query<T>...>> {
  using type = std::tuple<T...>;
};

template <class First, class... Rest, std::size_t... I>
std::tuple<Rest...> tail(std::tuple<First, Rest...>&& all, std::index_sequence<I...>) {
  return std::tuple<Rest...>{std::get<I + 1>(std::move(all))...};
}

}  // namespace page_reads

template <class Reads, class Handler>
void PageRoutes::add_with_reads(http::Verb method, const std::string& pattern, Access access,
                                Reads reads, Handler handler, std::string summary,
                                std::source_location source) {
  using Queries = std::invoke_result_t<const Reads&, const PageContext&>;
  using Values = typename page_reads::ValuesOf<Queries>::type;
  if (!access.login) throw std::logic_error("add_with_reads: " + pattern + " reads as a member");
  FirstReads first_reads = [reads = std::move(reads)](PageContext& page) {
    auto all = std::apply(
        [&page](const auto&... queries) {
          return sql::fetch_together(page.db, member_query(page), queries...);
        },
        reads(std::as_const(page)));
    page.first_values =
        page_reads::tail(std::move(all), std::make_index_sequence<std::tuple_size_v<Values>>{});
    return std::optional<sql::Member>(std::move(std::get<0>(all)));
  };
  PageHandler serve = [handler = std::move(handler)](PageContext& page) {
    return std::apply([&](auto&... value) { return handler(page, value...); },
                      std::any_cast<Values&>(page.first_values));
  };
  add_route(method, pattern, access, std::move(serve), std::move(summary), std::move(first_reads),
            source);
}

}  // namespace construction::views
