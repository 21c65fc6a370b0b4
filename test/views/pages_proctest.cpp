// The pages' promises that a browser test cannot show well: CSRF, the
// session cookie's signature and idle expiry, escaping of what people type,
// and tenancy on every page route. Through the real server, as a browser
// without JavaScript would send them.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <ctime>

#include "test/support/page_client.hpp"
#include "views/session.hpp"

using namespace construction::testing;

namespace {

constexpr const char* kPassword = "correct horse battery";

struct LoggedIn {
  PageServer& server;
  PageClient client;
  std::string email;
};

LoggedIn log_in_new_org(const std::string& org) {
  static int n = 0;
  PageServer& server = shared_page_server();
  std::string email =
      "user" + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
  server.add_user(org + " " + std::to_string(n), email, kPassword);
  PageClient client(server.port());
  REQUIRE(client.log_in(email, kPassword));
  return {server, client, email};
}

struct Records {
  std::string party, project, estimate, line;
};

// A client, a project, an estimate with one line, through the pages.
Records make_records(PageClient& client, const std::string& name) {
  Records r;
  REQUIRE(client.post("/parties", {{"kind", "client"}, {"name", name}}).status == 303);
  HttpResult parties = client.get("/parties");
  auto row = parties.body.rfind("id=\"party-");
  REQUIRE(row != std::string::npos);
  row += 10;
  r.party = parties.body.substr(row, parties.body.find('"', row) - row);
  REQUIRE(r.party.find_first_not_of("0123456789") == std::string::npos);
  REQUIRE(client.get("/projects").status == 200);
  HttpResult project =
      client.post("/projects", {{"number", "P-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  r.project = id_after(project.header("location"), "/projects/");
  REQUIRE(client.get("/projects/" + r.project).status == 200);
  HttpResult estimate = client.post("/projects/" + r.project + "/estimates", {{"title", name}});
  REQUIRE(estimate.status == 303);
  r.estimate = id_after(estimate.header("location"), "/estimates/");
  REQUIRE(client.get("/estimates/" + r.estimate).status == 200);
  HttpResult line = client.post("/estimates/" + r.estimate + "/lines", {{"cost_code", "09-250"},
                                                                        {"cost_type", "material"},
                                                                        {"description", name},
                                                                        {"quantity", "2"},
                                                                        {"unit_cost", "10.00"},
                                                                        {"markup", "10"}});
  REQUIRE(line.status == 303);
  HttpResult editor = client.get("/estimates/" + r.estimate);
  auto at = editor.body.find("id=\"line-");
  REQUIRE(at != std::string::npos);
  at += 9;
  r.line = editor.body.substr(at, editor.body.find('"', at) - at);
  return r;
}

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) FROM parties), "
      "(SELECT count(*) || ':' || sum(version) FROM projects), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) "
      "FROM estimates), (SELECT count(*) || ':' || sum(version) FROM estimate_lines))");
}

}  // namespace

TEST_CASE("a POST without a valid CSRF token is 403 and changes nothing", "[process]") {
  LoggedIn user = log_in_new_org("CSRF");
  Records r = make_records(user.client, "Client of CSRF");
  std::string before = counts(user.server);

  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> posts = {
      {"/parties", {{"kind", "client"}, {"name", "Sneaky"}}},
      {"/projects", {{"number", "X-1"}, {"name", "Sneaky"}}},
      {"/projects/" + r.project + "/estimates", {{"title", "Sneaky"}}},
      {"/estimates/" + r.estimate + "/lines",
       {{"cost_code", "01-100"},
        {"cost_type", "other"},
        {"description", "x"},
        {"quantity", "1"},
        {"unit_cost", "1"}}},
      {"/estimates/" + r.estimate + "/lines/" + r.line + "/delete", {}},
      {"/estimates/" + r.estimate + "/send", {}},
      {"/logout", {}},
  };
  for (const auto& [path, fields] : posts) {
    INFO(path);
    HttpResult none = user.client.post(path, fields, false);
    CHECK(none.status == 403);
    auto forged = fields;
    forged["csrf_token"] = std::string(64, 'a');
    CHECK(user.client.post(path, forged, false).status == 403);
    // Another session's token is no token for this one.
    PageClient other(user.server.port());
    other.get("/login");
    forged["csrf_token"] = other.csrf;
    CHECK(user.client.post(path, forged, false).status == 403);
  }
  CHECK(counts(user.server) == before);
  // Still logged in, and the same request with the token works.
  CHECK(user.client.get("/").status == 200);
  CHECK(user.client.post("/parties", {{"kind", "client"}, {"name", "Honest"}}).status == 303);
}

