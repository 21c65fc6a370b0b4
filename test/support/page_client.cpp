#include "test/support/page_client.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test/support/command.hpp"

namespace construction::testing {

namespace {

std::string cookie_value(const std::string& set_cookie, const std::string& name) {
  if (set_cookie.rfind(name + "=", 0) != 0) return {};
  std::string value = set_cookie.substr(name.size() + 1);
  return value.substr(0, value.find(';'));
}

std::string csrf_in(const std::string& body) {
  const std::string marker = "name=\"csrf_token\" value=\"";
  auto at = body.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return body.substr(at, body.find('"', at) - at);
}

}  // namespace

PageServer::PageServer() {
  server = std::make_unique<ServerProcess>(ServerOptions{
      .binary = CONSTRUCTION_BINARY,
      .args = {"-w", "1"},
      .env = {
          {"DATABASE_URL", db.url()}, {"APP_ENV", "development"}, {"SECRET_KEY", kPageSecretKey}}});
}

void PageServer::add_user(const std::string& org, const std::string& email,
                          const std::string& password, const std::string& role) {
  CommandResult user = run_command({CONSTRUCTION_BINARY, "create-user", "--org", org, "--email",
                                    email, "--role", role, "--password-stdin"},
                                   {{"DATABASE_URL", db.url()}, {"APP_ENV", "development"}},
                                   make_temp_dir("cli"), password + "\n");
  INFO(user.out << user.err);
  REQUIRE(user.status == 0);
}

PageServer& shared_page_server() {
  static PageServer server;
  return server;
}

std::string form_encode(const std::map<std::string, std::string>& fields) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&name, &value}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

std::string id_after(const std::string& location, const std::string& prefix) {
  if (location.rfind(prefix, 0) != 0) return {};
  std::string rest = location.substr(prefix.size());
  return rest.substr(0, rest.find_first_not_of("0123456789"));
}

HttpResult PageClient::keep(HttpResult result) {
  for (const std::string& set_cookie : result.set_cookies) {
    if (std::string value = cookie_value(set_cookie, "session"); !value.empty()) session = value;
    if (std::string value = cookie_value(set_cookie, "device"); !value.empty()) device = value;
  }
  std::string token = csrf_in(result.body);
  if (!token.empty()) csrf = token;
  return result;
}

std::string PageClient::cookies() const {
  std::string header;
  if (!session.empty()) header = "session=" + session;
  if (!device.empty()) header += (header.empty() ? "device=" : "; device=") + device;
  return header;
}

HttpResult PageClient::get(const std::string& path, std::map<std::string, std::string> headers) {
  if (!cookies().empty()) headers["Cookie"] = cookies();
  return keep(http_request(port_, "GET", path, "", headers, 10000));
}

HttpResult PageClient::post(const std::string& path, std::map<std::string, std::string> fields,
                            bool with_csrf, std::map<std::string, std::string> headers) {
  if (with_csrf) fields["csrf_token"] = csrf;
  if (!cookies().empty()) headers["Cookie"] = cookies();
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return keep(http_request(port_, "POST", path, form_encode(fields), headers, 10000));
}

bool PageClient::log_in(const std::string& email, const std::string& password) {
  get("/login");
  HttpResult result = post("/login", {{"email", email}, {"password", password}});
  if (result.status != 303 || result.header("location") != "/") return false;
  return get("/").status == 200;  // the new session's CSRF token
}

namespace {

const std::string kPassword = "correct horse battery";
const std::map<std::string, std::string> kHtmx = {{"HX-Request", "true"}};

// A unique address for a new user named after `who`.
std::string new_email(const std::string& who) {
  static int n = 0;
  return who + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
}

}  // namespace

PageClient logged_in(const std::string& org, const std::string& email, const std::string& role) {
  PageServer& server = shared_page_server();
  server.add_user(org, email, kPassword, role);
  PageClient client(server.port());
  REQUIRE(client.log_in(email, kPassword));
  return client;
}

Org new_org(const std::string& label) {
  std::string email = new_email("owner");  // owner5-1234@example.com: the org "label 5-1234"
  std::string name = label + " " + email.substr(5, email.find('@') - 5);
  return {name, logged_in(name, email, "owner")};
}

PageClient new_member(const std::string& org, const std::string& role) {
  return logged_in(org, new_email(role), role);
}

void check_refused_without_csrf(PageClient& client, const PageRequests& posts) {
  for (const auto& [path, fields] : posts) {
    INFO("POST " << path);
    CHECK(client.post(path, fields, false).status == 403);
    auto forged = fields;
    forged["csrf_token"] = std::string(64, 'a');
    CHECK(client.post(path, forged, false).status == 403);
    CHECK(client.post(path, forged, false, kHtmx).status == 403);
  }
}

void check_not_found(PageClient& other, const PageRequests& gets, const PageRequests& posts) {
  for (const auto& [path, headers] : gets) {
    INFO("GET " << path);
    CHECK(other.get(path, headers).status == 404);
  }
  for (const auto& [path, fields] : posts) {
    INFO("POST " << path);
    CHECK(other.post(path, fields).status == 404);
    CHECK(other.post(path, fields, true, kHtmx).status == 404);
  }
}

std::string id_in(const std::string& body, const std::string& marker, bool last) {
  auto at = last ? body.rfind(marker) : body.find(marker);
  REQUIRE(at != std::string::npos);
  at += marker.size();
  return body.substr(at, body.find_first_not_of("0123456789", at) - at);
}

std::string new_party(PageClient& c, const std::string& kind, const std::string& name,
                      const std::string& email) {
  c.get("/parties");
  REQUIRE(c.post("/parties", {{"kind", kind}, {"name", name}, {"email", email}}).status == 303);
  std::string parties = c.get("/parties").body;
  auto row = parties.rfind("id=\"party-", parties.find(">" + name + "<"));
  REQUIRE(row != std::string::npos);
  return id_in(parties.substr(row), "id=\"party-");
}

std::string project_for_client(PageClient& c, const std::string& client, const std::string& email) {
  std::string client_id = new_party(c, "client", client, email);
  c.get("/projects");
  HttpResult project = c.post("/projects", {{"number", "P-" + std::to_string(std::rand())},
                                            {"name", client + " job"},
                                            {"client_id", client_id}});
  REQUIRE(project.status == 303);
  return id_after(project.header("location"), "/projects/");
}

std::string invalid_html(const std::vector<std::pair<std::string, std::string>>& bodies) {
  auto dir = std::filesystem::temp_directory_path() /
             ("page-html-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  std::vector<std::string> argv = {
      "/usr/bin/env", "node",
      std::string(CONSTRUCTION_SOURCE_DIR) + "/test/views/validate_html.mjs"};
  int n = 0;
  for (const auto& [name, body] : bodies) {
    auto file = dir / (std::to_string(++n) + ".html");
    std::ofstream(file) << body;
    argv.push_back(file.string());
  }
  CommandResult result = run_command(argv, {}, CONSTRUCTION_SOURCE_DIR);
  std::filesystem::remove_all(dir);
  if (result.status == 0) return {};
  std::string report = result.out + result.err;
  for (n = 0; n < static_cast<int>(bodies.size()); ++n) {
    std::string file = std::to_string(n + 1) + ".html";
    for (auto at = report.find("/" + file + ":"); at != std::string::npos;
         at = report.find("/" + file + ":", at + 1))
      report.insert(at, "[" + bodies[n].first + "] ");
  }
  return report.empty() ? "html-validate did not run: status " + std::to_string(result.status)
                        : report;
}

}  // namespace construction::testing
