// A job built by hand through the operations, its budget report checked
// column by column against figures worked out below (never from the code
// under test), with the spec's invariants:
//   Σ of every _cents column over the lines = totals; transfers net to zero;
//   a commitment's billed total never exceeds its amount; the report is the
//   same read mid-way as the documents' stored amounts say.
//
// Estimate E-001 (accepted), cost = qty x unit cost, price = cost x (1 + markup):
//   1  01-310 labor        Supervision       100 hr x  65.00 =   6,500.00  +25 % =   8,125.00
//   2  01-310 other        Dumpsters           1 ls x 1,200.00 =  1,200.00  +10 % =   1,320.00
//   3  03-300 material     Concrete         12.5 cy x 148.00 =   1,850.00  +20 % =   2,220.00
//   4  03-300 labor        Place and finish   40 hr x  55.00 =   2,200.00  +35 % =   2,970.00
//   5  03-300 equipment    Pump truck          1 ls x  950.00 =     950.00  +15 % =   1,092.50
//   6  09-250 subcontract  Drywall             1 ls x 18,000  =  18,000.00  +10 % =  19,800.00
//   7  09-250 material     Corner bead         1 ls x  400.00 =     400.00  +20 % =     480.00
//   8  26-100 subcontract  Electrical          1 ls x 24,000  =  24,000.00  +10 % =  26,400.00
//   9  26-100 material     Fixtures            1 ls x 3,000   =   3,000.00  +20 % =   3,600.00
//   cost 58,100.00 (5,810,000); price = total 66,007.50 (6,600,750), no tax
//   margin = (6,600,750 - 5,810,000) x 10000 / 6,600,750 = 1197.97 -> 1198 bps
// CO-001 (approved): 26-100 subcontract +1,500.00 (+10 % = 1,650.00) and
//   03-300 material credit -300.00 (+20 % = -360.00): amount 1,290.00;
//   contract sum to date 6,600,750 + 129,000 = 6,729,750.
// CO-002 (draft, not counted): 09-250 subcontract +5,000.00.
// Transfer: 1,000.00 from 01-310 labor to 09-250 labor (a new line).
// Commitments:
//   SC-001 Acme Drywall, 10 %: 09-250 subcontract 17,500.00; 09-250 labor 900.00 = 18,400.00
//   SC-002 Volt Electric, 5 %: 26-100 subcontract 26,000.00
//   PO-001 Ready Mix, 0 %:     03-300 material 1,600.00; 03-300 equipment 900.00 = 2,500.00
//   SC-003 Acme Drywall (draft, not counted): 01-310 labor 5,000.00
// Bills (approved or paid count; draft and void do not):
//   A-100 Acme vs SC-001: 09-250 subcontract 7,000.00 + 09-250 labor 300.00 = 7,300.00
//         retainage 10 % = 730.00, payable 6,570.00 (paid)
//   A-101 Acme vs SC-001: 09-250 subcontract 6,000.00, retainage 600.00
//   V-7   Volt vs SC-002: 26-100 subcontract 12,345.67, retainage 5 % = 617.2835 -> 617.28
//   RM-1  Ready Mix vs PO-001: 03-300 material 1,700.00 (past its PO line, within the PO)
//   RM-2  Ready Mix vs PO-001: 03-300 material -125.00 (a credit)
//   R-55  Rent-All direct: 01-500 equipment 850.00 (a cost code only on a bill) +
//         03-300 equipment 400.00 = 1,250.00 (paid)
//   V-8   Volt vs SC-002, draft: 26-100 subcontract 5,000.00 (not counted)
//   A-102 Acme vs SC-001, approved then void: 09-250 subcontract 1,000.00 (not counted)
#include <catch2/catch.hpp>
#include <map>

#include "operations/budget.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/commitment_transitions.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/refusal.hpp"
#include "operations/vendor_bill_transitions.hpp"
#include "sql/database_settings.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

sql::Connection connect(const ScratchDatabase& db) {
  sql::DatabaseSettings settings;
  settings.url = db.url();
  settings.application_name = "construction-test";
  return sql::Connection::open(settings);
}

