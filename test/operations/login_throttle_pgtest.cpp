// The throttle in PostgreSQL, as log_in uses it: counts per account and per
// address in exact figures, the key's case ignored for accounts, a success
// clearing the account only, and old rows forgotten.
#include <catch2/catch.hpp>

#include "operations/authentication.hpp"
#include "operations/login_throttle.hpp"
#include "operations/password.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

TEST_CASE("failures are counted per account and per address, in exact figures", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  for (int i = 1; i <= 4; ++i) {
    Throttle t = record_failure(db, "Ann@Example.com", "10.0.0.1");
    CHECK(t.account_failures == i);
    CHECK(t.address_failures == i);
  }
  CHECK(check_throttle(db, "ann@example.com", "10.0.0.1").retry_after == 0);
  record_failure(db, "ANN@example.com", "10.0.0.2");  // the 5th for the account
  Throttle blocked = check_throttle(db, "ann@example.com", "10.0.0.9");
  CHECK(blocked.account_failures == 5);
  CHECK(blocked.address_failures == 0);
  CHECK((blocked.retry_after == 60 || blocked.retry_after == 59));
  CHECK(check_throttle(db, "bob@example.com", "10.0.0.1").retry_after == 0);
  CHECK(scratch.scalar("SELECT failures FROM login_throttles WHERE scope = 'address' AND "
                       "key = '10.0.0.1'") == "4");

  // 20 failures from one address over several accounts block the address.
  for (int i = 0; i < 16; ++i)
    record_failure(db, "user" + std::to_string(i % 4) + "@x.com", "10.0.0.1");
  CHECK(scratch.scalar("SELECT failures FROM login_throttles WHERE scope = 'address' AND "
                       "key = '10.0.0.1'") == "20");
  Throttle address = check_throttle(db, "carol@example.com", "10.0.0.1");
  CHECK(address.address_failures == 20);
  CHECK((address.retry_after == 60 || address.retry_after == 59));
  CHECK(check_throttle(db, "carol@example.com", "10.0.0.3").retry_after == 0);

  // A success clears the account, not the address; the clock moving on
  // unblocks both.
  clear_account(db, "Ann@example.com");
  CHECK(check_throttle(db, "ann@example.com", "10.0.0.3").retry_after == 0);
  CHECK(check_throttle(db, "ann@example.com", "10.0.0.1").retry_after > 0);
  scratch.exec("UPDATE login_throttles SET blocked_until = now() - interval '1 second'");
  CHECK(check_throttle(db, "ann@example.com", "10.0.0.1").retry_after == 0);
  CHECK(record_failure(db, "ann@example.com", "10.0.0.1").address_failures == 21);

  // Rows idle for a day are deleted by the next failure.
  scratch.exec(
      "UPDATE login_throttles SET last_failure_at = now() - interval '25 hours', "
      "blocked_until = NULL");
  record_failure(db, "dave@example.com", "10.0.0.4");
  CHECK(scratch.scalar("SELECT count(*) FROM login_throttles") == "2");
}

TEST_CASE("log_in: ok, wrong and throttled, the same for an unknown email", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Throttle Org");
  sql::insert_user(db, org.id, {"erin@example.com", "Erin", "owner", true},
                   hash_password("right password"));
  for (const std::string email : {"erin@example.com", "nobody@example.com"}) {
    INFO(email);
    for (int i = 0; i < 5; ++i) {
      LogIn wrong = log_in(db, email, "wrong password", "192.0.2.7");
      CHECK(wrong.outcome == LogIn::Outcome::wrong);
      CHECK(wrong.note.find(email) != std::string::npos);
      CHECK(wrong.note.find("wrong password") == std::string::npos);
    }
    LogIn throttled = log_in(db, email, "right password", "192.0.2.7");
    CHECK(throttled.outcome == LogIn::Outcome::throttled);
    CHECK(throttled.retry_after > 0);
    CHECK(throttled.note.find("192.0.2.7") != std::string::npos);
  }
  scratch.exec("UPDATE login_throttles SET blocked_until = now() - interval '1 second'");
  LogIn ok = log_in(db, "Erin@example.com", "right password", "192.0.2.7");
  REQUIRE(ok.outcome == LogIn::Outcome::ok);
  CHECK(ok.login->user.email == "erin@example.com");
  CHECK(ok.note.empty());
  CHECK(scratch.scalar("SELECT count(*) FROM login_throttles WHERE key = 'erin@example.com'") ==
        "0");
}
