// seed-scale at factor 1 into a scratch database, read back through the
// operations and stores the pages use, as a user would see it: the counts
// of the shape, one project's contract sum, pay applications and budget
// equal to what the rules make of its rows (worked out here from the rows
// themselves: the schedule of values, the entered E and F of each G703 line,
// the estimate's, orders', commitments' and bills' lines), the owner's
// log-in and token seeing Scale Builders' projects only, a second seed
// refused without a row written, and the same rows from the same seed.
#include <catch2/catch.hpp>
#include <set>

#include "operations/authentication.hpp"
#include "operations/budget.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/project_financials.hpp"
#include "operations/scale_seed.hpp"
#include "sql/project_store.hpp"
#include "sql/query.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

std::int64_t rows_of(const std::vector<sql::TableCount>& counts, std::string_view table) {
  for (const auto& count : counts)
    if (count.table == table) return count.rows;
  FAIL("no count for " << table);
  return 0;
}

std::int64_t number(const ScratchDatabase& db, const std::string& sql) {
  return std::stoll(db.scalar(sql));
}

// G703 from the entered E and F and the schedule, G702 from the lines and
// the earlier certificates: what the office would have seen, application by
// application, had it typed these amounts.
void check_pay_applications(sql::Connection& db, const ScratchDatabase& scratch,
                            std::int64_t org_id, std::int64_t project_id) {
  auto sov = sql::list_sov_lines(db, org_id, project_id);
  REQUIRE(!sov.empty());
  std::vector<domain::Cents> certificates;
  std::vector<domain::G703Line> last;
  std::string org = std::to_string(org_id), project = std::to_string(project_id);
  auto ids = scratch.scalar(
      "SELECT string_agg(id::text, ',' ORDER BY number) FROM "
      "pay_applications WHERE org_id = " +
      org + " AND project_id = " + project);
  REQUIRE(!ids.empty());
  std::stringstream list(ids);
  for (std::string id; std::getline(list, id, ',');) {
    auto document = load_pay_application(db, org_id, std::stoll(id));
    const auto& app = document.application;
    REQUIRE(document.lines.size() == sov.size());
    domain::RetainageRates rates{domain::BasisPoints{app.retainage_work_bps},
                                 domain::BasisPoints{app.retainage_stored_bps}};
    std::vector<domain::G703Line> lines;
    domain::Cents scheduled{}, from_estimate{};
    for (std::size_t i = 0; i < sov.size(); ++i) {
      const auto& stored = document.lines[i];
      CHECK(stored.sov_line_id == sov[i].id);
      domain::G703Entry entry = last.empty() ? domain::first_entry(sov[i].scheduled_value_cents)
                                             : domain::next_entry(last[i]);
      entry.this_period = stored.figures.this_period_cents;
      entry.stored = stored.figures.stored_cents;
      auto line = domain::compute_g703_line(entry, rates);
      REQUIRE(line.ok());
      const domain::G703Line& g = line.value();
      CHECK(stored.figures.previous_cents == g.previous);
      CHECK(stored.figures.completed_and_stored_cents == g.completed_and_stored);
      CHECK(stored.figures.percent_complete_bps == g.percent_complete.value);
      CHECK(stored.figures.balance_to_finish_cents == g.balance_to_finish);
      CHECK(stored.figures.retainage_cents == g.retainage);
      lines.push_back(g);
      scheduled = scheduled + sov[i].scheduled_value_cents;
      if (sov[i].estimate_id) from_estimate = from_estimate + sov[i].scheduled_value_cents;
    }
    domain::G702 g702 =
        domain::compute_g702(from_estimate, scheduled - from_estimate, lines, certificates);
    CHECK(app.g702.original_contract_sum_cents == g702.original_contract_sum);
    CHECK(app.g702.contract_sum_to_date_cents == g702.contract_sum_to_date);
    CHECK(app.g702.completed_and_stored_to_date_cents == g702.completed_and_stored_to_date);
    CHECK(app.g702.retainage_cents == g702.retainage);
    CHECK(app.g702.previous_certificates_cents == g702.previous_certificates);
    CHECK(app.g702.current_payment_due_cents == g702.current_payment_due);
    CHECK(app.g702.balance_to_finish_cents == g702.balance_to_finish);
    if (app.status == domain::PayApplicationStatus::certified) {
      REQUIRE(app.certified_cents);
      certificates.push_back(*app.certified_cents);
      // Its invoice, as certifying makes it: the certified amount, due 30
      // days from the certificate.
      CHECK(scratch.scalar("SELECT i.total_cents || ' net ' || (i.due_date - (a.certified_at AT "
                           "TIME ZONE 'UTC')::date) FROM invoices i JOIN pay_applications a ON "
                           "a.id = i.pay_application_id WHERE i.org_id = " +
                           org + " AND a.id = " + id) ==
            std::to_string(app.certified_cents->value) + " net 30");
    }
    last = lines;
  }
}

