// The pages as a browser without JavaScript sees them, for the [process]
// tests of views/: the real server on a scratch database with a known
// SECRET_KEY (so a test can sign a cookie of its own), users made with the
// command line, and a client that logs in, keeps its session and device
// cookies and sends the CSRF token the page gave it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "test/support/http_client.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

namespace construction::testing {

inline constexpr const char* kPageSecretKey = "page-tests-secret-key-0123456789abcdef";

class PageServer {
 public:
  PageServer();
  // create-user with `password` (the organisation too when new).
  void add_user(const std::string& org, const std::string& email, const std::string& password,
                const std::string& role = "owner");
  int port() const { return server->port(); }

  ScratchDatabase db;
  std::unique_ptr<ServerProcess> server;
};

// One per test binary run, started by the first test that asks.
PageServer& shared_page_server();

class PageClient {
 public:
  explicit PageClient(int port) : port_(port) {}

  // GET /login, then POST it: true when the server answered 303 to "/".
  bool log_in(const std::string& email, const std::string& password);
  HttpResult get(const std::string& path, std::map<std::string, std::string> headers = {});
  // A form POST; the CSRF token of the last page is added unless `csrf` is false.
  HttpResult post(const std::string& path, std::map<std::string, std::string> fields,
                  bool csrf = true, std::map<std::string, std::string> headers = {});

  // The Cookie header of the next request: the session and device cookies.
  std::string cookies() const;

  std::string session;  // the session cookie's value
  std::string device;   // the device cookie's value (a log-in here before)
  std::string csrf;     // the token of the last page that had one

 private:
  HttpResult keep(HttpResult result);
  int port_;
};

std::string form_encode(const std::map<std::string, std::string>& fields);
// The number after `prefix` in a Location header ("/projects/12" → "12").
std::string id_after(const std::string& location, const std::string& prefix);

// A new organisation (named `label` and a unique suffix) and its owner,
// logged in.
struct Org {
  std::string name;
  PageClient owner;
};
Org new_org(const std::string& label);
// A new user of the organisation named `org` (made when new) with `role`,
// logged in.
PageClient new_member(const std::string& org, const std::string& role);
// The same with the address `email` (password "correct horse battery").
PageClient logged_in(const std::string& org, const std::string& email, const std::string& role);

// Requests of a page test: a path with its headers (a GET) or its form
// fields (a POST).
using PageRequests = std::vector<std::pair<std::string, std::map<std::string, std::string>>>;
// Each POST of `posts` by `client`: 403 without a CSRF token, and with a
// forged one as a form and as htmx.
void check_refused_without_csrf(PageClient& client, const PageRequests& posts);
// Each GET and POST by `other` (another organisation's owner): 404, a POST
// as a form and as htmx.
void check_not_found(PageClient& other, const PageRequests& gets, const PageRequests& posts);

// A new project of the organisation of `c`, for a new client named
// `client` with `email` ("" for none): sending its documents emails them to
// that client. Returns the project's id.
std::string project_for_client(PageClient& c, const std::string& client, const std::string& email);
// A new party of `kind` made on /parties, and its id.
std::string new_party(PageClient& c, const std::string& kind, const std::string& name,
                      const std::string& email);

// The id in `body` after `marker` (`id="line-`), the last one when `last`.
std::string id_in(const std::string& body, const std::string& marker, bool last = false);

// html-validate's verdict (the browser tests' `standard` rules, through
// test/views/validate_html.mjs) on each named body: "" when all are valid,
// otherwise its messages, each prefixed with the body's name.
std::string invalid_html(const std::vector<std::pair<std::string, std::string>>& bodies);

}  // namespace construction::testing