TEST_CASE("a tampered or expired session cookie is treated as logged out", "[process]") {
  LoggedIn user = log_in_new_org("Session");
  REQUIRE(user.client.get("/").status == 200);
  const std::string good = user.client.session;

  auto logged_out = [&](const std::string& cookie) {
    HttpResult page =
        http_request(user.server.port(), "GET", "/projects", "", {{"Cookie", "session=" + cookie}});
    return page.status == 303 && page.header("location") == "/login";
  };
  CHECK(!logged_out(good));
  std::string flipped = good;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  CHECK(logged_out(flipped));
  // Another user id with the old signature.
  CHECK(logged_out("9" + good));
  CHECK(logged_out(""));
  CHECK(logged_out("garbage"));

  // The same session, signed with the server's key, last seen 9 hours ago.
  construction::views::SessionKeys keys(kPageSecretKey);
  auto session = keys.read(good, std::time(nullptr));
  REQUIRE(session);
  session->last_seen = std::time(nullptr) - 9 * 3600;
  CHECK(logged_out(keys.cookie_value(*session)));
  session->last_seen = std::time(nullptr) - 3600;
  CHECK(!logged_out(keys.cookie_value(*session)));

  // Logging out ends it: the cookie that came back is anonymous.
  REQUIRE(user.client.post("/logout", {}).status == 303);
  CHECK(user.client.get("/").header("location") == "/login");
}

// Behind a proxy that speaks HTTPS (X-Forwarded-Proto from a trusted
// address), every cookie a page sets is Secure: the session's, the flash's
// (it carries the user's name), its removal, the device cookie.
TEST_CASE("over HTTPS every cookie the pages set is Secure, the flash too", "[process]") {
  PageServer& server = shared_page_server();
  server.add_user("Secure org", "secure-cookies@example.com", kPassword);
  const std::map<std::string, std::string> https = {{"X-Forwarded-Proto", "https"}};
  PageClient client(server.port());
  client.get("/login", https);
  HttpResult in = client.post(
      "/login", {{"email", "secure-cookies@example.com"}, {"password", kPassword}}, true, https);
  REQUIRE(in.status == 303);
  HttpResult next = http_request(
      server.port(), "GET", "/", "",
      {{"Cookie", client.cookies() + "; flash=Welcome"}, {"X-Forwarded-Proto", "https"}});
  REQUIRE(next.status == 200);
  std::vector<std::string> cookies = in.set_cookies;
  cookies.insert(cookies.end(), next.set_cookies.begin(), next.set_cookies.end());
  bool flash = false;
  for (const std::string& cookie : cookies) {
    INFO(cookie);
    CHECK(cookie.find("; Secure") != std::string::npos);
    flash = flash || cookie.starts_with("flash=");
  }
  CHECK(flash);
  CHECK(next.body.find("Welcome") != std::string::npos);
}

// The dashboard, the projects page and a project's pages read their records
// in the same round trip as the member: a member let go meanwhile, with a
// cookie still good, is sent to /login and shown none of them.
TEST_CASE("a deactivated member's cookie opens no page and shows nothing read with it",
          "[process]") {
  LoggedIn user = log_in_new_org("Deactivated");
  Records r = make_records(user.client, "Quarry Lane Builders");
  const std::string cookie = "session=" + user.client.session;
  const std::vector<std::string> paths = {"/", "/projects", "/projects?q=Quarry",
                                          "/projects/" + r.project,
                                          "/projects/" + r.project + "/budget"};
  for (const std::string& path : paths) {
    INFO(path);
    HttpResult page = http_request(user.server.port(), "GET", path, "", {{"Cookie", cookie}});
    CHECK(page.status == 200);
    if (path.starts_with("/projects"))
      CHECK(page.body.find("Quarry Lane Builders") != std::string::npos);
  }
  user.server.db.exec("UPDATE users SET active = false WHERE email = '" + user.email + "'");
  for (const std::string& path : paths) {
    INFO(path);
    for (bool htmx : {false, true}) {
      std::map<std::string, std::string> headers = {{"Cookie", cookie}};
      if (htmx) headers["HX-Request"] = "true";
      HttpResult page = http_request(user.server.port(), "GET", path, "", headers);
      if (htmx) {
        CHECK(page.status == 200);
        CHECK(page.header("hx-redirect") == "/login");
      } else {
        CHECK(page.status == 303);
        CHECK(page.header("location") == "/login");
      }
      CHECK(page.body.find("Quarry Lane") == std::string::npos);
    }
  }
}

