#include "test/support/page_client.hpp"

#include <catch2/catch.hpp>

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
  std::string value = cookie_value(result.header("set-cookie"), "session");
  if (!value.empty()) session = value;
  std::string token = csrf_in(result.body);
  if (!token.empty()) csrf = token;
  return result;
}

HttpResult PageClient::get(const std::string& path, std::map<std::string, std::string> headers) {
  if (!session.empty()) headers["Cookie"] = "session=" + session;
  return keep(http_request(port_, "GET", path, "", headers, 10000));
}

HttpResult PageClient::post(const std::string& path, std::map<std::string, std::string> fields,
                            bool with_csrf, std::map<std::string, std::string> headers) {
  if (with_csrf) fields["csrf_token"] = csrf;
  if (!session.empty()) headers["Cookie"] = "session=" + session;
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return keep(http_request(port_, "POST", path, form_encode(fields), headers, 10000));
}

bool PageClient::log_in(const std::string& email, const std::string& password) {
  get("/login");
  HttpResult result = post("/login", {{"email", email}, {"password", password}});
  if (result.status != 303 || result.header("location") != "/") return false;
  return get("/").status == 200;  // the new session's CSRF token
}

}  // namespace construction::testing
