// operations/margin_checks: the dashboard's margin alerts as the job cost
// report gives them, whether the worker's map keeps a project's figures, sums
// them again after its counter moved, or was emptied because it was full.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "operations/margin_checks.hpp"
#include "sql/query.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;

namespace {

// An active project with a contract of 10,000.00 and an accepted estimate
// costing 8,000.00 on 09-250 material (a margin of 20.00 %), and a vendor
// of the organisation; its id.
std::string project(const ScratchDatabase& db, const std::string& org, const std::string& number) {
  std::string p = db.scalar(
      "INSERT INTO projects (org_id, number, name, status, original_contract_sum_cents) VALUES (" +
      org + ", '" + number + "', 'Lofts', 'active', 1000000) RETURNING id");
  std::string e = db.scalar(
      "INSERT INTO estimates (org_id, project_id, number, title, status, cost_cents, "
      "subtotal_cents, total_cents, margin_bps) VALUES (" +
      org + ", " + p +
      ", 'E-1', 'Lofts', 'accepted', 800000, 1000000, 1000000, 2000) RETURNING id");
  db.exec(
      "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
      "description, quantity, unit_cost_cents, markup_bps, cost_cents, price_cents) VALUES (" +
      org + ", " + e + ", 1, '09-250', 'material', 'Board', 1, 800000, 2500, 800000, 1000000)");
  return p;
}

// An approved bill of `cents` on 09-250 material.
void bill(const ScratchDatabase& db, const std::string& org, const std::string& project,
          const std::string& party, const std::string& number, long cents) {
  std::string b = db.scalar(
      "INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date, status, "
      "amount_cents, payable_cents, approved_at) VALUES (" +
      org + ", " + project + ", '" + number + "', " + party + ", '2026-03-02', 'approved', " +
      std::to_string(cents) + ", " + std::to_string(cents) + ", now()) RETURNING id");
  db.exec(
      "INSERT INTO vendor_bill_lines (org_id, vendor_bill_id, cost_code, cost_type, "
      "description, amount_cents) VALUES (" +
      org + ", " + b + ", '09-250', 'material', 'Board', " + std::to_string(cents) + ")");
}

// number: projected profit, as the dashboard lists them.
std::vector<std::string> alerts(operations::MarginChecks& checks, sql::Connection& conn,
                                std::int64_t org) {
  auto active = sql::fetch(conn, sql::active_costs_versions_query(org, 50));
  std::vector<std::string> shown;
  for (const auto& a : checks.below_estimate(conn, org, active))
    shown.push_back(a.project.number + ": " + std::to_string(a.profit.projected_profit.value) +
                    " at " + std::to_string(a.profit.projected_margin.value) + " bps");
  return shown;
}

}  // namespace

TEST_CASE("the margin alerts follow each counted bill, and survive a full map", "[pg]") {
  ScratchDatabase db;
  sql::Connection conn = db.connect();
  std::string org = db.scalar("INSERT INTO organisations (name) VALUES ('Margins') RETURNING id");
  std::string party = db.scalar("INSERT INTO parties (org_id, kind, name) VALUES (" + org +
                                ", 'vendor', 'Board Supply') RETURNING id");
  std::string a = project(db, org, "A-1");
  std::string b = project(db, org, "B-1");
  const std::int64_t o = std::stoll(org);

  for (std::size_t capacity : {std::size_t{4096}, std::size_t{1}}) {
    INFO("capacity " << capacity);
    operations::MarginChecks checks(capacity);
    // Both at their estimate's margin.
    CHECK(alerts(checks, conn, o).empty());
    // A over its budget by 1,000.00: profit 1,000.00, 10.00 %. A draft bill
    // (not counted) on B changes nothing.
    bill(db, org, a, party, "A-" + std::to_string(capacity), 900000);
    db.exec("INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date) VALUES (" +
            org + ", " + b + ", 'D-" + std::to_string(capacity) + "', " + party +
            ", '2026-03-02')");
    CHECK(alerts(checks, conn, o) == std::vector<std::string>{"A-1: 100000 at 1000 bps"});
    // B over its budget too; A kept (or, with a map of one, summed again).
    bill(db, org, b, party, "B-" + std::to_string(capacity), 850000);
    std::vector<std::string> both{"A-1: 100000 at 1000 bps", "B-1: 150000 at 1500 bps"};
    CHECK(alerts(checks, conn, o) == both);
    CHECK(alerts(checks, conn, o) == both);
    // Back to the start for the next capacity: the bills voided.
    db.exec("UPDATE vendor_bills SET status = 'void' WHERE org_id = " + org);
    CHECK(alerts(checks, conn, o).empty());
  }
}