namespace {

// The projects list's rows for `query`, as the search box's htmx request
// gets them.
std::string project_rows(LoggedIn& user, const std::string& query) {
  const std::map<std::string, std::string> htmx = {{"HX-Request", "true"},
                                                   {"HX-Target", "project-rows"}};
  HttpResult page = user.client.get("/projects" + query, htmx);
  REQUIRE(page.status == 200);
  return page.body;
}

}  // namespace

TEST_CASE("the projects page lists, searches and filters the organisation's projects",
          "[process]") {
  LoggedIn user = log_in_new_org("Listing");
  REQUIRE(user.client.get("/projects").status == 200);
  REQUIRE(user.client
              .post("/projects", {{"number", "L-7"},
                                  {"name", "Harbour Street clinic"},
                                  {"status", "estimating"},
                                  {"start_date", "2027-03-01"}})
              .status == 303);
  REQUIRE(
      user.client
          .post("/projects", {{"number", "L-8"}, {"name", "Mill Road depot"}, {"status", "active"}})
          .status == 303);
  auto rows = [&](const std::string& query) { return project_rows(user, query); };
  std::string all = rows("");
  CHECK(all.find(">L-7</a></td><td data-label=\"Name\">") != std::string::npos);
  CHECK(all.find(">Harbour Street clinic</a></td><td data-label=\"Status\">Estimating</td>"
                 "<td data-label=\"Start\">Mar 1, 2027</td>"
                 "<td data-label=\"Contract sum\" class=\"num\">$0.00</td>") != std::string::npos);
  CHECK(all.find(">Mill Road depot</a></td><td data-label=\"Status\">Active</td>"
                 "<td data-label=\"Start\"></td>") != std::string::npos);

  std::string searched = rows("?q=harbour");
  CHECK(searched.find("Harbour Street clinic") != std::string::npos);
  CHECK(searched.find("Mill Road depot") == std::string::npos);
  std::string by_number = rows("?q=l-8");
  CHECK(by_number.find("Mill Road depot") != std::string::npos);
  CHECK(by_number.find("Harbour Street clinic") == std::string::npos);
  std::string active = rows("?status=active");
  CHECK(active.find("Mill Road depot") != std::string::npos);
  CHECK(active.find("Harbour Street clinic") == std::string::npos);
  CHECK(rows("?status=closed").find("No project matches this search.") != std::string::npos);
}

