#include "domain/demo_estimate.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "domain/estimate.hpp"
#include "domain/schedule_of_values.hpp"
#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

namespace {

std::vector<PricedLine> priced_demo_lines(
    const std::vector<CostLineInput>& inputs = demo_estimate_lines()) {
  std::vector<PricedLine> lines;
  for (const CostLineInput& input : inputs) {
    auto priced = price_estimate_line(input);
    INFO(input.cost_code << " " << input.description);
    REQUIRE(priced.ok());
    lines.push_back(priced.value());
  }
  return lines;
}

}  // namespace

TEST_CASE("the demo estimate costs $31,150.00 and is priced $37,297.00", "[unit]") {
  auto lines = priced_demo_lines();
  REQUIRE(lines.size() == 12);
  auto totals = total_estimate(lines, kDemoEstimateTaxRate);
  REQUIRE(totals.ok());
  CHECK(format_cents(totals.value().cost) == "$31,150.00");
  CHECK(format_cents(totals.value().subtotal) == "$37,297.00");
  CHECK(totals.value().tax == Cents{0});
  CHECK(format_cents(totals.value().total) == "$37,297.00");
  CHECK(format_bps(totals.value().margin) == "16.48 %");
}

TEST_CASE("the demo estimate's lines, each worked by hand", "[unit]") {
  auto lines = priced_demo_lines();
  const std::vector<LineAmounts> expected = {
      {Cents{156000}, Cents{210600}},    // 24 x 65.00; x 1.35
      {Cents{85000}, Cents{97750}},      // 850.00; x 1.15
      {Cents{57600}, Cents{77760}},      // 12 x 48.00; x 1.35
      {Cents{88000}, Cents{118800}},     // 16 x 55.00; x 1.35
      {Cents{76850}, Cents{92220}},      // 768.50; x 1.20
      {Cents{1155000}, Cents{1386000}},  // 30 x 385.00; x 1.20
      {Cents{88000}, Cents{118800}},     // 16 x 55.00; x 1.35
      {Cents{564525}, Cents{649204}},    // 58.5 x 96.50; x 1.15 = 6492.0375
      {Cents{117563}, Cents{135197}},    // 412.5 x 2.85 = 1175.625; x 1.15 = 1351.9745
      {Cents{79380}, Cents{99225}},      // 36.75 x 21.60; x 1.25
      {Cents{272800}, Cents{313720}},    // 220 x 12.40; x 1.15
      {Cents{374282}, Cents{430424}},    // 3742.82; x 1.15 = 4304.243
  };
  REQUIRE(lines.size() == expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO(lines[i].line.cost_code << " " << lines[i].line.description);
    CHECK(lines[i].amounts == expected[i]);
  }
}

TEST_CASE("the demo estimate's codes run 01-100 to 09-900 at the remodel markups", "[unit]") {
  auto lines = priced_demo_lines();
  CHECK(lines.front().line.cost_code == "01-100");
  CHECK(lines.back().line.cost_code == "09-900");
  for (const PricedLine& priced : lines) {
    INFO(priced.line.cost_code << " " << priced.line.description);
    std::int64_t markup = priced.line.markup.value;
    switch (priced.line.cost_type) {
      case CostType::labor:
        CHECK(markup == 3500);
        break;
      case CostType::material:
        CHECK((markup >= 2000 && markup <= 2500));
        break;
      case CostType::subcontract:
      case CostType::other:
        CHECK(markup == 1500);
        break;
      case CostType::equipment:
        FAIL("the demo has no equipment line");
        break;
    }
  }
}

TEST_CASE("the demo estimate's schedule of values sums to the contract sum", "[unit]") {
  auto lines = priced_demo_lines();
  auto schedule = schedule_from_estimate(lines, Cents{0});
  // 12 lines over 10 codes: 06-100 and 06-400 have two lines each.
  REQUIRE(schedule.size() == 10);
  // 01-100, 01-500, 02-220, then 06-100 at item 4.
  CHECK(schedule[3] == SovLine{4,
                               "06-100 Framing and blocking for the new layout; "
                               "Framing lumber and hardware",
                               Cents{211020},
                               {}});                     // 118800 + 92220
  CHECK(schedule[4].scheduled_value == Cents{1504800});  // 1386000 + 118800
  CentsSum sum;
  for (const SovLine& sov : schedule) sum.add(sov.scheduled_value);
  CHECK(sum.total() == Cents{3729700});
}

TEST_CASE("the demo fit-out costs $151,750.00 and is priced $168,826.50", "[unit]") {
  auto lines = priced_demo_lines(demo_fit_out_lines());
  REQUIRE(lines.size() == 8);
  auto totals = total_estimate(lines, kDemoFitOutTaxRate);
  REQUIRE(totals.ok());
  CHECK(format_cents(totals.value().cost) == "$151,750.00");
  CHECK(format_cents(totals.value().subtotal) == "$168,826.50");
  CHECK(totals.value().tax == Cents{0});
  CHECK(format_cents(totals.value().total) == "$168,826.50");
  CHECK(format_bps(totals.value().margin) == "10.11 %");
  // 14 doors at $865.00 = $12,110.00; x 1.15 = $13,926.50.
  CHECK(lines[2].amounts == LineAmounts{Cents{1211000}, Cents{1392650}});
}

TEST_CASE("the demo fit-out's schedule of values: one line per code, summing to the price",
          "[unit]") {
  auto schedule = schedule_from_estimate(priced_demo_lines(demo_fit_out_lines()), Cents{0});
  REQUIRE(schedule.size() == 8);
  CHECK(schedule.front().description == "01-310 Project management and site supervision");
  CHECK(schedule.back().scheduled_value == Cents{5940000});  // 54,000.00 x 1.10
  CentsSum sum;
  for (const SovLine& sov : schedule) sum.add(sov.scheduled_value);
  CHECK(sum.total() == Cents{16882650});
}
