#include "test/support/team_pages.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>

namespace construction::testing {

std::string team_email(const std::string& who) {
  static int n = 0;
  return who + "-team" + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
}

PageClient team_member(const std::string& org, const std::string& email, const std::string& role) {
  return logged_in(org, email, role);
}

std::string mailed_link(const std::string& email) {
  std::string body = shared_page_server().db.scalar(
      "SELECT text_body FROM messages WHERE lower(to_addresses[1]) = lower('" + email +
      "') ORDER BY id DESC LIMIT 1");
  // Development's PUBLIC_URL: links never follow the request's Host.
  const std::string base = "http://localhost:8000";
  auto at = body.find(base + "/");
  if (at == std::string::npos) return {};
  at += base.size();
  return body.substr(at, body.find_first_of(" \n", at) - at);
}

bool opens_account(const std::string& session) {
  HttpResult page = http_request(shared_page_server().port(), "GET", "/account", "",
                                 {{"Cookie", "session=" + session}});
  return page.status == 200;
}

int api_status(const std::string& token) {
  return http_request(shared_page_server().port(), "GET", "/api/v1/me", "",
                      {{"Authorization", "Bearer " + token}})
      .status;
}

}  // namespace construction::testing