TEST_CASE("the projects page shows 50 at a time, the next ones after the last shown", "[process]") {
  LoggedIn user = log_in_new_org("Paging");
  const std::string org =
      user.server.db.scalar("SELECT org_id FROM users WHERE email = '" + user.email + "'");
  user.server.db.exec(
      "INSERT INTO projects (org_id, number, name, status) SELECT " + org +
      ", 'P-' || lpad(n::text, 3, '0'), 'Paged ' || n, CASE WHEN n % 2 = 0 THEN 'active' "
      "ELSE 'lead' END FROM generate_series(1, 120) n");
  const std::string id_of_50 = user.server.db.scalar(
      "SELECT id FROM projects WHERE org_id = " + org + " AND number = 'P-050'");
  auto rows = [&](const std::string& query) { return project_rows(user, query); };
  std::string first = rows("");
  CHECK(first.find(">P-050</a>") != std::string::npos);
  CHECK(first.find(">P-051</a>") == std::string::npos);
  CHECK(first.find("<input type=\"hidden\" name=\"after\" value=\"" + id_of_50 + "\">") !=
        std::string::npos);
  CHECK(first.find("Next 50 projects") != std::string::npos);
  CHECK(first.find(">First page</button>") == std::string::npos);

  std::string second = rows("?q=&status=&after=" + id_of_50);
  CHECK(second.find(">P-050</a>") == std::string::npos);
  CHECK(second.find(">P-051</a>") != std::string::npos);
  CHECK(second.find(">P-100</a>") != std::string::npos);
  // From the second page on, the first is one button away, the search kept.
  CHECK(second.find(">First page</button>") != std::string::npos);
  std::string last =
      rows("?after=" + user.server.db.scalar("SELECT id FROM projects WHERE org_id = " + org +
                                             " AND number = 'P-100'"));
  CHECK(last.find(">P-120</a>") != std::string::npos);
  CHECK(last.find("Next 50") == std::string::npos);
  CHECK(last.find(">First page</button>") != std::string::npos);

  // The search and the status go on to the next page.
  std::string active = rows("?q=paged&status=active");
  CHECK(active.find(">P-100</a>") != std::string::npos);
  CHECK(active.find(">P-102</a>") == std::string::npos);
  CHECK(active.find("name=\"q\" value=\"paged\"") != std::string::npos);
  CHECK(active.find("name=\"status\" value=\"active\"") != std::string::npos);
  // A full page (not htmx) has the same rows.
  HttpResult full = user.client.get("/projects?after=" + id_of_50);
  CHECK(full.status == 200);
  CHECK(full.body.find(">P-051</a>") != std::string::npos);
  CHECK(full.body.find(">P-050</a>") == std::string::npos);
}

TEST_CASE("the new-project form names an architect, and the project's page shows them",
          "[process]") {
  Org org = new_org("Architects");
  PageClient& c = org.owner;
  std::string client = new_party(c, "client", "Northwind Legal LLP", "");
  std::string architect = new_party(c, "architect", "Lindqvist Architecture", "");

  // The choice: "None" first, then the organisation's architects only.
  std::string form = c.get("/projects").body;
  auto select = form.find("<select name=\"architect_id\"");
  REQUIRE(select != std::string::npos);
  std::string options = form.substr(select, form.find("</select>", select) - select);
  CHECK(options.find("<option value=\"\">None</option>\n<option value=\"" + architect +
                     "\">Lindqvist Architecture</option>") != std::string::npos);
  CHECK(options.find("Northwind") == std::string::npos);

  // A client chosen as the architect (a form forged or stale) is refused
  // beside the field, what was typed kept.
  HttpResult wrong = c.post("/projects", {{"number", "A-1"},
                                          {"name", "Office fit-out"},
                                          {"client_id", client},
                                          {"architect_id", client}});
  CHECK(wrong.status == 422);
  CHECK(wrong.body.find("Architect must be one of your organisation&apos;s architects") !=
        std::string::npos);
  CHECK(wrong.body.find("value=\"Office fit-out\"") != std::string::npos);
  CHECK(wrong.body.find("Client must be") == std::string::npos);

  HttpResult created = c.post("/projects", {{"number", "A-1"},
                                            {"name", "Office fit-out"},
                                            {"client_id", client},
                                            {"architect_id", architect}});
  REQUIRE(created.status == 303);
  HttpResult page = c.get(created.header("location"));
  CHECK(page.body.find(" · Northwind Legal LLP · <span id=\"project-architect\">Architect: "
                       "Lindqvist Architecture</span>") != std::string::npos);
  CHECK(invalid_html({{"form", form}, {"project", page.body}}).empty());

  // Without one, the header names none.
  HttpResult bare = c.post("/projects", {{"number", "A-2"}, {"name", "Lobby"}});
  REQUIRE(bare.status == 303);
  CHECK(c.get(bare.header("location")).body.find("project-architect") == std::string::npos);
}

TEST_CASE("what people type is shown escaped on every page that shows it", "[process]") {
  LoggedIn user = log_in_new_org("Escaping");
  const std::string script = "<script>alert(1)</script>";
  const std::string attribute = "\"><img src=x onerror=alert(1)>";
  Records r = make_records(user.client, script + attribute);
  for (const std::string& path :
       {std::string("/"), std::string("/projects"), std::string("/parties"),
        "/projects/" + r.project, "/projects/" + r.project + "/estimates",
        "/estimates/" + r.estimate, "/estimates/" + r.estimate + "/print",
        "/projects?q=" + std::string("%3Cscript%3E")}) {
    INFO(path);
    HttpResult page = user.client.get(path);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<script>alert") == std::string::npos);
    CHECK(page.body.find("<img src=x") == std::string::npos);
    CHECK(page.header("content-security-policy").find("script-src 'self'") != std::string::npos);
  }
  CHECK(user.client.get("/parties").body.find("&lt;script&gt;alert(1)&lt;/script&gt;") !=
        std::string::npos);
  CHECK(user.client.get("/estimates/" + r.estimate).body.find("&quot;&gt;&lt;img src=x") !=
        std::string::npos);
}

