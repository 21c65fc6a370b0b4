// The dashboard of views/dashboard_page.cpp through the real server: each
// active project's financials from its real documents, and the lists of what
// needs attention, with figures worked out by hand from the rows stored.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

bool shows(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

// The dashboard's margin alerts, from its section to the section's end.
std::string margin_alerts(const HttpResult& page) {
  auto at = page.body.find("id=\"margin-alerts\"");
  if (at == std::string::npos) return "";
  return page.body.substr(at, page.body.find("</section>", at) - at);
}

}  // namespace

TEST_CASE("the dashboard shows each active project's billing and what needs attention",
          "[process]") {
  PageServer& server = shared_page_server();
  std::string email = "dash-" + std::to_string(::getpid()) + "@example.com";
  server.add_user("Dashboard Builders " + std::to_string(::getpid()), email,
                  "correct horse battery");
  std::string org = server.db.scalar("SELECT org_id FROM users WHERE email = '" + email + "'");
  std::string project = server.db.scalar(
      "INSERT INTO projects (org_id, number, name, status, original_contract_sum_cents) "
      "VALUES (" +
      org + ", 'D-1', 'Dock <b>house</b>', 'active', 10000000) RETURNING id");
  std::string where = org + ", " + project;
  server.db.exec(
      "INSERT INTO change_orders (org_id, project_id, number, title, status, amount_cents, "
      "approved_at) VALUES "
      "(" +
      where +
      ", 'CO-1', 'Extra outlets', 'pending', 150000, NULL), "
      "(" +
      where +
      ", 'CO-2', 'Steel upgrade', 'approved', 200000, now()), "
      "(" +
      where +
      ", 'CO-3', 'Skylight', 'rejected', 99900, NULL);"
      // Two certified applications: the later one's retainage is what is held.
      "INSERT INTO pay_applications (org_id, project_id, number, period_to, status, "
      "retainage_work_bps, retainage_stored_bps, original_contract_sum_cents, "
      "net_change_orders_cents, contract_sum_to_date_cents, completed_and_stored_to_date_cents, "
      "retainage_work_cents, retainage_cents, earned_less_retainage_cents, "
      "previous_certificates_cents, current_payment_due_cents, balance_to_finish_cents, "
      "certified_cents, certified_at) VALUES "
      "(" +
      where +
      ", 1, current_date - 40, 'certified', 1000, 1000, 10000000, 0, 10000000, "
      " 3000000, 300000, 300000, 2700000, 0, 2700000, 7300000, 2700000, now()), "
      "(" +
      where +
      ", 2, current_date - 10, 'certified', 1000, 1000, 10000000, 200000, 10200000, "
      " 4500000, 450000, 450000, 4050000, 2700000, 1350000, 6150000, 1350000, now());"
      "INSERT INTO invoices (org_id, project_id, number, kind, status, due_date, total_cents, "
      "paid_cents) VALUES "
      "(" +
      where +
      ", 'INV-1', 'other', 'partially_paid', current_date - 5, 3000000, 1000000), "
      "(" +
      where +
      ", 'INV-2', 'other', 'sent', current_date + 5, 100000, 0), "
      "(" +
      where +
      ", 'INV-3', 'other', 'void', current_date - 5, 500000, 0);"
      "INSERT INTO daily_logs (org_id, project_id, log_date) VALUES (" +
      where +
      ", current_date);"
      "INSERT INTO daily_log_crew (org_id, daily_log_id, position, trade, headcount, hours) "
      "SELECT " +
      org +
      ", id, n, 'Trade ' || n, n + 2, 8 FROM daily_logs, generate_series(1, 2) n "
      "WHERE org_id = " +
      org + ";");

  PageClient client(server.port());
  REQUIRE(client.log_in(email, "correct horse battery"));
  HttpResult page = client.get("/");
  REQUIRE(page.status == 200);
  const std::string& html = page.body;

  // Contract sum to date: 100,000.00 + the approved 2,000.00 (not the pending
  // 1,500.00 nor the rejected 999.00) = 102,000.00.
  CHECK(shows(html, "<td data-label=\"Contract sum\" class=\"num\">$102,000.00</td>"));
  // Billed: INV-1 30,000.00 + INV-2 1,000.00; the void INV-3 does not count.
  CHECK(shows(html, "<td data-label=\"Billed\" class=\"num\">$31,000.00</td>"));
  // Retainage held: line 5 of the latest certified application, #2: 4,500.00.
  CHECK(shows(html, "<td data-label=\"Retainage held\" class=\"num\">$4,500.00</td>"));
  // Outstanding: billed 31,000.00 - paid 10,000.00 = 21,000.00.
  CHECK(shows(html, "<td data-label=\"Outstanding\" class=\"num\">$21,000.00</td>"));
  CHECK(shows(html, "D-1 · Dock &lt;b&gt;house&lt;/b&gt;"));

  // Pending change orders: CO-1 only, linked to its page.
  CHECK(shows(html, "Extra outlets</a>"));
  CHECK(shows(html, "<td data-label=\"Amount\" class=\"num\">$1,500.00</td>"));
  CHECK_FALSE(shows(html, "Steel upgrade"));
  CHECK_FALSE(shows(html, "Skylight"));
  // Overdue invoices: INV-1 (due 5 days ago, 20,000.00 still owed); INV-2 is
  // not yet due and INV-3 is void.
  CHECK(shows(html, ">INV-1</a>"));
  CHECK(shows(html, "<td data-label=\"Balance\" class=\"num\">$20,000.00</td>"));
  CHECK_FALSE(shows(html, "INV-2"));
  CHECK_FALSE(shows(html, "INV-3"));
  // Today's log: crew of 3 + 4 = 7.
  CHECK(shows(html, "Draft · crew of 7"));
  CHECK_FALSE(shows(html, "No daily logs for today"));
}

