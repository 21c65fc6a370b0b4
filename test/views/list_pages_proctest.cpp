// Every list of the web app reaches its last row: a project's tabs (Budget:
// commitments and vendor bills; Billing: pay applications and invoices;
// Change orders; Estimates) and the parties page show a page of 50 and a
// "Next 50 …" link to the rows after the last one shown, as a plain link and
// as htmx; no row is shown twice; a cursor that is not one of the list's
// places (text, negative, past a number's range, another organisation's id)
// shows the first page or no rows, never another tenant's, never a 500.
// Rows are seeded with plain SQL, more than four pages' worth (205: at 200 a
// page, the 201st was out of reach).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

constexpr int kSeeded = 205;

struct Tenant {
  std::string email, org, project, party;
};

// An organisation with its owner, a project and a subcontractor.
Tenant new_tenant(const std::string& label) {
  PageServer& server = shared_page_server();
  Tenant t;
  t.email = label + "-" + std::to_string(::getpid()) + "@example.com";
  server.add_user(label + " Lists " + std::to_string(::getpid()), t.email, "correct horse battery");
  t.org = server.db.scalar("SELECT org_id FROM users WHERE email = '" + t.email + "'");
  t.project = server.db.scalar(
      "INSERT INTO projects (org_id, number, name, status, original_contract_sum_cents) "
      "VALUES (" +
      t.org + ", 'L-1', 'Long history', 'active', 10000000) RETURNING id");
  t.party = server.db.scalar("INSERT INTO parties (org_id, kind, name) VALUES (" + t.org +
                             ", 'subcontractor', '" + label + " Drywall') RETURNING id");
  return t;
}

// kSeeded rows of each list of the project's tabs, numbered `prefix`-1 … ;
// the last pay application is a draft, the ones before it certified.
void seed_lists(const Tenant& t, const std::string& prefix) {
  std::string where = t.org + ", " + t.project;
  std::string n = " generate_series(1, " + std::to_string(kSeeded) + ") g";
  shared_page_server().db.exec(
      "INSERT INTO commitments (org_id, project_id, number, kind, party_id, title, "
      "retainage_bps) SELECT " +
      where + ", '" + prefix + "-C' || g, 'subcontract', " + t.party + ", 'Scope ' || g, 0 FROM" +
      n +
      ";"
      "INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date) SELECT " +
      where + ", '" + prefix + "-B' || g, " + t.party + ", current_date FROM" + n +
      ";"
      "INSERT INTO change_orders (org_id, project_id, number, title, status, amount_cents) "
      "SELECT " +
      where + ", '" + prefix + "-CO' || g, 'Change ' || g, 'pending', 100 FROM" + n +
      ";"
      "INSERT INTO estimates (org_id, project_id, number, title) SELECT " +
      where + ", '" + prefix + "-E' || g, 'Estimate ' || g FROM" + n +
      ";"
      "INSERT INTO invoices (org_id, project_id, number, kind, status, due_date, total_cents, "
      "paid_cents) SELECT " +
      where + ", '" + prefix + "-I' || g, 'other', 'sent', current_date + 30, 100, 0 FROM" + n +
      ";"
      "INSERT INTO pay_applications (org_id, project_id, number, period_to, status, "
      "retainage_work_bps, retainage_stored_bps, original_contract_sum_cents, "
      "net_change_orders_cents, contract_sum_to_date_cents, completed_and_stored_to_date_cents, "
      "retainage_work_cents, retainage_cents, earned_less_retainage_cents, "
      "previous_certificates_cents, current_payment_due_cents, balance_to_finish_cents, "
      "certified_cents, certified_at) SELECT " +
      where +
      ", g, current_date - 400 + g, 'certified', 0, 0, 10000000, 0, 10000000, 0, 0, 0, 0, 0, "
      "0, 10000000, 0, now() FROM generate_series(1, " +
      std::to_string(kSeeded - 1) +
      ") g;"
      "INSERT INTO pay_applications (org_id, project_id, number, period_to, status, "
      "retainage_work_bps, retainage_stored_bps, original_contract_sum_cents, "
      "net_change_orders_cents, contract_sum_to_date_cents, completed_and_stored_to_date_cents, "
      "retainage_work_cents, retainage_cents, earned_less_retainage_cents, "
      "previous_certificates_cents, current_payment_due_cents, balance_to_finish_cents) "
      "VALUES (" +
      where + ", " + std::to_string(kSeeded) +
      ", current_date, 'draft', 0, 0, 10000000, 0, 10000000, 0, 0, 0, 0, 0, 0, 10000000);");
}

