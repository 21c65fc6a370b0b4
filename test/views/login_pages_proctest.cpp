// The log-in page's throttle with device cookies (OWASP's scheme,
// operations/login_throttle.hpp): failures from elsewhere lock out the
// clients an account has never seen, from any address, while a browser that
// logged in to that account before logs in at once; that browser's own
// failures lock out its device cookie alone. Addresses are given with
// X-Forwarded-For, which the test server trusts from 127.0.0.1.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

constexpr const char* kPassword = "correct horse battery";

std::string new_email(const std::string& who) {
  static int n = 0;
  return who + "-device" + std::to_string(++n) + "-" + std::to_string(::getpid()) + "@example.com";
}

// A log-in through the page from `address`: the status (303 in, 422 wrong,
// 429 throttled).
int log_in_from(PageClient& client, const std::string& email, const std::string& password,
                const std::string& address) {
  client.get("/login");
  HttpResult result = client.post("/login", {{"email", email}, {"password", password}}, true,
                                  {{"X-Forwarded-For", address}});
  return result.status;
}

// A browser that has logged in to `email` once (it keeps its device cookie)
// and logged out again.
PageClient known_browser(const std::string& email, const std::string& address) {
  PageClient browser(shared_page_server().port());
  REQUIRE(log_in_from(browser, email, kPassword, address) == 303);
  CHECK(!browser.device.empty());           // without it, the checks below say what it costs
  REQUIRE(browser.get("/").status == 200);  // the session's CSRF token, for logging out
  REQUIRE(browser.post("/logout", {}).status == 303);
  return browser;
}

// Wrong passwords from each of `addresses` until each is refused (429).
void attack(const std::string& email, const std::vector<std::string>& addresses) {
  for (const std::string& address : addresses) {
    INFO(address);
    PageClient attacker(shared_page_server().port());
    int status = 422;
    for (int i = 0; i < 30 && status == 422; ++i)
      status = log_in_from(attacker, email, "guess " + std::to_string(i), address);
    REQUIRE(status == 429);
  }
}

}  // namespace

TEST_CASE("failures from elsewhere lock out new clients of the account, not its known browser",
          "[process]") {
  PageServer& server = shared_page_server();
  std::string email = new_email("victim");
  server.add_user("Device org " + email, email, kPassword);
  PageClient browser = known_browser(email, "198.51.100.10");

  attack(email, {"203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"});

  // Anyone without the browser's device cookie waits, the right password
  // included, from an address that never failed: the page and the API.
  PageClient stranger(server.port());
  CHECK(log_in_from(stranger, email, kPassword, "192.0.2.50") == 429);
  HttpResult token =
      http_request(server.port(), "POST", "/api/v1/auth/tokens",
                   R"({"email":")" + email + R"(","password":")" + kPassword + "\"}",
                   {{"Content-Type", "application/json"}, {"X-Forwarded-For", "192.0.2.51"}});
  CHECK(token.status == 429);

  // The user's browser logs in at once, at home or at the attacker's address.
  PageClient at_home = browser;
  CHECK(log_in_from(at_home, email, kPassword, "198.51.100.10") == 303);
  CHECK(at_home.get("/").status == 200);
  PageClient elsewhere = browser;
  CHECK(log_in_from(elsewhere, email, kPassword, "203.0.113.1") == 303);

  // A device cookie is the account's it was given for, and signed.
  std::string other = new_email("other");
  server.add_user("Device org " + other, other, kPassword);
  PageClient borrowed = known_browser(other, "198.51.100.11");
  CHECK(log_in_from(borrowed, email, kPassword, "198.51.100.11") == 429);
  PageClient forged = browser;
  if (!forged.device.empty()) forged.device.back() = forged.device.back() == '0' ? '1' : '0';
  CHECK(log_in_from(forged, email, kPassword, "198.51.100.10") == 429);
}

TEST_CASE("a known browser's own failures lock out its device cookie alone", "[process]") {
  PageServer& server = shared_page_server();
  std::string email = new_email("careless");
  server.add_user("Device org " + email, email, kPassword);
  PageClient phone = known_browser(email, "198.51.100.20");
  PageClient laptop = known_browser(email, "198.51.100.21");

  for (int i = 0; i < 5; ++i)
    CHECK(log_in_from(phone, email, "mistyped " + std::to_string(i), "198.51.100.20") == 422);
  CHECK(log_in_from(phone, email, kPassword, "198.51.100.20") == 429);
  // The laptop, another address without a device cookie: not blocked.
  CHECK(log_in_from(laptop, email, kPassword, "198.51.100.20") == 303);
  PageClient fresh(server.port());
  CHECK(log_in_from(fresh, email, kPassword, "198.51.100.22") == 303);
  std::string log = server.server->error_log();
  CHECK(log.find("Failed log-in for \"" + email + "\" from 198.51.100.20 with a device cookie") !=
        std::string::npos);
}
