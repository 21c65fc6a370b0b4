#include "views/page_routes.hpp"

#include <ctime>
#include <tuple>

#include "operations/refusal.hpp"
#include "operations/sessions.hpp"
#include "runtime/log.hpp"
#include "runtime/utf8.hpp"
#include "sql/error.hpp"
#include "worker/multipart_form.hpp"
#include "worker/url_encoded.hpp"

namespace construction::views {

namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'";

// A posted form: its text fields (the first of a name sent twice), and the
// names of those that are not text (worker/url_encoded.hpp); a multipart
// form's files besides, and why its body could not be read, if it could not.
struct PostedForm {
  Form fields;
  std::vector<std::string> not_text;
  std::vector<http::FormPart> files;
  std::string unreadable;
};

PostedForm parse_form(std::string_view body) {
  http::DecodedForm decoded = http::decode_form(body);
  PostedForm form{{}, std::move(decoded.not_text)};
  for (auto& [name, value] : decoded.fields)
    if (!name.empty()) form.fields.try_emplace(std::move(name), std::move(value));
  return form;
}

// multipart/form-data (an upload): its fields that are not files are
// fields as a urlencoded form's are (text, or named in not_text).
PostedForm parse_multipart(std::string_view body, std::string_view content_type) {
  PostedForm form;
  auto boundary = http::multipart_boundary(content_type);
  if (!boundary) {
    form.unreadable = "a multipart/form-data Content-Type without a boundary";
    return form;
  }
  http::MultipartForm parsed = http::parse_multipart_form(body, *boundary);
  form.unreadable = std::move(parsed.error);
  for (http::FormPart& part : parsed.parts) {
    if (part.filename)
      form.files.push_back(std::move(part));
    else if (is_utf8(part.data) && part.data.find('\0') == std::string_view::npos)
      form.fields.try_emplace(part.name, std::string(part.data));
    else
      form.not_text.push_back(part.name);
  }
  return form;
}

// Which fields could not be read, by name, for the 422 page.
std::string not_text_message(const std::vector<std::string>& names) {
  bool one = names.size() == 1;
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + ("\u201C" + name + "\u201D");
  return (one ? "The field " : "The fields ") + list +
         (one ? " holds characters that could not be read (it must be UTF-8 text). Type it again"
              : " hold characters that could not be read (they must be UTF-8 text). Type them "
                "again") +
         " and send the form once more.";
}

bool is_htmx(const http::RequestContext& http) {
  return http.header("HX-Request") == "true" && http.header("HX-History-Restore-Request") != "true";
}

http::Response to_login(PageContext& page) {
  if (!page.hx) return page.redirect("/login");
  http::Response res = http::html_response(200, {});
  res.set("HX-Redirect", "/login");  // a whole new page: the layout changes too
  return res;
}

http::Response refusal_page(PageContext& page, const operations::Refusal& refusal) {
  using Kind = operations::Refusal::Kind;
  switch (refusal.kind) {
    case Kind::not_found:
      return status_page(page, 404, "There is nothing at this address.");
    case Kind::stale_version:
      return status_page(page, 409,
                         "Someone changed this record meanwhile. Reload the page to see it.");
    case Kind::invalid_fields: {
      std::string message = "Some fields need attention:";
      for (const auto& [field, text] : refusal.fields.fields())
        message += " " + field + " " + text + ";";
      return status_page(page, 422, message);
    }
    case Kind::invalid_state:
    case Kind::conflict:
      return status_page(page, 409, refusal.what());
  }
  return status_page(page, 409, refusal.what());
}

}  // namespace

sql::Query<std::optional<sql::Member>> member_query(const PageContext& page) {
  return sql::session_member_query(operations::session_key(page.session.nonce), page.org_id(),
                                   page.session.user_id, page.session.epoch,
                                   operations::kSessionLifetime);
}

void add_security_headers(http::Response& res) {
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  // A page may have asked for a stricter one (/verify: no-referrer).
  if (res.find("Referrer-Policy") == res.end()) res.set("Referrer-Policy", "same-origin");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set(http::Field::cache_control, "no-store");
  res.set(http::Field::vary, "HX-Request");
}

http::Response status_page(const PageContext& page, unsigned status, const std::string& message) {
  std::string title(http::reason(status));
  std::string main = page.render("layout/status", Object{{"title", title}, {"message", message}});
  http::Response res = page.page(title, main, status);
  if (page.hx) {
    // htmx swaps no error answer: the message goes to the flash instead.
    res.body() = page.flash_oob(message);
    res.set("HX-Reswap", "none");
    res.prepare_payload();
  }
  return res;
}

std::string access_label(Access access) {
  using domain::Permission;
  if (!access.login) return "anyone";
  switch (access.permission) {
    case Permission::read_projects:
      return "member";
    case Permission::read_commercial:
      return "commercial";
    case Permission::write_projects:
      return "write projects";
    case Permission::write_commercial:
      return "write commercial";
    case Permission::write_field_records:
      return "write field records";
    case Permission::read_users:
      return "read users";
    case Permission::manage_users:
      return "manage users";
  }
  return "member";
}

void PageRoutes::add(http::Verb method, const std::string& pattern, Access access,
                     PageHandler handler, std::string summary, std::source_location source) {
  add_route(method, pattern, access, std::move(handler), std::move(summary), {}, source);
}