struct Job {
  sql::Connection& db;
  std::int64_t org = 0;
  std::int64_t project = 0;

  std::int64_t party(std::string_view kind, const std::string& name) {
    return sql::insert_party(db, org, {*domain::parse_party_kind(kind), name, "", "", ""}).id;
  }

  void accept_estimate(const std::vector<domain::CostLineInput>& inputs) {
    std::vector<sql::LineFields> lines;
    for (const auto& input : inputs) {
      auto line = price_line_fields(input, static_cast<std::int64_t>(lines.size()) + 1);
      REQUIRE(line.ok());
      lines.push_back(line.value());
    }
    auto draft = insert_estimate_document(db, org, project, {"E-001", "Fit-out", {}, 0, ""}, lines);
    transition_estimate(db, org, draft.estimate.id, domain::EstimateAction::send);
    transition_estimate(db, org, draft.estimate.id, domain::EstimateAction::accept);
  }

  std::int64_t change_order(const std::string& title, std::vector<domain::CostLineInput> inputs,
                            bool approve) {
    NewChangeOrder order;
    order.fields = {"", title, "", 0};
    for (const auto& input : inputs) {
      auto line = price_line_fields(input, static_cast<std::int64_t>(order.lines.size()) + 1,
                                    domain::UnitCostSign::credit_allowed);
      REQUIRE(line.ok());
      order.lines.push_back(line.value());
    }
    auto made = create_change_order(db, org, project, [&] { return order; });
    if (approve) {
      transition_change_order(db, org, made.order.id, domain::ChangeOrderAction::submit);
      transition_change_order(db, org, made.order.id, domain::ChangeOrderAction::approve);
    }
    return made.order.id;
  }

  std::int64_t commitment(domain::CommitmentKind kind, std::int64_t party, std::optional<int> bps,
                          std::vector<sql::AmountLineFields> lines, bool approve = true) {
    NewCommitment input;
    input.fields = {"", kind, party, "Commitment", bps.value_or(0)};
    input.retainage_given = bps.has_value();
    input.lines = std::move(lines);
    auto made = create_commitment(db, org, project, [&] { return input; });
    if (approve)
      transition_commitment(db, org, made.commitment.id, domain::CommitmentAction::approve);
    return made.commitment.id;
  }

  VendorBillDocument bill(const std::string& number, std::int64_t party,
                          std::optional<std::int64_t> commitment,
                          std::vector<sql::AmountLineFields> lines) {
    NewVendorBill input;
    input.fields = {number, party, commitment, *domain::parse_date("2026-03-10"),
                    domain::parse_date("2026-04-09")};
    input.lines = std::move(lines);
    return create_vendor_bill(db, org, project, [&] { return input; });
  }

  VendorBillDocument act(const VendorBillDocument& bill, domain::VendorBillAction action) {
    return transition_vendor_bill(db, org, bill.bill.id, action);
  }
};

// The columns of one line (or the totals), as the spec names them.
struct Expected {
  std::int64_t original, transfers, changes, revised, committed, actual, uncommitted, projected,
      variance, percent;
};

void check_columns(const domain::BudgetColumns& c, const Expected& e) {
  CHECK(c.original.value == e.original);
  CHECK(c.transfers.value == e.transfers);
  CHECK(c.approved_changes.value == e.changes);
  CHECK(c.revised.value == e.revised);
  CHECK(c.committed.value == e.committed);
  CHECK(c.actual.value == e.actual);
  CHECK(c.uncommitted.value == e.uncommitted);
  CHECK(c.projected.value == e.projected);
  CHECK(c.variance.value == e.variance);
  CHECK(c.percent_spent.value == e.percent);
}

