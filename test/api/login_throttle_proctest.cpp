// Password guessing on POST /auth/tokens is throttled per account and
// address, per account and per address (operations/login_throttle.hpp):
// after 20 wrong passwords from one address the right one is refused there
// with 429 and Retry-After, and logged with the email and address but never
// the password, while the user at another address gets in; once the block
// has passed (the stored times moved back, as the clock would), the right
// password works. An unknown email is answered exactly as a known one.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test/support/api_server.hpp"

using namespace construction::testing;

namespace {

HttpResult log_in(ApiServer& api, const std::string& email, const std::string& password,
                  const std::string& address = "") {
  std::map<std::string, std::string> headers;
  if (!address.empty()) headers["X-Forwarded-For"] = address;
  return api.send("POST", "/api/v1/auth/tokens", "",
                  R"({"email":")" + email + R"(","password":")" + password + "\"}", headers);
}

// The statuses of 20 wrong passwords, then of the 21st try with `last`.
std::vector<int> guess(ApiServer& api, const std::string& email, const std::string& last) {
  std::vector<int> statuses;
  for (int i = 0; i < 20; ++i)
    statuses.push_back(log_in(api, email, "wrong guess " + std::to_string(i)).status);
  HttpResult r = log_in(api, email, last);
  statuses.push_back(r.status);
  return statuses;
}

}  // namespace

TEST_CASE("auth: 20 wrong passwords make the 21st try wait, even with the right password",
          "[process]") {
  ApiServer api;  // its own: the address counts of other tests stay out
  std::string email = unique("guessed") + "@example.com";
  api.user_token(unique("Throttle Org"), email, "owner", "the right password");

  std::vector<int> statuses = guess(api, email, "the right password");
  CHECK(std::count(statuses.begin(), statuses.begin() + 5, 401) == 5);
  CHECK(std::count(statuses.begin() + 5, statuses.end(), 429) == 16);
  HttpResult refused = log_in(api, email, "the right password");
  REQUIRE(refused.status == 429);
  CHECK(at(refused, "error.code") == "too_many_attempts");
  int retry_after = std::stoi(refused.header("retry-after"));
  CHECK(retry_after > 0);
  CHECK(retry_after <= 60);
  std::string log = api.server->error_log();
  CHECK(log.find("[WARNING] Failed log-in for \"" + email + "\" from 127.0.0.1") !=
        std::string::npos);
  CHECK(log.find("[WARNING] Log-in for \"" + email + "\" from 127.0.0.1 refused") !=
        std::string::npos);
  CHECK(log.find("wrong guess") == std::string::npos);
  CHECK(log.find("the right password") == std::string::npos);

  // The minute passes.
  api.db.exec(
      "UPDATE login_throttles SET last_failure_at = last_failure_at - interval '61 seconds', "
      "blocked_until = blocked_until - interval '61 seconds'");
  HttpResult later = log_in(api, email, "the right password");
  CHECK(later.status == 201);
  CHECK(api.db.scalar("SELECT count(*) FROM login_throttles WHERE scope = 'account'") == "0");
  CHECK(log_in(api, email, "wrong again").status == 401);
}

TEST_CASE("auth: an unknown email is throttled exactly as a known one", "[process]") {
  ApiServer api;
  std::string known = unique("known") + "@example.com";
  api.user_token(unique("Throttle Org"), known, "owner", "the right password");
  std::vector<int> real = guess(api, known, "still wrong");
  api.db.exec("DELETE FROM login_throttles WHERE scope = 'address'");
  std::vector<int> none = guess(api, unique("nobody") + "@example.com", "still wrong");
  CHECK(real == none);
  CHECK(real.back() == 429);
}

TEST_CASE("auth: wrong passwords from one address keep that address out, not the user elsewhere",
          "[process]") {
  ApiServer api;
  std::string email = unique("targeted") + "@example.com";
  api.user_token(unique("Throttle Org"), email, "owner", "the right password");
  std::vector<int> statuses;
  for (int i = 0; i < 20; ++i)
    statuses.push_back(log_in(api, email, "guess " + std::to_string(i), "203.0.113.9").status);
  CHECK(std::count(statuses.begin(), statuses.begin() + 5, 401) == 5);
  CHECK(std::count(statuses.begin() + 5, statuses.end(), 429) == 15);
  CHECK(log_in(api, email, "the right password", "203.0.113.9").status == 429);

  // The user, at another address, is not kept out by the attacker's failures.
  HttpResult user = log_in(api, email, "the right password", "198.51.100.7");
  CHECK(user.status == 201);
  CHECK(api.server->error_log().find("Failed log-in for \"" + email +
                                     "\" from 203.0.113.9 (5 for the account from the address, "
                                     "5 for the account, 5 from the address)") !=
        std::string::npos);
}
