#include "domain/schedule_of_values.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

namespace {

PricedLine priced(std::string code, std::string description, std::int64_t price_cents) {
  return PricedLine{CostLine{std::move(code), CostType::other, std::move(description)},
                    LineAmounts{Cents{price_cents}, Cents{price_cents}}};
}

}  // namespace

TEST_CASE("the schedule has one line per cost code, in cost-code order", "[unit]") {
  // Given out of order, with 09-250 twice and 01-100 twice.
  std::vector<PricedLine> lines = {
      priced("09-250", "Hang drywall", 40000),
      priced("01-100", "Supervision", 12345),
      priced("09-250", "Tape and finish", 15050),
      priced("06-400", "Cabinets", 900000),
      priced("01-100", "Cleanup", 5),
  };
  auto schedule = schedule_from_estimate(lines, Cents{0});
  // 01-100: 12345 + 5 = 12350; 06-400: 900000; 09-250: 40000 + 15050 = 55050.
  CHECK(schedule == std::vector<SovLine>{
                        {1, "01-100 Supervision; Cleanup", Cents{12350}, {}},
                        {2, "06-400 Cabinets", Cents{900000}, {}},
                        {3, "09-250 Hang drywall; Tape and finish", Cents{55050}, {}},
                    });
}

TEST_CASE("the schedule puts a non-zero tax on its own last line", "[unit]") {
  std::vector<PricedLine> lines = {priced("06-400", "Cabinets", 100000)};
  auto schedule = schedule_from_estimate(lines, Cents{8250});
  REQUIRE(schedule.size() == 2);
  CHECK(schedule[1] == SovLine{2, "Sales tax", Cents{8250}, {}});
  CHECK(schedule_from_estimate(lines, Cents{0}).size() == 1);
}

TEST_CASE("an estimate without lines schedules nothing but its tax", "[unit]") {
  CHECK(schedule_from_estimate({}, Cents{0}).empty());
}

TEST_CASE("a change order adds one line, a credit at a negative value", "[unit]") {
  CHECK(schedule_line_for_change_order(7, 42, "CO-002", "Credit for owner-supplied range",
                                       Cents{-57550}) ==
        SovLine{7, "Change order CO-002: Credit for owner-supplied range", Cents{-57550}, 42});
}