void check_sums_equal_totals(const domain::BudgetReport& r) {
  domain::BudgetColumns sum;
  for (const auto& l : r.lines) {
    sum.original += l.columns.original;
    sum.transfers += l.columns.transfers;
    sum.approved_changes += l.columns.approved_changes;
    sum.revised += l.columns.revised;
    sum.committed += l.columns.committed;
    sum.actual += l.columns.actual;
    sum.uncommitted += l.columns.uncommitted;
    sum.projected += l.columns.projected;
    sum.variance += l.columns.variance;
  }
  sum.percent_spent = r.totals.percent_spent;
  CHECK(sum == r.totals);
  CHECK(r.totals.transfers.value == 0);
  CHECK(r.profit.projected_cost == r.totals.projected);
}

}  // namespace

TEST_CASE("the budget report of a job built by hand, every column of every line", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = connect(scratch);
  Job job{db};
  job.org = sql::find_or_create_organisation(db, "Job Cost Builders").id;
  std::int64_t client = job.party("client", "Owner LLC");
  sql::ProjectFields project{.number = "JC-1", .name = "Fit-out", .client_id = client};
  project.status = domain::ProjectStatus::active;
  job.project = sql::insert_project(db, job.org, project).id;
  std::int64_t acme = job.party("subcontractor", "Acme Drywall");
  std::int64_t volt = job.party("subcontractor", "Volt Electric");
  std::int64_t ready_mix = job.party("vendor", "Ready Mix Co");
  std::int64_t rent_all = job.party("vendor", "Rent-All");

  // Nothing yet: the project answers, with no lines and zero figures.
  domain::BudgetReport empty = budget_report(db, job.org, job.project);
  CHECK(empty.lines.empty());
  CHECK(empty.profit.contract_sum_to_date.value == 0);

  job.accept_estimate({
      {"01-310", "labor", "Supervision", "100", "hr", 6500, 2500, false},
      {"01-310", "other", "Dumpsters", "1", "ls", 120000, 1000, false},
      {"03-300", "material", "Concrete", "12.5", "cy", 14800, 2000, false},
      {"03-300", "labor", "Place and finish", "40", "hr", 5500, 3500, false},
      {"03-300", "equipment", "Pump truck", "1", "ls", 95000, 1500, false},
      {"09-250", "subcontract", "Drywall", "1", "ls", 1800000, 1000, false},
      {"09-250", "material", "Corner bead", "1", "ls", 40000, 2000, false},
      {"26-100", "subcontract", "Electrical", "1", "ls", 2400000, 1000, false},
      {"26-100", "material", "Fixtures", "1", "ls", 300000, 2000, false},
  });
  job.change_order("Extra circuits",
                   {{"26-100", "subcontract", "Add 6 circuits", "1", "ls", 150000, 1000, false},
                    {"03-300", "material", "Less concrete", "1", "ls", -30000, 2000, false}},
                   true);
  job.change_order("Not yet decided",
                   {{"09-250", "subcontract", "Soffits", "1", "ls", 500000, 1000, false}}, false);

  // A transfer out of a line may empty it, not take it below zero
  // (01-310 labor holds 6,500.00).
  auto too_much = [&] {
    return sql::BudgetTransferFields{
        {"01-310", "labor"}, {"09-250", "labor"}, domain::Cents{650001}, "Too much"};
  };
  try {
    transfer_budget(db, job.org, job.project, too_much);
    FAIL("a transfer below zero was accepted");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::invalid_fields);
    CHECK(refusal.fields.has("amount_cents"));
  }
  transfer_budget(db, job.org, job.project, [] {
    return sql::BudgetTransferFields{{"01-310", "labor"},
                                     {"09-250", "labor"},
                                     domain::Cents{100000},
                                     "Taping by the drywall sub"};
  });

  std::int64_t sc1 = job.commitment(domain::CommitmentKind::subcontract, acme, std::nullopt,
                                    {{"09-250", "subcontract", "Hang and finish", 1750000},
                                     {"09-250", "labor", "Taping crew", 90000}});
  std::int64_t sc2 = job.commitment(domain::CommitmentKind::subcontract, volt, 500,
                                    {{"26-100", "subcontract", "Electrical", 2600000}});
  std::int64_t po1 = job.commitment(
      domain::CommitmentKind::purchase_order, ready_mix, std::nullopt,
      {{"03-300", "material", "Ready mix", 160000}, {"03-300", "equipment", "Pump", 90000}});
  job.commitment(domain::CommitmentKind::subcontract, acme, std::nullopt,
                 {{"01-310", "labor", "Site labour", 500000}}, false);

  // Mid-way: committed, nothing billed. The committed total is the sum of
  // the approved commitments' stored amounts: 18,400 + 26,000 + 2,500.
  domain::BudgetReport mid = budget_report(db, job.org, job.project);
  CHECK(mid.totals.committed.value == 1840000 + 2600000 + 250000);
  CHECK(mid.totals.actual.value == 0);
  check_sums_equal_totals(mid);

  using domain::VendorBillAction;
  auto a100 = job.bill(
      "A-100", acme, sc1,
      {{"09-250", "subcontract", "Progress 1", 700000}, {"09-250", "labor", "Taping", 30000}});
  CHECK(a100.bill.amounts.amount_cents == domain::Cents{730000});
  CHECK(a100.bill.amounts.retainage_cents == domain::Cents{73000});
  CHECK(a100.bill.amounts.payable_cents == domain::Cents{657000});
  job.act(a100, VendorBillAction::approve);
  CHECK(job.act(a100, VendorBillAction::pay).bill.status == domain::VendorBillStatus::paid);
  job.act(job.bill("A-101", acme, sc1, {{"09-250", "subcontract", "Progress 2", 600000}}),
          VendorBillAction::approve);
  auto v7 = job.act(job.bill("V-7", volt, sc2, {{"26-100", "subcontract", "Rough-in", 1234567}}),
                    VendorBillAction::approve);
  CHECK(v7.bill.amounts.retainage_cents == domain::Cents{61728});
  CHECK(v7.bill.amounts.payable_cents == domain::Cents{1172839});
  job.act(job.bill("RM-1", ready_mix, po1, {{"03-300", "material", "Slab pour", 170000}}),
          VendorBillAction::approve);
  auto rm2 = job.act(job.bill("RM-2", ready_mix, po1, {{"03-300", "material", "Returned", -12500}}),
                     VendorBillAction::approve);
  CHECK(rm2.bill.amounts.amount_cents == domain::Cents{-12500});
  CHECK(rm2.bill.amounts.retainage_cents == domain::Cents{0});
  auto r55 = job.bill("R-55", rent_all, std::nullopt,
                      {{"01-500", "equipment", "Scissor lift", 85000},
                       {"03-300", "equipment", "Pump hire", 40000}});
  job.act(r55, VendorBillAction::approve);
  job.act(r55, VendorBillAction::pay);
  job.bill("V-8", volt, sc2, {{"26-100", "subcontract", "Trim", 500000}});
  auto a102 = job.bill("A-102", acme, sc1, {{"09-250", "subcontract", "Entered twice", 100000}});
  job.act(a102, VendorBillAction::approve);
  job.act(a102, VendorBillAction::void_);

  // PO-001 has billed 1,700.00 - 125.00 = 1,575.00 of 2,500.00: 925.00 left.
  try {
    job.bill("RM-3", ready_mix, po1,
             {{"03-300", "material", "Topping", 50000}, {"03-300", "material", "Curbs", 42501}});
    FAIL("a bill past its commitment was accepted");
  } catch (const Refusal& refusal) {
    CHECK(refusal.kind == Refusal::Kind::invalid_fields);
    CHECK(refusal.fields.has("lines[1].amount_cents"));
  }

  domain::BudgetReport r = budget_report(db, job.org, job.project);
  std::vector<std::pair<std::string, Expected>> expected = {
      // key                     orig  transfers chg  revised  comm  actual uncomm proj  var  pct
      {"01-310 labor", {650000, -100000, 0, 550000, 0, 0, 550000, 550000, 0, 0}},
      {"01-310 other", {120000, 0, 0, 120000, 0, 0, 120000, 120000, 0, 0}},
      // only on a bill: no budget, all projected, over by all of it
      {"01-500 equipment", {0, 0, 0, 0, 0, 85000, 0, 85000, -85000, 0}},
      {"03-300 labor", {220000, 0, 0, 220000, 0, 0, 220000, 220000, 0, 0}},
      // revised 185,000 - 30,000; actual 170,000 - 12,500 = 157,500;
      // 157,500 / 155,000 = 101.6129 % -> 10161
      {"03-300 material", {185000, 0, -30000, 155000, 160000, 157500, 0, 160000, -5000, 10161}},
      // 40,000 / 95,000 = 42.105 % -> 4211
      {"03-300 equipment", {95000, 0, 0, 95000, 90000, 40000, 5000, 95000, 0, 4211}},
      {"09-250 labor", {0, 100000, 0, 100000, 90000, 30000, 10000, 100000, 0, 3000}},
      {"09-250 material", {40000, 0, 0, 40000, 0, 0, 40000, 40000, 0, 0}},
      // 1,300,000 / 1,800,000 = 72.222 % -> 7222
      {"09-250 subcontract", {1800000, 0, 0, 1800000, 1750000, 1300000, 50000, 1800000, 0, 7222}},
      {"26-100 material", {300000, 0, 0, 300000, 0, 0, 300000, 300000, 0, 0}},
      // revised 2,400,000 + 150,000; 1,234,567 / 2,550,000 = 48.414 % -> 4841
      {"26-100 subcontract",
       {2400000, 0, 150000, 2550000, 2600000, 1234567, 0, 2600000, -50000, 4841}},
  };
  REQUIRE(r.lines.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(expected[i].first);
    CHECK(r.lines[i].cost_code + " " + r.lines[i].cost_type == expected[i].first);
    check_columns(r.lines[i].columns, expected[i].second);
  }
  // Totals: original 5,810,000 (the estimate's cost); transfers net 0;
  // changes 150,000 - 30,000; revised 5,930,000; committed 4,690,000;
  // actual 7,300 + 6,000 + 12,345.67 + 1,700 - 125 + 1,250 = 28,470.67;
  // uncommitted 1,295,000; projected 6,070,000; variance -140,000;
  // percent 2,847,067 / 5,930,000 = 48.011 % -> 4801.
  check_columns(r.totals,
                {5810000, 0, 120000, 5930000, 4690000, 2847067, 1295000, 6070000, -140000, 4801});
  // Profit: 6,729,750 - 6,070,000 = 659,750; margin 659,750 / 6,729,750
  // = 9.8035 % -> 980 bps; the estimate's 1198 bps.
  CHECK(r.profit.contract_sum_to_date.value == 6729750);
  CHECK(r.profit.projected_cost.value == 6070000);
  CHECK(r.profit.projected_profit.value == 659750);
  CHECK(r.profit.projected_margin.value == 980);
  CHECK(r.profit.original_margin.value == 1198);

  // Invariants.
  check_sums_equal_totals(r);
  // The documents' stored amounts agree with the report's recomputed sums.
  CHECK(scratch.scalar("SELECT sum(amount_cents) FROM commitments "
                       "WHERE status IN ('approved', 'closed')") ==
        std::to_string(r.totals.committed.value));
  CHECK(scratch.scalar("SELECT sum(amount_cents) FROM vendor_bills "
                       "WHERE status IN ('approved', 'paid')") ==
        std::to_string(r.totals.actual.value));
  for (std::int64_t id : {sc1, sc2, po1}) {
    auto c = load_commitment(db, job.org, id).commitment;
    INFO(c.fields.number);
    CHECK(c.billed_cents <= c.amount_cents);
  }
  CHECK(load_commitment(db, job.org, po1).commitment.billed_cents == domain::Cents{157500});

  // Another organisation sees no such project.
  std::int64_t other = sql::find_or_create_organisation(db, "Someone Else").id;
  CHECK_THROWS_AS(budget_report(db, other, job.project), Refusal);
}