void PageRoutes::add_project_page(http::Verb method, const std::string& pattern, Access access,
                                  PageHandler handler, std::string summary,
                                  std::source_location source) {
  add_route(
      method, pattern, access, std::move(handler), std::move(summary),
      [](PageContext& page) -> std::optional<sql::Member> {
        auto project_id = path_number(page.http, "id");
        if (!project_id) return sql::fetch(page.db, member_query(page));
        auto [member, project] =
            sql::fetch_together(page.db, member_query(page),
                                sql::project_with_figures_query(page.org_id(), *project_id));
        page.project = std::move(project);
        return member;
      },
      source);
}

void PageRoutes::add_route(http::Verb method, const std::string& pattern, Access access,
                           PageHandler handler, std::string summary, FirstReads first_reads,
                           std::source_location source) {
  // The router outlives this object: the handler keeps the pool and views.
  sql::Pool* pool = &pool_;
  const Views* views = &views_;
  router_.add(
      method, pattern,
      [pool, views, access, handler = std::move(handler),
       first_reads = std::move(first_reads)](http::RequestContext& http) {
        return serve_page(http, *pool, *views, access, handler, first_reads);
      },
      std::move(summary), access_label(access), source);
}

http::Response serve_page(http::RequestContext& http, sql::Pool& pool, const Views& views,
                          Access access, const PageHandler& handler,
                          const FirstReads& first_reads) {
  std::int64_t now = std::time(nullptr);
  auto session = views.keys.read(cookie(http.header("Cookie"), kSessionCookie), now);
  bool resign = !session || now - session->last_seen >= kRefreshSeconds;
  if (!session) session = views.keys.start(0, 0, 0, now);
  session->last_seen = now;

  // The lease lives as long as the page: the handler's queries share it.
  std::optional<sql::Lease> lease;
  auto respond = [&](PageContext& page, http::Response res) {
    if (page.session_changed)
      page.set_cookie(kSessionCookie, views.keys.cookie_value(page.session));
    for (const std::string& value : page.cookies) res.insert(http::Field::set_cookie, value);
    add_security_headers(res);
    return res;
  };

  bool posting = http.request.method() == http::Verb::post;
  PostedForm form;
  std::string_view content_type = http.header("Content-Type");
  if (posting && content_type.starts_with("application/x-www-form-urlencoded"))
    form = parse_form(http.request.body());
  else if (posting && content_type.starts_with("multipart/form-data"))
    form = parse_multipart(http.request.body(), content_type);

  lease.emplace(pool.acquire());
  PageContext page{http, **lease, views, *session};
  page.session_changed = resign;
  page.hx = is_htmx(http);
  if (page.hx) page.hx_target = std::string(http.header("HX-Target"));
  page.form = std::move(form.fields);
  page.files = std::move(form.files);
  if (!form.unreadable.empty()) {
    log::info("Unreadable upload for POST ", http.path, " from ", http.client_address, ": ",
              form.unreadable);
    return respond(page, status_page(page, 400,
                                     "The upload could not be read. Choose the file again and "
                                     "send the form once more."));
  }

  if (posting) {
    std::string_view token = http.header("X-CSRF-Token");
    std::string from_form = page.field("csrf_token");
    if (token.empty()) token = from_form;
    if (!views.keys.csrf_valid(page.session, token)) {
      log::info("CSRF token missing or wrong for POST ", http.path, " from ", http.client_address);
      return respond(
          page, status_page(page, 403, "This form has expired. Reload the page and try again."));
    }
  }

  // Every parameter of the address, read or not, before a handler reads one.
  if (auto name = http::first_not_text(http.query))
    return respond(page, status_page(page, 400,
                                     "The address holds a parameter that could not be read (it "
                                     "must be UTF-8 text): \u201C" +
                                         *name + "\u201D."));

  if (access.login) {
    std::optional<sql::Member> member;
    if (page.session.logged_in())
      member = first_reads ? first_reads(page) : sql::fetch(page.db, member_query(page));
    if (member) {
      page.user = std::move(member->user);
      page.org_name = std::move(member->org_name);
    }
    if (!page.user || !page.user->active) {
      page.user.reset();
      page.project.reset();
      page.first_values.reset();
      if (page.session.logged_in()) page.start_anonymous_session();
      return respond(page, to_login(page));
    }
    page.role = page.user->role;
    if (!domain::allows(page.role, access.permission))
      return respond(page, status_page(page, 403, "Your role does not open this page."));
  }

  if (!form.not_text.empty())
    return respond(page, status_page(page, 422, not_text_message(form.not_text)));

  std::string_view flash = cookie(http.header("Cookie"), "flash");
  if (!flash.empty()) {
    // Ours are always text; one that is not was not set by this server.
    page.flash = http::decode_text(flash, false).value_or("");
    page.set_cookie("flash", "", 0);
  }

  try {
    return respond(page, handler(page));
  } catch (const operations::Refusal& refusal) {
    return respond(page, refusal_page(page, refusal));
  } catch (const sql::UniqueViolation& e) {
    return respond(page, status_page(page, 409, "Another record already has this number or name."));
  } catch (const sql::ForeignKeyViolation& e) {
    return respond(page, status_page(page, 409, "Other records still refer to this one."));
  }
}

}  // namespace construction::views