// The margin check is kept per project by each worker (DESIGN.md, "The
// dashboard's margin check, kept per project"); the page server has one
// worker, so the views below all come from the worker that kept the project's
// figures before each bill.
TEST_CASE("the dashboard's margin alert follows each bill entered, in the worker that kept it",
          "[process]") {
  PageServer& server = shared_page_server();
  std::string email = "margins-" + std::to_string(::getpid()) + "@example.com";
  server.add_user("Margin Builders " + std::to_string(::getpid()), email, "correct horse battery");
  std::string org = server.db.scalar("SELECT org_id FROM users WHERE email = '" + email + "'");
  // A contract of 10,000.00 estimated at a cost of 8,000.00: a margin of
  // 20.00 %, which the budget (8,000.00 on 09-250 material) keeps.
  std::string project = server.db.scalar(
      "INSERT INTO projects (org_id, number, name, status, original_contract_sum_cents) "
      "VALUES (" +
      org + ", 'M-1', 'Mill lofts', 'active', 1000000) RETURNING id");
  std::string estimate = server.db.scalar(
      "INSERT INTO estimates (org_id, project_id, number, title, status, cost_cents, "
      "subtotal_cents, total_cents, margin_bps) VALUES (" +
      org + ", " + project +
      ", 'E-1', 'Lofts', 'accepted', 800000, 1000000, 1000000, 2000) "
      "RETURNING id");
  server.db.exec(
      "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
      "description, quantity, unit_cost_cents, markup_bps, cost_cents, price_cents) VALUES (" +
      org + ", " + estimate +
      ", 1, '09-250', 'material', 'Board', 1, 800000, 2500, 800000, 1000000);"
      "INSERT INTO parties (org_id, kind, name) VALUES (" +
      org + ", 'vendor', 'Board Supply')");
  std::string party = server.db.scalar("SELECT id FROM parties WHERE org_id = " + org);
  const std::string budget = "/projects/" + project + "/budget";
  auto enter_bill = [&](PageClient& client, const std::string& number, const std::string& amount) {
    REQUIRE(client.get(budget).status == 200);
    HttpResult entered = client.post(budget + "/vendor-bills", {{"party_id", party},
                                                                {"commitment_id", ""},
                                                                {"bill_number", number},
                                                                {"bill_date", "2026-12-01"},
                                                                {"bill_cost_code", "09-250"},
                                                                {"bill_cost_type", "material"},
                                                                {"bill_description", "Board"},
                                                                {"bill_amount", amount}});
    REQUIRE(entered.status == 303);
  };

  PageClient client(server.port());
  REQUIRE(client.log_in(email, "correct horse battery"));
  // At its estimate's margin: no alert, and the worker keeps the figures.
  HttpResult before = client.get("/");
  REQUIRE(before.status == 200);
  CHECK_FALSE(shows(margin_alerts(before), "Mill lofts"));
  CHECK(margin_alerts(client.get("/")) == margin_alerts(before));

  // A bill of 9,000.00 on a budget of 8,000.00: projected cost 9,000.00,
  // profit 1,000.00, margin 10.00 % (below 20.00 %), on the next view.
  enter_bill(client, "BS-1", "9,000.00");
  std::string alerts = margin_alerts(client.get("/"));
  CHECK(shows(alerts, "href=\"" + budget + "\">M-1 · Mill lofts</a>"));
  CHECK(shows(alerts, "<td data-label=\"Projected margin\" class=\"num\">10.00 %</td>"));
  CHECK(shows(alerts, "<td data-label=\"Estimate's margin\" class=\"num\">20.00 %</td>"));
  CHECK(shows(alerts, "<td data-label=\"Projected profit\" class=\"num\">$1,000.00</td>"));

  // And again after a second bill of 500.00: profit 500.00, 5.00 %.
  enter_bill(client, "BS-2", "500.00");
  alerts = margin_alerts(client.get("/"));
  CHECK(shows(alerts, "<td data-label=\"Projected margin\" class=\"num\">5.00 %</td>"));
  CHECK(shows(alerts, "<td data-label=\"Projected profit\" class=\"num\">$500.00</td>"));
  CHECK_FALSE(shows(alerts, "$1,000.00"));
}
