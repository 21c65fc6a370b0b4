#include "app/error_pages.hpp"

#include <string>

#include "views/page_routes.hpp"

namespace construction {

namespace {
std::string code_of(unsigned status) {
  switch (status) {
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 500: return "internal_error";
    case 503: return "server_busy";
  }
  return "error";
}

// With the pages' security headers: an error page is a page, and a 500 is
// where an attacker looks first.
http::Response page(unsigned status, const std::string& title, const std::string& text) {
  http::Response res = http::html_response(
      status, "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>" + title +
                  "</title><h1>" + title + "</h1><p>" + text + "</p></html>\n");
  views::add_security_headers(res);
  return res;
}

http::Response json_error(unsigned status, const std::string& code, const std::string& message) {
  return http::json_response(
      status, R"({"error":{"code":")" + code + R"(","message":")" + message + "\"}}");
}
}  // namespace

bool wants_json(const http::RequestContext& ctx) { return ctx.path.starts_with("/api/"); }

http::Response error_page(unsigned status, const http::RequestContext& ctx) {
  std::string title(http::reason(status));
  // The server's own 503: the request waited for a worker past
  // --max-queue-wait (worker/queue_wait.hpp) and was not served.
  if (status == 503) {
    const std::string busy = "The server is busy; try again in a moment.";
    return wants_json(ctx) ? json_error(status, code_of(status), busy) : page(status, title, busy);
  }
  if (wants_json(ctx)) return json_error(status, code_of(status), title);
  return page(status, title, status == 404 ? "There is nothing at this address." : title + ".");
}

http::Response database_unavailable(const http::RequestContext& ctx) {
  const std::string message = "The database cannot be reached; try again in a moment.";
  http::Response res = wants_json(ctx) ? json_error(503, "database_unavailable", message)
                                       : page(503, "Service Unavailable", message);
  res.set(http::Field::retry_after, "5");
  return res;
}

}  // namespace construction