TEST_CASE("another organisation's ids are 404 on every page route and change nothing",
          "[process]") {
  LoggedIn a = log_in_new_org("Tenant A");
  Records r = make_records(a.client, "A's record");
  LoggedIn b = log_in_new_org("Tenant B");
  std::string before = counts(a.server);

  const std::string p = "/projects/" + r.project, e = "/estimates/" + r.estimate;
  for (const std::string& path :
       {p, p + "/estimates", p + "/change-orders", p + "/billing", p + "/budget", p + "/schedule",
        p + "/daily-logs", e, e + "/print", e + "/lines/" + r.line,
        e + "/lines/" + r.line + "/edit", "/parties/" + r.party, "/parties/" + r.party + "/edit"}) {
    INFO("GET " << path);
    CHECK(b.client.get(path).status == 404);
    CHECK(b.client.get(path, {{"HX-Request", "true"}}).status == 404);
  }
  for (const std::string& path :
       {p + "/estimates", e + "/lines", e + "/lines/" + r.line, e + "/lines/" + r.line + "/delete",
        e + "/send", e + "/accept", e + "/decline", e + "/revise", "/parties/" + r.party}) {
    INFO("POST " << path);
    CHECK(b.client
              .post(path, {{"title", "x"},
                           {"cost_code", "01-100"},
                           {"kind", "client"},
                           {"name", "Taken over"}})
              .status == 404);
  }
  CHECK(counts(a.server) == before);
  // The owner still sees it.
  CHECK(a.client.get(e).status == 200);
}

TEST_CASE("the log-in page refuses a wrong password without saying which part was wrong",
          "[process]") {
  PageServer& server = shared_page_server();
  server.add_user("Login org", "login-check@example.com", kPassword);
  PageClient client(server.port());
  client.get("/login");
  HttpResult wrong =
      client.post("/login", {{"email", "login-check@example.com"}, {"password", "nope nope"}});
  CHECK(wrong.status == 422);
  CHECK(wrong.body.find("The email or the password is not right.") != std::string::npos);
  CHECK(wrong.body.find("value=\"login-check@example.com\"") != std::string::npos);
  client.get("/login");
  HttpResult unknown =
      client.post("/login", {{"email", "nobody@example.com"}, {"password", kPassword}});
  CHECK(unknown.status == 422);
  CHECK(client.get("/").header("location") == "/login");
}

TEST_CASE("failed log-ins on the page are slowed down and logged, as the API's are", "[process]") {
  PageServer& server = shared_page_server();
  server.add_user("Throttle org", "throttled-page@example.com", kPassword);
  PageClient client(server.port());
  // The account's limit is five failures (operations/login_throttle.hpp):
  // the fifth blocks the account for a minute, the right password included.
  for (int i = 0; i < 5; ++i) {
    client.get("/login");
    HttpResult wrong = client.post(
        "/login", {{"email", "throttled-page@example.com"}, {"password", "wrong guess"}});
    CHECK(wrong.status == 422);
  }
  for (int i = 0; i < 5; ++i) {
    client.get("/login");
    HttpResult slowed =
        client.post("/login", {{"email", "throttled-page@example.com"}, {"password", kPassword}});
    CHECK(slowed.status == 429);
    CHECK(slowed.body.find("Too many failed log-ins. Try again in 1 minute.") != std::string::npos);
    CHECK(!slowed.header("retry-after").empty());
  }
  CHECK(client.get("/").header("location") == "/login");
  std::string log = server.server->error_log();
  CHECK(log.find("Failed log-in for \"throttled-page@example.com\" from 127.0.0.1") !=
        std::string::npos);
  CHECK(log.find("Log-in for \"throttled-page@example.com\" from 127.0.0.1 refused") !=
        std::string::npos);
}