// Scale Builders' rows of `table` as one digest, without the times of the
// run (created_at, updated_at), which are the only values not derived.
std::string digest(const ScratchDatabase& db, const std::string& table, std::int64_t org_id) {
  return db.scalar(
      "SELECT md5(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' "
      "ORDER BY id)) FROM " +
      table + " t WHERE org_id = " + std::to_string(org_id));
}

}  // namespace

TEST_CASE("seed-scale at factor 1: the history a contractor's pages read, theirs alone",
          "[seed_scale]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  ScaleSeedReport report = seed_scale(db, {.factor = 1, .others = 1, .seed = 7});
  std::string org = std::to_string(report.org_id);

  // A hundredth of the figures, at least 3 active projects.
  CHECK(rows_of(report.counts, "projects") == 20);
  CHECK(number(scratch,
               "SELECT count(*) FROM projects WHERE status = 'active' AND org_id = " + org) == 3);
  CHECK(rows_of(report.counts, "estimate_lines") >= 900);
  CHECK(rows_of(report.counts, "pay_applications") >= 60);
  CHECK(rows_of(report.counts, "vendor_bills") >= 400);
  CHECK(rows_of(report.counts, "daily_logs") >= 300);
  CHECK(rows_of(report.counts, "payments") >= 60);
  // The other holds as much again.
  CHECK(report.other_org_ids.size() == 1);
  CHECK(rows_of(report.others_counts, "projects") >= 20);
  // Each active project has a draft estimate of about 50 lines to add to.
  CHECK(scratch.scalar("SELECT string_agg(n::text, ',') FROM (SELECT count(l.id) BETWEEN 45 AND "
                       "55 AS n FROM projects p JOIN estimates e ON e.project_id = p.id AND "
                       "e.status = 'draft' JOIN estimate_lines l ON l.estimate_id = e.id WHERE "
                       "p.status = 'active' AND p.org_id = " +
                       org + " GROUP BY e.id) x") == "true,true,true");

  // The active commercial project with the most pay applications.
  std::int64_t project_id =
      number(scratch,
             "SELECT p.id FROM projects p JOIN pay_applications a ON a.project_id = p.id "
             "WHERE p.status = 'active' AND p.org_id = " +
                 org + " GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1");
  std::string project = std::to_string(project_id);
  // One seed, read in turn (a SECTION would seed again for each).

  {  // The contract sum is the accepted estimate's total and the approved orders'.
    auto read = sql::fetch(db, sql::project_with_figures_query(report.org_id, project_id));
    REQUIRE(read);
    domain::ProjectFinancials money = project_financials(*read);
    std::int64_t accepted =
        number(scratch,
               "SELECT sum(l.price_cents) + (SELECT tax_cents FROM estimates WHERE "
               "status = 'accepted' AND project_id = " +
                   project +
                   ") FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id "
                   "WHERE e.status = 'accepted' AND e.project_id = " +
                   project);
    std::int64_t approved =
        number(scratch,
               "SELECT coalesce(sum(l.price_cents), 0) FROM change_order_lines l JOIN "
               "change_orders c ON c.id = l.change_order_id WHERE c.status = 'approved' AND "
               "c.project_id = " +
                   project);
    CHECK(money.original_contract_sum.value == accepted);
    CHECK(money.approved_change_orders.value == approved);
    CHECK(money.contract_sum_to_date.value == accepted + approved);
    CHECK(number(scratch,
                 "SELECT sum(scheduled_value_cents) FROM schedule_of_values_lines "
                 "WHERE project_id = " +
                     project) == accepted + approved);
  }

  {  // Every pay application is what its entered amounts give, certificate by certificate.
    check_pay_applications(db, scratch, report.org_id, project_id);
  }

  {  // The budget report sums the project's estimate, orders, commitments and bills.
    domain::BudgetReport budget = budget_report(db, report.org_id, project_id);
    auto sum = [&](const std::string& sql) { return number(scratch, sql + project); };
    CHECK(budget.totals.original.value ==
          sum("SELECT sum(l.cost_cents) FROM estimate_lines l JOIN estimates e ON e.id = "
              "l.estimate_id WHERE e.status = 'accepted' AND e.project_id = "));
    CHECK(budget.totals.approved_changes.value ==
          sum("SELECT coalesce(sum(l.cost_cents), 0) FROM change_order_lines l JOIN "
              "change_orders c ON c.id = l.change_order_id WHERE c.status = 'approved' AND "
              "c.project_id = "));
    CHECK(budget.totals.committed.value ==
          sum("SELECT sum(l.amount_cents) FROM commitment_lines l JOIN commitments c ON c.id = "
              "l.commitment_id WHERE c.status IN ('approved', 'closed') AND c.project_id = "));
    CHECK(budget.totals.actual.value ==
          sum("SELECT sum(l.amount_cents) FROM vendor_bill_lines l JOIN vendor_bills b ON b.id "
              "= l.vendor_bill_id WHERE b.status IN ('approved', 'paid') AND b.project_id = "));
    CHECK(budget.totals.committed.value > 0);
    // No commitment is billed past its amount.
    CHECK(number(scratch,
                 "SELECT count(*) FROM commitments c WHERE c.amount_cents < (SELECT "
                 "coalesce(sum(amount_cents), 0) FROM vendor_bills b WHERE "
                 "b.commitment_id = c.id AND b.status IN ('approved', 'paid'))") == 0);
  }

  {  // The owner logs in and sees Scale Builders' projects, none of the others'.
    LogIn in = log_in(db, std::string(kScaleOwnerEmail), kScalePassword, {"127.0.0.1", {}});
    REQUIRE(in.outcome == LogIn::Outcome::ok);
    CHECK(in.login->user.org_id == report.org_id);
    auto caller = caller_of_token(db, report.token);
    REQUIRE(caller);
    CHECK(caller->org_id == report.org_id);

    std::set<std::int64_t> seen;
    sql::Page page{.limit = 7};
    for (;;) {
      auto listed = sql::list_projects(db, report.org_id, {}, page);
      for (const auto& p : listed.rows) seen.insert(p.id);
      if (!listed.more) break;
      page.after_id = listed.rows.back().id;
    }
    CHECK(seen.size() == 20);
    std::string others = std::to_string(report.other_org_ids[0]);
    for (std::int64_t id : seen)
      CHECK(scratch.scalar("SELECT org_id FROM projects WHERE id = " + std::to_string(id)) == org);
    CHECK(number(scratch, "SELECT count(*) FROM projects WHERE org_id IN (" + others + ")") >= 20);
  }

  {  // A second seed is refused and writes nothing.
    std::string before = scratch.scalar("SELECT count(*) FROM projects");
    CHECK_THROWS_AS(seed_scale(db, {.factor = 1, .others = 1, .seed = 7}), ScaleOrganisationExists);
    CHECK(scratch.scalar("SELECT count(*) FROM projects") == before);
    CHECK(scratch.scalar("SELECT count(*) FROM organisations") == "2");
  }

  {  // The same factor and seed give the same rows; another seed, others.
    ScratchDatabase again, other_seed;
    sql::Connection db_again = again.connect(), db_other = other_seed.connect();
    auto same = seed_scale(db_again, {.factor = 1, .others = 0, .seed = 7});
    auto changed = seed_scale(db_other, {.factor = 1, .others = 0, .seed = 8});
    for (std::string table :
         {"projects", "estimate_lines", "schedule_of_values_lines", "pay_application_lines",
          "invoices", "payments", "vendor_bills", "commitment_lines", "daily_log_crew", "tasks"}) {
      INFO(table);
      CHECK(digest(again, table, same.org_id) == digest(scratch, table, report.org_id));
      CHECK(digest(other_seed, table, changed.org_id) != digest(scratch, table, report.org_id));
    }
  }

  {  // The projects' change counters (migration 0019), whose triggers the seed
     // turns off while it loads the history, count again once it is in.
    CHECK(number(scratch,
                 "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%costs_version' "
                 "AND tgenabled <> 'O'") == 0);
    std::string counter = "SELECT costs_version FROM projects WHERE id = " + project;
    std::int64_t before = number(scratch, counter);
    scratch.exec(
        "UPDATE vendor_bill_lines SET amount_cents = amount_cents + 100 WHERE id = (SELECT "
        "min(l.id) FROM vendor_bill_lines l JOIN vendor_bills b ON b.id = l.vendor_bill_id "
        "WHERE b.status IN ('approved', 'paid') AND b.project_id = " +
        project + ")");
    CHECK(number(scratch, counter) == before + 1);
  }
}
