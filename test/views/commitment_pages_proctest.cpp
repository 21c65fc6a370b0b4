// The commitment and vendor bill editors' promises: tenancy (404 for another
// organisation's projects, commitments, bills and their lines and actions),
// CSRF (403, nothing changed), escaping of what people typed, the field
// role's 403, valid HTML5 for every page and fragment, a bill line past its
// commitment's remaining amount refused beside the line (422, nothing
// saved), and an approved bill lowering the commitment's remaining amount on
// its page. Through the real server, as a browser without JavaScript (or
// htmx, with its headers) would send them.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test/support/command.hpp"
#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

const std::string kHostile = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";
const std::string kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x";
const std::map<std::string, std::string> kHtmx = {{"HX-Request", "true"}};
using Fields = std::map<std::string, std::string>;

// The text of the element with id `id` (its first child text up to '<').
std::string figure(const std::string& body, const std::string& id) {
  auto at = body.find("id=\"" + id + "\"");
  REQUIRE(at != std::string::npos);
  at = body.find('>', at) + 1;
  return body.substr(at, body.find('<', at) - at);
}

Fields line(const std::string& code, const std::string& description, const std::string& amount) {
  return {{"cost_code", code},
          {"cost_type", "subcontract"},
          {"description", description},
          {"amount", amount}};
}

struct Job {
  std::string project, party, commitment, commitment_line, draft_commitment, draft_line, bill,
      bill_line, draft_bill, draft_bill_line;
};

