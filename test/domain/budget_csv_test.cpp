// The budget report as CSV: dollars with two decimals and no grouping,
// RFC 4180 quoting, and no formula a spreadsheet would run.
#include "domain/budget_csv.hpp"

#include <catch2/catch.hpp>

using namespace construction;
using construction::domain::Cents;

TEST_CASE("cents are written as dollars with two decimals, no grouping", "[unit]") {
  CHECK(domain::csv_dollars(Cents{-123450}) == "-1234.50");
  CHECK(domain::csv_dollars(Cents{5}) == "0.05");
  CHECK(domain::csv_dollars(Cents{-5}) == "-0.05");
  CHECK(domain::csv_dollars(Cents{0}) == "0.00");
  CHECK(domain::csv_dollars(Cents{100000000000000000}) == "1000000000000000.00");
}

TEST_CASE("text fields are quoted where needed and never start a formula", "[unit]") {
  CHECK(domain::csv_text("09-250") == "09-250");
  CHECK(domain::csv_text("a, b") == "\"a, b\"");
  CHECK(domain::csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(domain::csv_text("two\nlines") == "\"two\nlines\"");
  CHECK(domain::csv_text("=SUM(A1)") == "'=SUM(A1)");
  CHECK(domain::csv_text("-1+2,3") == "\"'-1+2,3\"");
}

TEST_CASE("the CSV has a header, a row per line and a total row", "[unit]") {
  domain::BudgetReport report = domain::budget_report(
      {{"09-250", "subcontract", {Cents{100000}, Cents{0}, Cents{0}, Cents{90000}, Cents{45050}}}},
      Cents{120000}, domain::BasisPoints{1667});
  CHECK(domain::budget_csv(report) ==
        "cost_code,cost_type,original_budget,transfers,approved_changes,revised_budget,committed,"
        "actual,uncommitted,projected,variance,percent_spent\r\n"
        "09-250,subcontract,1000.00,0.00,0.00,1000.00,900.00,450.50,100.00,1000.00,0.00,45.05\r\n"
        "Total,,1000.00,0.00,0.00,1000.00,900.00,450.50,100.00,1000.00,0.00,45.05\r\n");
}
