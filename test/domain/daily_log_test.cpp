#include "domain/daily_log.hpp"

#include <catch2/catch.hpp>

#include "test/domain/transition_table.hpp"

using namespace construction::domain;

TEST_CASE("daily log transitions: every status x every action", "[unit]") {
  using S = DailyLogStatus;
  using A = DailyLogAction;
  check_transition_table<S, A>(
      {
          {S::draft, A::submit, S::submitted},
          {S::submitted, A::submit, {}},
      },
      2, 1);
  CHECK(!refuse_edit(S::draft));
  CHECK(refuse_edit(S::submitted)->message ==
        "cannot edit a daily log that is submitted (only in draft)");
}

TEST_CASE("temperatures and crew hours", "[unit]") {
  CHECK(validate_temperatures(-3, 8).empty());
  CHECK(validate_temperatures(9, 8).has("temp_low_c"));
  CHECK(validate_temperatures(std::nullopt, 8).empty());
  CHECK(validate_crew_hours("7.5", 1, "h").value() == "7.5");
  CHECK(validate_crew_hours("48", 2, "h").value() == "48");
  CHECK(validate_crew_hours("48.001", 2, "h").error().has("h"));
  CHECK(validate_crew_hours("-1", 2, "h").error().has("h"));
  CHECK(validate_crew_hours("1.2345", 2, "h").error().has("h"));
}
