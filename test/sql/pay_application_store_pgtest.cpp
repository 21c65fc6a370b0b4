// The pay application store hands up its period as the day stored, its
// status as the domain's enum, and submitted_at / certified_at as instants
// that follow the status.
#include <catch2/catch.hpp>

#include "sql/pay_application_store.hpp"
#include "test/sql/org_with_project.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace std::chrono_literals;
using construction::testing::ScratchDatabase;
using domain::PayApplicationStatus;

TEST_CASE("a pay application's period, status and instants come back typed", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto [org, job] = sql::test::org_with_project(db, "Billing org");

  sql::PayApplicationRecord a =
      sql::insert_pay_application(db, org, job, {1, domain::Date{2026y / 12 / 31}, 1000, 500});
  CHECK(a.period_to == domain::Date{2026y / 12 / 31});
  CHECK(db.exec("SELECT period_to::text AS period_to FROM pay_applications WHERE id = $1", a.id)
            .single_row()["period_to"]
            .string() == "2026-12-31");
  CHECK(a.status == PayApplicationStatus::draft);
  CHECK_FALSE(a.submitted_at);

  a = sql::set_pay_application_status(db, org, a.id, PayApplicationStatus::submitted, std::nullopt);
  CHECK(a.status == PayApplicationStatus::submitted);
  REQUIRE(a.submitted_at);
  CHECK_FALSE(a.certified_at);
  domain::Timestamp submitted = *a.submitted_at;

  a = sql::set_pay_application_status(db, org, a.id, PayApplicationStatus::certified,
                                      domain::Cents{0});
  CHECK(a.status == PayApplicationStatus::certified);
  CHECK(a.submitted_at == submitted);
  REQUIRE(a.certified_at);
  CHECK(*a.certified_at >= submitted);
  CHECK(a.certified_cents == domain::Cents{0});

  auto latest = sql::latest_pay_application(db, org, job);
  REQUIRE(latest);
  CHECK(latest->status == PayApplicationStatus::certified);
  CHECK(latest->certified_at == a.certified_at);
  CHECK(latest->period_to == domain::Date{2026y / 12 / 31});
}
