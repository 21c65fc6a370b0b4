#include "views/signing_context.hpp"

#include "runtime/log.hpp"
#include "views/page_routes.hpp"
#include "worker/url_encoded.hpp"

namespace construction::views {

namespace {

// The staff pages' headers (CSP, frame rules, nosniff, no-store), the
// referrer policy made stricter: the link's token is in every path here.
void add_page_headers(http::Response& res) {
  add_security_headers(res);
  res.set("Referrer-Policy", "no-referrer");
}

void add_file_headers(http::Response& res) {
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
  res.set(http::Field::cache_control, "no-store");
}

Form text_fields(std::string_view body) {
  Form form;
  for (auto& [name, value] : http::decode_form(body).fields)
    if (!name.empty()) form.try_emplace(std::move(name), std::move(value));
  return form;
}

}  // namespace

std::string SigningContext::field(std::string_view name) const {
  auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

void SigningContext::set_signer_cookie(const std::string& value) {
  // No Max-Age: the browser forgets it when it closes; the server's row
  // says how long it is good for.
  std::string cookie =
      std::string(kSignerCookie) + "=" + value + "; Path=/sign; HttpOnly; SameSite=Strict";
  if (!views.development || http.scheme == "https") cookie += "; Secure";
  cookies.push_back(std::move(cookie));
}

http::Response SigningContext::page(const std::string& title, const std::string& main,
                                    unsigned status) const {
  Data data = Object{{"title", title},
                     {"main", main},
                     {"favicon", views.assets.url("favicon.svg")},
                     {"pico_css", views.assets.url("pico.min.css")},
                     {"app_css", views.assets.url("app.css")},
                     {"signing_css", views.assets.url("signing.css")}};
  return http::html_response(status, render("signing/layout", data));
}

http::Response SigningContext::redirect(const std::string& location) const {
  http::Response res = http::html_response(303, {});
  res.set(http::Field::location, location);
  return res;
}

http::Response SigningContext::invalid() const {
  return page("This link is no longer valid", render("signing/invalid", Object{}), 404);
}

http::Response SigningContext::limited(std::int64_t retry_after_seconds,
                                       const std::string& message) const {
  http::Response res =
      page("Please wait", render("signing/limited", Object{{"message", message}}), 429);
  res.set(http::Field::retry_after, std::to_string(retry_after_seconds));
  return res;
}

http::Response serve_signing(http::RequestContext& http, sql::Pool& pool, const Views& views,
                             const SigningHandler& handler, bool needs_csrf) {
  sql::Lease lease = pool.acquire();
  SigningContext signing{http,
                         *lease,
                         views,
                         std::string(http.param("token").value_or("")),
                         std::string(cookie(http.header("Cookie"), kSignerCookie)),
                         {},
                         {}};
  auto respond = [&](http::Response res) {
    for (const std::string& value : signing.cookies) res.insert(http::Field::set_cookie, value);
    if (res[http::Field::content_type].starts_with("text/html"))
      add_page_headers(res);
    else
      add_file_headers(res);
    return res;
  };
  if (http.request.method() == http::Verb::post) {
    if (http.header("Content-Type").starts_with("application/x-www-form-urlencoded"))
      signing.form = text_fields(http.request.body());
    bool cross_site = http.header("Sec-Fetch-Site") == "cross-site";
    if (cross_site || (needs_csrf && !views.keys.signer_csrf_valid(signing.secret,
                                                                   signing.field("csrf_token")))) {
      log::info("signer form refused (", cross_site ? "cross-site" : "CSRF token", ") for POST ",
                http.path, " from ", http.client_address);
      return respond(signing.page(
          "This form has expired",
          signing.render("signing/expired_form", Object{{"token", signing.token}}), 403));
    }
  }
  return respond(handler(signing));
}

void add_signing_file_headers(http::Response& res) {
  add_file_headers(res);
  // Framed by the document page of the same origin, and by nothing else.
  res.set("Content-Security-Policy", "frame-ancestors 'self'");
  res.set("X-Frame-Options", "SAMEORIGIN");
}

}  // namespace construction::views
