// The throttle in PostgreSQL, as log_in uses it: an unknown client's
// failures counted for the account from its address, for the account and
// for the address, a known device's for its device cookie alone, in exact
// figures; the key's case ignored for accounts; a success clearing the
// counters it was checked against but the address's; old rows forgotten.
#include <catch2/catch.hpp>

#include "operations/authentication.hpp"
#include "operations/login_throttle.hpp"
#include "operations/password.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

const std::string kDevice = "00112233445566778899aabbccddeeff";
const std::string kOtherDevice = "ffeeddccbbaa99887766554433221100";

LogInClient from(const std::string& address) {
  return {address, std::nullopt};
}

bool blocked(std::int64_t retry_after) {
  return retry_after == 60 || retry_after == 59;
}

}  // namespace

TEST_CASE(
    "an unknown client's failures count for the account at its address, the account and "
    "the address",
    "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  for (int i = 1; i <= 4; ++i) {
    Throttle t = record_failure(db, "Ann@Example.com", from("10.0.0.1"));
    CHECK(t.account_address_failures == i);
    CHECK(t.account_failures == i);
    CHECK(t.address_failures == i);
    CHECK(t.device_failures == 0);
  }
  CHECK(check_throttle(db, "ann@example.com", from("10.0.0.1")).retry_after == 0);

  // The 5th from one address blocks that address for the account, no other.
  record_failure(db, "ANN@example.com", from("10.0.0.1"));
  Throttle at_one = check_throttle(db, "ann@example.com", from("10.0.0.1"));
  CHECK(blocked(at_one.retry_after));
  CHECK(at_one.account_address_failures == 5);
  CHECK(at_one.account_failures == 5);
  CHECK(check_throttle(db, "ann@example.com", from("10.0.0.2")).retry_after == 0);
  CHECK(check_throttle(db, "bob@example.com", from("10.0.0.1")).retry_after == 0);

  // Five more from a second address: the account's 10th blocks every
  // unknown client of it, not a device that logged in to it before.
  for (int i = 0; i < 5; ++i) record_failure(db, "ann@example.com", from("10.0.0.2"));
  Throttle anywhere = check_throttle(db, "ann@example.com", from("10.0.0.3"));
  CHECK(blocked(anywhere.retry_after));
  CHECK(anywhere.account_failures == 10);
  CHECK(anywhere.account_address_failures == 0);
  CHECK(check_throttle(db, "ann@example.com", {"10.0.0.1", kDevice}).retry_after == 0);
  CHECK(check_throttle(db, "bob@example.com", from("10.0.0.3")).retry_after == 0);

  // 20 failures from one address over several accounts block the address.
  for (int i = 0; i < 20; ++i)
    record_failure(db, "user" + std::to_string(i % 10) + "@x.com", from("10.0.0.5"));
  Throttle address = check_throttle(db, "carol@example.com", from("10.0.0.5"));
  CHECK(address.address_failures == 20);
  CHECK(blocked(address.retry_after));
  CHECK(check_throttle(db, "carol@example.com", from("10.0.0.6")).retry_after == 0);

  // A success clears the account's counters checked (its own address's
  // pair), not the address's; the clock moving on unblocks the rest.
  clear_after_success(db, "Ann@example.com", from("10.0.0.1"));
  CHECK(scratch.scalar("SELECT string_agg(scope || ' ' || key || ' ' || failures, ', ' ORDER BY "
                       "scope, key) FROM login_throttles WHERE key LIKE '%ann@%' OR key = "
                       "'10.0.0.1'") ==
        "account_address 10.0.0.2 ann@example.com 5, address 10.0.0.1 5");
  CHECK(check_throttle(db, "ann@example.com", from("10.0.0.2")).retry_after > 0);
  scratch.exec("UPDATE login_throttles SET blocked_until = now() - interval '1 second'");
  CHECK(check_throttle(db, "ann@example.com", from("10.0.0.2")).retry_after == 0);
  CHECK(record_failure(db, "ann@example.com", from("10.0.0.5")).address_failures == 21);

  // Rows idle for a day are deleted by the next failure.
  scratch.exec(
      "UPDATE login_throttles SET last_failure_at = now() - interval '25 hours', "
      "blocked_until = NULL");
  record_failure(db, "dave@example.com", from("10.0.0.4"));
  CHECK(scratch.scalar("SELECT count(*) FROM login_throttles") == "3");
}

TEST_CASE("a known device's failures count for its device cookie alone", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  for (int i = 1; i <= 5; ++i) {
    Throttle t = record_failure(db, "ann@example.com", {"10.0.0.1", kDevice});
    CHECK(t.device_failures == i);
    CHECK(t.account_failures == 0);
    CHECK(t.address_failures == 0);
  }
  CHECK(scratch.scalar("SELECT string_agg(scope, ',') FROM login_throttles") == "device");
  CHECK(blocked(check_throttle(db, "ann@example.com", {"10.0.0.1", kDevice}).retry_after));
  // The same account from another device, or from an unknown client, is not.
  CHECK(check_throttle(db, "ann@example.com", {"10.0.0.1", kOtherDevice}).retry_after == 0);
  CHECK(check_throttle(db, "ann@example.com", from("10.0.0.1")).retry_after == 0);
  // A success clears the device's counter.
  clear_after_success(db, "ann@example.com", {"10.0.0.1", kDevice});
  CHECK(scratch.scalar("SELECT count(*) FROM login_throttles") == "0");
}

TEST_CASE("log_in: ok, wrong and throttled, the same for an unknown email", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto org = sql::find_or_create_organisation(db, "Throttle Org");
  sql::insert_user(db, org.id, {"erin@example.com", "Erin", domain::Role::owner, true},
                   hash_password("right password"));
  for (const std::string email : {"erin@example.com", "nobody@example.com"}) {
    INFO(email);
    for (int i = 0; i < 5; ++i) {
      LogIn wrong = log_in(db, email, "wrong password", from("192.0.2.7"));
      CHECK(wrong.outcome == LogIn::Outcome::wrong);
      CHECK(wrong.note.find(email) != std::string::npos);
      CHECK(wrong.note.find("wrong password") == std::string::npos);
    }
    LogIn throttled = log_in(db, email, "right password", from("192.0.2.7"));
    CHECK(throttled.outcome == LogIn::Outcome::throttled);
    CHECK(throttled.retry_after > 0);
    CHECK(throttled.note.find("192.0.2.7") != std::string::npos);
  }
  // A device cookie is a key of its own: the account's block does not hold it.
  LogIn device = log_in(db, "erin@example.com", "right password", {"192.0.2.7", kDevice});
  CHECK(device.outcome == LogIn::Outcome::ok);
  scratch.exec("UPDATE login_throttles SET blocked_until = now() - interval '1 second'");
  LogIn ok = log_in(db, "Erin@example.com", "right password", from("192.0.2.7"));
  REQUIRE(ok.outcome == LogIn::Outcome::ok);
  CHECK(ok.login->user.email == "erin@example.com");
  CHECK(ok.note.empty());
  CHECK(scratch.scalar("SELECT count(*) FROM login_throttles WHERE key LIKE '%erin@example.com'") ==
        "0");
}