// The ids a page links to under `path` ("/vendor-bills/"), in page order.
std::vector<std::string> linked_ids(const std::string& body, const std::string& path) {
  std::vector<std::string> ids;
  std::regex link("href=\"" + path + "([0-9]+)\"");
  for (std::sregex_iterator it(body.begin(), body.end(), link), end; it != end; ++it)
    ids.push_back((*it)[1]);
  return ids;
}

// The href of the link labelled `label`, "" when there is none.
std::string link_to(const std::string& body, const std::string& label) {
  std::smatch found;
  std::regex link("<a href=\"([^\"#]+)(#[^\"]*)?\"[^>]*>" + label + "</a>");
  return std::regex_search(body, found, link) ? found[1].str() : "";
}

struct PagedList {
  std::string tab;    // the tab's URL
  std::string rows;   // the path of a row's link
  std::string next;   // the link's label
  std::string table;  // the SQL table, to know which ids are the project's
};

std::vector<PagedList> tab_lists(const Tenant& t) {
  std::string p = "/projects/" + t.project;
  return {{p + "/budget", "/commitments/", "Next 50 commitments", "commitments"},
          {p + "/budget", "/vendor-bills/", "Next 50 bills", "vendor_bills"},
          {p + "/billing", "/pay-applications/", "Next 50 pay applications", "pay_applications"},
          {p + "/billing", "/invoices/", "Next 50 invoices", "invoices"},
          {p + "/change-orders", "/change-orders/", "Next 50 change orders", "change_orders"},
          {p + "/estimates", "/estimates/", "Next 50 estimates", "estimates"}};
}

