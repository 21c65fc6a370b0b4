#include "domain/project_financials.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

TEST_CASE("financials of a project before any estimate is accepted are all zero", "[unit]") {
  CHECK(compute_project_financials(std::nullopt, {}, {}, {}) == ProjectFinancials{});
}

TEST_CASE("financials of the kitchen remodel, worked by hand", "[unit]") {
  // Accepted estimate: $37,297.00.
  // Change orders: approved +1,481.47 and the credit -1,372.49 -> approved 108.98;
  // pending 500.00; the draft, rejected and void ones count nowhere.
  std::vector<ChangeOrderFigures> orders = {
      {ChangeOrderStatus::approved, Cents{148147}}, {ChangeOrderStatus::approved, Cents{-137249}},
      {ChangeOrderStatus::pending, Cents{50000}},   {ChangeOrderStatus::draft, Cents{99999}},
      {ChangeOrderStatus::rejected, Cents{77777}},  {ChangeOrderStatus::void_, Cents{-5555}},
  };
  // Invoices: billed = every one not void, the draft included (the spec's
  // rule): 5,000.00 + 12,000.00 + 8,000.00 + 1,000.00 = 26,000.00.
  // Paid: 5,000.00 + 7,000.00 = 12,000.00.
  std::vector<InvoiceFigures> invoices = {
      {InvoiceStatus::paid, Cents{500000}, Cents{500000}},
      {InvoiceStatus::partially_paid, Cents{1200000}, Cents{700000}},
      {InvoiceStatus::sent, Cents{800000}, Cents{0}},
      {InvoiceStatus::void_, Cents{300000}, Cents{0}},
      {InvoiceStatus::draft, Cents{100000}, Cents{0}},
  };
  // Retainage held: line 5 of the latest certified application (number 2),
  // not of the submitted number 3, whatever order they come in.
  std::vector<PayApplicationFigures> applications = {
      {2, PayApplicationStatus::certified, Cents{250000}},
      {3, PayApplicationStatus::submitted, Cents{400000}},
      {1, PayApplicationStatus::certified, Cents{120000}},
  };
  // contract to date = 37,297.00 + 108.98 = 37,405.98
  // outstanding = 26,000.00 - 12,000.00 = 14,000.00
  // balance to finish = 37,405.98 - 26,000.00 = 11,405.98
  CHECK(compute_project_financials(Cents{3729700}, orders, invoices, applications) ==
        ProjectFinancials{Cents{3729700}, Cents{10898}, Cents{50000}, Cents{3740598},
                          Cents{2600000}, Cents{250000}, Cents{1200000}, Cents{1400000},
                          Cents{1140598}});
}

TEST_CASE("no certified application holds no retainage", "[unit]") {
  std::vector<PayApplicationFigures> applications = {
      {1, PayApplicationStatus::submitted, Cents{120000}}};
  CHECK(compute_project_financials(Cents{100}, {}, {}, applications).retainage_held == Cents{0});
}

TEST_CASE("a credit can make approved change orders negative", "[unit]") {
  std::vector<ChangeOrderFigures> orders = {{ChangeOrderStatus::approved, Cents{-250000}}};
  ProjectFinancials f = compute_project_financials(Cents{10000000}, orders, {}, {});
  CHECK(f.approved_change_orders == Cents{-250000});
  CHECK(f.contract_sum_to_date == Cents{9750000});
  CHECK(f.balance_to_finish == Cents{9750000});
}