// A project with a subcontractor named `name`; an approved subcontract
// (10 % retainage) of 10,000.00 (09-250) + 2,500.00 (09-900) = 12,500.00; a
// draft purchase order of one 1,000.00 line; an approved bill of 8,000.00
// against the subcontract; a draft bill against it of 4,000.00. All through
// the pages.
Job make_job(PageClient& c, const std::string& name) {
  Job j;
  HttpResult project =
      c.post("/projects", {{"number", "J-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  j.project = id_after(project.header("location"), "/projects/");
  std::string party_name = name + " " + std::to_string(std::rand());
  REQUIRE(c.post("/parties", {{"kind", "subcontractor"}, {"name", party_name}}).status == 303);
  std::string quoted = party_name;
  for (auto at = quoted.find('\''); at != std::string::npos; at = quoted.find('\'', at + 2))
    quoted.insert(at, "'");
  j.party = shared_page_server().db.scalar("SELECT id FROM parties WHERE name = '" + quoted + "'");
  const std::string p = "/projects/" + j.project;

  auto commitment = [&](const std::string& kind, std::vector<Fields> lines) {
    HttpResult made =
        c.post(p + "/commitments", {{"kind", kind},
                                    {"party_id", j.party},
                                    {"title", name},
                                    {"retainage", kind == "subcontract" ? "10" : ""}});
    REQUIRE(made.status == 303);
    std::string id = id_after(made.header("location"), "/commitments/");
    for (const auto& l : lines) REQUIRE(c.post("/commitments/" + id + "/lines", l).status == 303);
    return id;
  };
  j.commitment = commitment("subcontract",
                            {line("09-250", name, "10,000"), line("09-900", "Paint", "2500.00")});
  j.commitment_line = id_in(c.get("/commitments/" + j.commitment).body, "<tr id=\"line-");
  REQUIRE(c.post("/commitments/" + j.commitment + "/approve", {}).status == 303);
  j.draft_commitment = commitment("purchase_order", {line("05-100", name, "1000")});
  j.draft_line = id_in(c.get("/commitments/" + j.draft_commitment).body, "<tr id=\"line-");

  auto bill = [&](const std::string& number, const std::string& amount) {
    HttpResult made = c.post(p + "/vendor-bills", {{"party_id", j.party},
                                                   {"commitment_id", j.commitment},
                                                   {"number", number},
                                                   {"bill_date", "2026-11-30"}});
    REQUIRE(made.status == 303);
    std::string id = id_after(made.header("location"), "/vendor-bills/");
    REQUIRE(c.post("/vendor-bills/" + id + "/lines", line("09-250", name, amount)).status == 303);
    return id;
  };
  j.bill = bill("INV-1", "8000");
  j.bill_line = id_in(c.get("/vendor-bills/" + j.bill).body, "<tr id=\"line-");
  REQUIRE(c.post("/vendor-bills/" + j.bill + "/approve", {}).status == 303);
  j.draft_bill = bill("INV-2", "4000");
  j.draft_bill_line = id_in(c.get("/vendor-bills/" + j.draft_bill).body, "<tr id=\"line-");
  return j;
}

std::string counts(PageServer& server) {
  return server.db.scalar(
      "SELECT concat_ws(',', (SELECT count(*) || ':' || sum(version) || ':' || "
      "string_agg(status, '' ORDER BY id) FROM commitments), "
      "(SELECT count(*) || ':' || sum(version) FROM commitment_lines), "
      "(SELECT count(*) || ':' || sum(version) || ':' || string_agg(status, '' ORDER BY id) "
      "FROM vendor_bills), (SELECT count(*) || ':' || sum(version) FROM vendor_bill_lines))");
}

PageRequests job_gets(const Job& j) {
  const std::string p = "/projects/" + j.project, c = "/commitments/" + j.commitment,
                    dc = "/commitments/" + j.draft_commitment, b = "/vendor-bills/" + j.bill,
                    db = "/vendor-bills/" + j.draft_bill;
  return {{p + "/commitments/new", {}},
          {p + "/vendor-bills/new", {}},
          {c, {}},
          {c, kHtmx},
          {dc, {}},
          {c + "/lines/" + j.commitment_line, kHtmx},
          {dc + "/lines/" + j.draft_line, kHtmx},
          {dc + "/lines/" + j.draft_line + "/edit", kHtmx},
          {b, {}},
          {db, {}},
          {db, kHtmx},
          {b + "/lines/" + j.bill_line, kHtmx},
          {db + "/lines/" + j.draft_bill_line, kHtmx},
          {db + "/lines/" + j.draft_bill_line + "/edit", kHtmx}};
}

std::vector<std::pair<std::string, Fields>> job_posts(const Job& j) {
  const std::string p = "/projects/" + j.project, c = "/commitments/" + j.commitment,
                    dc = "/commitments/" + j.draft_commitment, b = "/vendor-bills/" + j.bill,
                    db = "/vendor-bills/" + j.draft_bill;
  const Fields l = line("01-100", "Sneaky", "5");
  return {
      {p + "/commitments", {{"kind", "subcontract"}, {"party_id", j.party}, {"title", "Sneaky"}}},
      {p + "/vendor-bills",
       {{"party_id", j.party}, {"number", "Sneaky"}, {"bill_date", "2026-12-01"}}},
      {dc + "/lines", l},
      {dc + "/lines/" + j.draft_line, l},
      {dc + "/lines/" + j.draft_line + "/delete", {}},
      {dc + "/approve", {}},
      {dc + "/void", {}},
      {c + "/close", {}},
      {c + "/void", {}},
      {db + "/lines", l},
      {db + "/lines/" + j.draft_bill_line, l},
      {db + "/lines/" + j.draft_bill_line + "/delete", {}},
      {db + "/approve", {}},
      {db + "/void", {}},
      {b + "/pay", {}},
      {b + "/void", {}}};
}

}  // namespace

TEST_CASE("commitment and bill pages: another organisation's ids are 404 and change nothing",
          "[process]") {
  Org a = new_org("Job cost tenant A");
  Job j = make_job(a.owner, "A's job");
  Org other = new_org("Job cost tenant B");
  std::string before = counts(shared_page_server());
  check_not_found(other.owner, job_gets(j), job_posts(j));
  CHECK(counts(shared_page_server()) == before);
  CHECK(a.owner.get("/commitments/" + j.commitment).status == 200);
}

TEST_CASE("commitment and bill actions without a valid CSRF token are 403 and change nothing",
          "[process]") {
  Org a = new_org("Job cost CSRF");
  Job j = make_job(a.owner, "CSRF job");
  std::string before = counts(shared_page_server());
  check_refused_without_csrf(a.owner, job_posts(j));
  CHECK(counts(shared_page_server()) == before);
}

TEST_CASE("a field user gets 403 on every commitment and bill page and action", "[process]") {
  Org a = new_org("Job cost roles");
  Job j = make_job(a.owner, "Roles job");
  PageServer& server = shared_page_server();
  PageClient field = new_member(a.name, "field");
  std::string before = counts(server);
  for (const auto& [path, headers] : job_gets(j)) {
    INFO("GET " << path);
    CHECK(field.get(path, headers).status == 403);
  }
  for (const auto& [path, fields] : job_posts(j)) {
    INFO("POST " << path);
    CHECK(field.post(path, fields).status == 403);
  }
  CHECK(counts(server) == before);
}

TEST_CASE("commitment and bill pages show what people typed escaped, all valid HTML5",
          "[process]") {
  Org a = new_org("Job cost escaping");
  Job j = make_job(a.owner, kHostile);
  PageClient& c = a.owner;
  std::vector<std::pair<std::string, std::string>> bodies;
  auto seen = [&](const std::string& label, const HttpResult& result, int status,
                  bool shows_typed) {
    INFO(label);
    CHECK(result.status == status);
    CHECK(result.body.find("<script>alert") == std::string::npos);
    CHECK(result.body.find("<img src=x") == std::string::npos);
    if (shows_typed) CHECK(result.body.find(kEscaped) != std::string::npos);
    bodies.emplace_back(label, result.body);
  };
  for (const auto& [path, headers] : job_gets(j))
    seen("GET " + path, c.get(path, headers), 200, true);
  const std::string dc = "/commitments/" + j.draft_commitment, db = "/vendor-bills/" + j.draft_bill,
                    p = "/projects/" + j.project;
  seen("add a commitment line", c.post(dc + "/lines", line("05-100", kHostile, "50"), true, kHtmx),
       200, true);
  seen("add a bad commitment line",
       c.post(dc + "/lines", line("05-100", kHostile, kHostile), true, kHtmx), 422, true);
  seen("a credit on a commitment", c.post(dc + "/lines", line("05-100", "x", "-5"), true, kHtmx),
       422, false);
  seen("save a bad commitment line",
       c.post(dc + "/lines/" + j.draft_line, line("5", kHostile, "1"), true, kHtmx), 422, true);
  seen("save a commitment line",
       c.post(dc + "/lines/" + j.draft_line, line("05-100", kHostile, "1,200.50"), true, kHtmx),
       200, true);
  seen("add a credit to a bill",
       c.post(db + "/lines", line("09-250", kHostile, "-300"), true, kHtmx), 200, true);
  seen("save a bill line",
       c.post(db + "/lines/" + j.draft_bill_line, line("09-250", kHostile, "3900"), true, kHtmx),
       200, true);
  seen("delete a bill line",
       c.post(db + "/lines/" + j.draft_bill_line + "/delete", {}, true, kHtmx), 200, true);
  seen("a bad new commitment",
       c.post(p + "/commitments", {{"kind", kHostile},
                                   {"party_id", kHostile},
                                   {"title", kHostile},
                                   {"retainage", kHostile}}),
       422, true);
  seen("a bad new bill",
       c.post(p + "/vendor-bills",
              {{"party_id", kHostile}, {"number", kHostile}, {"bill_date", kHostile}}),
       422, true);
  // An empty commitment approved: 409 with the reason, as a message.
  HttpResult empty = c.post(
      p + "/commitments", {{"kind", "purchase_order"}, {"party_id", j.party}, {"title", "Empty"}});
  REQUIRE(empty.status == 303);
  std::string empty_id = id_after(empty.header("location"), "/commitments/");
  seen("approve an empty commitment",
       c.post("/commitments/" + empty_id + "/approve", {}, true, kHtmx), 409, false);
  seen("a new empty commitment", c.get("/commitments/" + empty_id), 200, false);
  std::string verdict = invalid_html(bodies);
  INFO(verdict);
  CHECK(verdict.empty());
}

TEST_CASE(
    "a bill line past its commitment's remaining amount is refused beside the line, "
    "and approving a bill lowers the commitment's remaining amount on its page",
    "[process]") {
  Org a = new_org("Job cost remaining");
  PageClient& c = a.owner;
  Job j = make_job(c, "Remaining");
  const std::string commitment = "/commitments/" + j.commitment,
                    draft = "/vendor-bills/" + j.draft_bill;
  // The subcontract: 10,000.00 + 2,500.00 = 12,500.00; the approved bill
  // 8,000.00: billed 8,000.00, remaining 12,500.00 - 8,000.00 = 4,500.00.
  std::string page = c.get(commitment).body;
  CHECK(figure(page, "commitment-amount") == "$12,500.00");
  CHECK(figure(page, "commitment-billed") == "$8,000.00");
  CHECK(figure(page, "commitment-remaining") == "$4,500.00");
  // The approved bill withholds 10 %: 800.00, payable 7,200.00.
  std::string approved = c.get("/vendor-bills/" + j.bill).body;
  CHECK(figure(approved, "bill-retainage") == "$800.00");
  CHECK(figure(approved, "bill-payable") == "$7,200.00");
  // The draft of 4,000.00: 4,500.00 left before it, 500.00 after it.
  std::string bill = c.get(draft).body;
  CHECK(figure(bill, "commitment-remaining") == "$4,500.00");
  CHECK(figure(bill, "remaining-after") == "$500.00");

  // 600.00 more would make 4,600.00 > 4,500.00: refused beside the line.
  std::string before = counts(shared_page_server());
  HttpResult past = c.post(draft + "/lines", line("09-250", "Extra", "600"), true, kHtmx);
  CHECK(past.status == 422);
  CHECK(past.body.find("id=\"new-amount-error\"") != std::string::npos);
  CHECK(past.body.find("value=\"600\"") != std::string::npos);
  CHECK(counts(shared_page_server()) == before);
  HttpResult plain = c.post(draft + "/lines", line("09-250", "Extra", "600"));
  CHECK(plain.status == 422);
  CHECK(plain.body.find("id=\"new-amount-error\"") != std::string::npos);
  CHECK(counts(shared_page_server()) == before);
  CHECK(figure(c.get(draft).body, "remaining-after") == "$500.00");

  // 450.00 fits: the figures re-rendered out of band say 50.00 left after.
  HttpResult fits = c.post(draft + "/lines", line("09-250", "Extra", "450"), true, kHtmx);
  CHECK(fits.status == 200);
  CHECK(figure(fits.body, "remaining-after") == "$50.00");
  CHECK(figure(fits.body, "bill-amount") == "$4,450.00");

  // Approving the 4,450.00 bill: 4,500.00 - 4,450.00 = 50.00 remaining.
  CHECK(c.get(draft).body.find("data-action=\"approve\"") != std::string::npos);
  REQUIRE(c.post(draft + "/approve", {}).status == 303);
  page = c.get(commitment).body;
  CHECK(figure(page, "commitment-billed") == "$12,450.00");
  CHECK(figure(page, "commitment-remaining") == "$50.00");
  // Approved with bills against it, the subcontract may not be voided.
  HttpResult voided = c.post(commitment + "/void", {});
  CHECK(voided.status == 409);
  CHECK(figure(c.get(commitment).body, "commitment-status") == "Approved");
}