std::set<std::string> project_ids(const Tenant& t, const std::string& table) {
  std::string ids =
      shared_page_server().db.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table +
                                     " WHERE org_id = " + t.org + " AND project_id = " + t.project);
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= ids.size()) {
    std::size_t end = ids.find(',', start);
    if (end == std::string::npos) end = ids.size();
    out.insert(ids.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("each list of a project's tabs reaches its last row, 50 at a time, none twice",
          "[process][lists]") {
  Tenant t = new_tenant("walk");
  seed_lists(t, "W");
  PageClient c(shared_page_server().port());
  REQUIRE(c.log_in(t.email, "correct horse battery"));

  std::vector<std::pair<std::string, std::string>> second_pages;
  for (const PagedList& list : tab_lists(t)) {
    INFO(list.tab << " " << list.rows);
    std::set<std::string> expected = project_ids(t, list.table);
    REQUIRE(expected.size() == static_cast<std::size_t>(kSeeded));
    std::set<std::string> seen;
    std::string url = list.tab;
    int pages = 0;
    while (!url.empty()) {
      INFO(url);
      HttpResult page = c.get(url);
      REQUIRE(page.status == 200);
      ++pages;
      std::set<std::string> shown;
      for (const std::string& id : linked_ids(page.body, list.rows))
        if (expected.count(id)) shown.insert(id);
      CHECK(shown.size() <= 50);
      for (const std::string& id : shown) CHECK(seen.insert(id).second);  // never twice
      // From the second page on, the first is one link away: the tab's URL.
      if (pages > 1) CHECK(link_to(page.body, "First page") == list.tab);
      if (pages == 2) second_pages.emplace_back(url, page.body);
      std::string next = link_to(page.body, list.next);
      if (!next.empty()) {
        // htmx loads the same URL into #tab: the tab alone, the same rows.
        HttpResult hx = c.get(next, {{"HX-Request", "true"}, {"HX-Target", "tab"}});
        REQUIRE(hx.status == 200);
        CHECK(hx.body.find("<html") == std::string::npos);
      }
      url = next;
      REQUIRE(pages <= 6);
    }
    CHECK(pages == 5);  // 50 + 50 + 50 + 50 + 5
    CHECK(seen == expected);
  }
  CHECK(invalid_html(second_pages) == "");
}

TEST_CASE("the Billing tab knows the latest pay application on any page of the list",
          "[process][lists]") {
  Tenant t = new_tenant("latest");
  seed_lists(t, "L");
  PageClient c(shared_page_server().port());
  REQUIRE(c.log_in(t.email, "correct horse battery"));
  // The latest (#205, a draft) is on the fifth page; the form waits for it on
  // the first as on the last.
  HttpResult first = c.get("/projects/" + t.project + "/billing");
  REQUIRE(first.status == 200);
  CHECK(first.body.find("id=\"new-pay-application\"") == std::string::npos);
  CHECK(first.body.find("class=\"notice\"") != std::string::npos);
}

TEST_CASE(
    "a list's cursor that is no place of it shows the first page or nothing, never "
    "another organisation's rows",
    "[process][lists]") {
  Tenant ours = new_tenant("ours");
  Tenant theirs = new_tenant("theirs");
  seed_lists(theirs, "THEIRS");  // their ids come first: below all of ours
  seed_lists(ours, "OURS");
  PageClient c(shared_page_server().port());
  REQUIRE(c.log_in(ours.email, "correct horse battery"));
  std::string their_bill = shared_page_server().db.scalar(
      "SELECT max(id)::text FROM vendor_bills WHERE org_id = " + theirs.org);
  std::string p = "/projects/" + ours.project;

  for (std::string after : {"abc", "-5", "0", "1e3", "12abc", "99999999999999999999999",
                            "9223372036854775808", "%00", "%E2%82%AC", ""}) {
    for (const std::string& query :
         {p + "/budget?bills_after=", p + "/budget?commitments_after=",
          p + "/billing?applications_after=", p + "/billing?invoices_after=",
          p + "/change-orders?after=", p + "/estimates?after=", std::string("/parties?after=")}) {
      INFO(query << after);
      HttpResult page = c.get(query + after);
      // Bytes that are not text are refused as the rest of a query is (400);
      // every other cursor is the first page.
      CHECK((page.status == 200 || page.status == 400 || page.status == 422));
      CHECK(page.body.find("THEIRS") == std::string::npos);
      if (page.status == 200) CHECK(page.body.find("First page") == std::string::npos);
    }
  }
  // Another organisation's id is only a number: our rows after it (all of
  // them, as theirs came first), 50 of them.
  HttpResult after_theirs = c.get(p + "/budget?bills_after=" + their_bill);
  REQUIRE(after_theirs.status == 200);
  CHECK(after_theirs.body.find("THEIRS") == std::string::npos);
  CHECK(after_theirs.body.find("OURS-B1<") != std::string::npos);
  // Past the last id: no rows, the way back to the first page. (A cursor
  // of more than 15 digits is no id a table will reach: the first page.)
  HttpResult past = c.get(p + "/budget?bills_after=999999999999999");
  REQUIRE(past.status == 200);
  CHECK(past.body.find("No more vendor bills.") != std::string::npos);
  CHECK(link_to(past.body, "First page") == p + "/budget");
  // Their project with a cursor is not ours to see.
  CHECK(c.get("/projects/" + theirs.project + "/budget?bills_after=1").status == 404);
}

TEST_CASE("the parties page reaches its last party, its search kept", "[process][lists]") {
  Tenant t = new_tenant("parties");
  shared_page_server().db.exec("INSERT INTO parties (org_id, kind, name) SELECT " + t.org +
                               ", 'vendor', 'Paged Supply ' || g FROM generate_series(1, " +
                               std::to_string(kSeeded) + ") g");
  PageClient c(shared_page_server().port());
  REQUIRE(c.log_in(t.email, "correct horse battery"));
  std::set<std::string> seen;
  std::string url = "/parties?q=Paged&kind=vendor";
  int pages = 0;
  std::regex row("<tr id=\"party-([0-9]+)\">");
  std::regex after("name=\"after\" value=\"([0-9]+)\"");
  while (!url.empty()) {
    INFO(url);
    HttpResult page = c.get(url);
    REQUIRE(page.status == 200);
    ++pages;
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), row), end; it != end; ++it)
      CHECK(seen.insert((*it)[1]).second);
    if (pages > 1) CHECK(page.body.find(">First page</button>") != std::string::npos);
    std::smatch next;
    url = std::regex_search(page.body, next, after)
              ? "/parties?q=Paged&kind=vendor&after=" + next[1].str()
              : "";
    REQUIRE(pages <= 6);
  }
  CHECK(pages == 5);
  CHECK(seen.size() == static_cast<std::size_t>(kSeeded));
}
