// The documents as PDFs through the real server, pages and API: each PDF put
// through pdftotext shows the figures worked out by hand below (never taken
// from the code under test); one version of a document gives one set of
// bytes; a long pay application runs across pages with the G703's header on
// each; what people type in any script comes out as typed; tenancy and
// roles are the record's.
//
// The contract (test/support/api_project.cpp makes it, no markup, no tax):
//   item 1  01-100 General conditions   $10,000.00
//   item 2  09-250 Drywall              $40,000.00
//   item 3  26-100 Electrical           $50,000.00
//   original contract sum              $100,000.00
#include <catch2/catch.hpp>
#include <regex>

#include "test/support/api_project.hpp"
#include "test/support/command.hpp"
#include "test/support/page_client.hpp"
#include "test/support/pdf_text.hpp"

using namespace construction::testing;

namespace {

const std::string kLines =
    R"([{"cost_code":"01-100","cost_type":"other","description":"General conditions",
         "quantity":1,"unit_cost_cents":1000000},
        {"cost_code":"09-250","cost_type":"subcontract","description":"Drywall",
         "quantity":1,"unit_cost_cents":4000000},
        {"cost_code":"26-100","cost_type":"subcontract","description":"Electrical",
         "quantity":1,"unit_cost_cents":5000000}])";

// pdftotext -layout keeps a row on one line: the label, then the figures in
// order, separated by blanks only.
bool has_row(const std::string& text, const std::string& label,
             const std::vector<std::string>& figures) {
  std::string pattern = std::regex_replace(label, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
  for (const auto& figure : figures)
    pattern += "[ ]+" + std::regex_replace(figure, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
  return std::regex_search(text, std::regex(pattern));
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// A PDF fetched by the API: 200, application/pdf, inline under `filename`.
std::string pdf_at(ApiServer& api, const std::string& path, const std::string& token,
                   const std::string& filename) {
  HttpResult r = api.call("GET", path, token);
  INFO(path << " -> " << r.status << " " << r.body.substr(0, 200));
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/pdf");
  CHECK(r.header("content-disposition") == "inline; filename=\"" + filename + "\"");
  return r.body;
}

}  // namespace

TEST_CASE("the pay application's PDF: the G702's lines 1 to 9 and the G703's totals, by hand",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  HttpResult app = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                          p.token, R"({"period_to":"2026-01-31"})");
  std::string id = at(app, "id"), path = "/api/v1/pay-applications/" + id;
  expect(api, 200, "PATCH", path + "/lines/" + at(app, "lines.0.id"), p.token,
         R"({"this_period_cents":200000})");
  expect(api, 200, "PATCH", path + "/lines/" + at(app, "lines.1.id"), p.token,
         R"({"this_period_cents":1000000,"stored_cents":500000})");

  std::string pdf = pdf_at(api, path + "/pdf", p.token, "2026-020 Application 1.pdf");
  std::string text = pdf_text(pdf);
  INFO(text);
  // 4 = 2,000 + 10,000 + 5,000 = 17,000; 5a = 10 % of 12,000 = 1,200;
  // 5b = 10 % of 5,000 = 500; 5 = 1,700; 6 = 17,000 - 1,700 = 15,300;
  // 7 = 0 (the first application); 8 = 15,300; 9 = 100,000 - 15,300 = 84,700.
  CHECK(has_row(text, "1. Original contract sum", {"$100,000.00"}));
  CHECK(has_row(text, "2. Net change by change orders", {"$0.00"}));
  CHECK(has_row(text, "3. Contract sum to date (line 1 ± 2)", {"$100,000.00"}));
  CHECK(has_row(text, "4. Total completed & stored to date (column G)", {"$17,000.00"}));
  CHECK(has_row(text, "a. 10.00 % of completed work (columns D + E)", {"$1,200.00"}));
  CHECK(has_row(text, "b. 10.00 % of stored material (column F)", {"$500.00"}));
  CHECK(has_row(text, "Total retainage (lines 5a + 5b, column I)", {"$1,700.00"}));
  CHECK(has_row(text, "6. Total earned less retainage (line 4 less line 5 total)", {"$15,300.00"}));
  CHECK(has_row(text, "(line 6 from prior certificate)", {"$0.00"}));
  CHECK(has_row(text, "8. Current payment due", {"$15,300.00"}));
  CHECK(has_row(text, "(line 3 less line 6)", {"$84,700.00"}));
  // The G703: C, D, E, F, G, G ÷ C, H, I of each item and of the grand total
  // (G = 17,000 ties to line 4, I = 1,700 to line 5).
  CHECK(has_row(text, "Drywall",
                {"$40,000.00", "$0.00", "$10,000.00", "$5,000.00", "$15,000.00", "37.50 %",
                 "$25,000.00", "$1,500.00"}));
  CHECK(has_row(text, "Grand total",
                {"$100,000.00", "$0.00", "$12,000.00", "$5,000.00", "$17,000.00", "17.00 %",
                 "$83,000.00", "$1,700.00"}));
  CHECK(text.find("Period to Jan 31, 2026") != std::string::npos);
  CHECK(text.find("Page 1 of 2") != std::string::npos);
  CHECK(text.find("Page 2 of 2") != std::string::npos);

  // One version, one set of bytes; a changed figure, other bytes.
  CHECK(pdf_at(api, path + "/pdf", p.token, "2026-020 Application 1.pdf") == pdf);
  expect(api, 200, "PATCH", path + "/lines/" + at(app, "lines.2.id"), p.token,
         R"({"this_period_cents":100})");
  std::string changed = pdf_at(api, path + "/pdf", p.token, "2026-020 Application 1.pdf");
  CHECK(changed != pdf);
  CHECK(pdf_text(changed).find("$83,000.00") == std::string::npos);
}

TEST_CASE("the G702 names the project's architect on its \"Via architect\" line, blank without one",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string id = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                             p.token, R"({"period_to":"2026-01-31"})"),
                      "id");
  const std::string path = "/api/v1/pay-applications/" + id + "/pdf";
  const std::string filename = "2026-020 Application 1.pdf";
  // pdftotext -layout puts the column's heading and its name one under the
  // other: the name starts where the heading does.
  auto named = [](const std::string& text, const std::string& name) {
    auto heading = text.find("Via architect");
    if (heading == std::string::npos) return false;
    auto line_start = text.rfind('\n', heading) + 1;
    auto next = text.find('\n', heading) + 1;
    return text.compare(next + (heading - line_start), name.size(), name) == 0;
  };

  std::string text = pdf_text(pdf_at(api, path, p.token, filename));
  INFO(text);
  CHECK(text.find("Via architect") != std::string::npos);
  CHECK_FALSE(named(text, "_"));
  CHECK(text.find("Lindqvist") == std::string::npos);

  std::string architect = at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                                    R"({"kind":"architect","name":"Lindqvist Architecture"})"),
                             "id");
  expect(api, 200, "PATCH", "/api/v1/projects/" + p.id, p.token,
         R"({"architect_id":)" + architect + "}");
  text = pdf_text(pdf_at(api, path, p.token, filename));
  INFO(text);
  CHECK(named(text, "Lindqvist Architecture"));
}

// The worker keeps the PDFs it drew (documents/pdf_cache): the server's one
// worker answers each request here, so every fetch after the first of a
// version is a kept copy, and each must follow what the PDF shows.
TEST_CASE("a kept PDF changes when anything it shows changes: a line, a party's name, the project",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  HttpResult app = expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                          p.token, R"({"period_to":"2026-01-31"})");
  const std::string path = "/api/v1/pay-applications/" + at(app, "id") + "/pdf";
  const std::string filename = "2026-020 Application 1.pdf";
  std::string architect = at(expect(api, 201, "POST", "/api/v1/parties", p.token,
                                    R"({"kind":"architect","name":"Okafor Studio"})"),
                             "id");
  expect(api, 200, "PATCH", "/api/v1/projects/" + p.id, p.token,
         R"({"architect_id":)" + architect + "}");
  std::string first = pdf_at(api, path, p.token, filename);
  REQUIRE(pdf_at(api, path, p.token, filename) == first);  // kept: the same bytes

  // The architect renamed: the application's record is untouched.
  expect(api, 200, "PATCH", "/api/v1/parties/" + architect, p.token,
         R"({"name":"Okafor & Lindqvist Studio"})");
  std::string renamed = pdf_at(api, path, p.token, filename);
  CHECK(renamed != first);
  std::string text = pdf_text(renamed);
  CHECK(text.find("Okafor & Lindqvist Studio") != std::string::npos);
  CHECK(pdf_at(api, path, p.token, filename) == renamed);

  // The project renamed: its name is on the G702.
  expect(api, 200, "PATCH", "/api/v1/projects/" + p.id, p.token,
         R"({"name":"Harbour Street clinic"})");
  std::string moved = pdf_at(api, path, p.token, filename);
  CHECK(moved != renamed);
  CHECK(pdf_text(moved).find("Harbour Street clinic") != std::string::npos);

  // A line billed: the record's own figures.
  expect(api, 200, "PATCH",
         "/api/v1/pay-applications/" + at(app, "id") + "/lines/" + at(app, "lines.0.id"), p.token,
         R"({"this_period_cents":250000})");
  std::string billed = pdf_at(api, path, p.token, filename);
  CHECK(billed != moved);
  CHECK(has_row(pdf_text(billed), "8. Current payment due", {"$2,250.00"}));
  CHECK(pdf_at(api, path, p.token, filename) == billed);
}

TEST_CASE("the invoice's PDF: its payments and the balance due, by hand", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string id = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/invoices", p.token,
                             R"({"number":"INV-7","kind":"deposit","total_cents":5000000,
                                 "due_date":"2026-03-31"})"),
                      "id");
  std::string path = "/api/v1/invoices/" + id;
  expect(api, 200, "POST", path + "/send", p.token);
  expect(api, 201, "POST", path + "/payments", p.token,
         R"({"amount_cents":1000000,"received_on":"2026-02-15","method":"check",
             "reference":"Check 1042"})");
  expect(api, 201, "POST", path + "/payments", p.token,
         R"({"amount_cents":250050,"received_on":"2026-02-20","method":"wire"})");

  std::string text = pdf_text(pdf_at(api, path + "/pdf", p.token, "INV-7.pdf"));
  INFO(text);
  // Paid 10,000.00 + 2,500.50 = 12,500.50; due 50,000.00 - 12,500.50 = 37,499.50.
  CHECK(has_row(text, "Deposit invoice", {"$50,000.00"}));
  CHECK(has_row(text, "Feb 15, 2026", {"Check", "Check 1042", "$10,000.00"}));
  CHECK(has_row(text, "Feb 20, 2026", {"Wire", "$2,500.50"}));
  CHECK(has_row(text, "Total paid", {"$12,500.50"}));
  CHECK(has_row(text, "Balance due", {"$37,499.50"}));
  CHECK(text.find("Due Mar 31, 2026") != std::string::npos);
}

TEST_CASE("a client's estimate and change order show prices only: no cost, markup or margin",
          "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  // 10 x $123.45 = $1,234.50 of cost; a 25 % markup: $1,543.125, $1,543.13.
  // 3 x $200.00 = $600.00 at 10 %: $660.00. Subtotal $2,203.13; tax 8.25 % on
  // the taxable $660.00: $54.45; total $2,257.58.
  std::string estimate =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
                R"({"number":"EST-042","title":"Kitchen","tax_bps":825,"lines":[
                  {"cost_code":"06-100","cost_type":"labor","description":"Framing crew",
                   "quantity":10,"unit":"hr","unit_cost_cents":12345,"markup_bps":2500},
                  {"cost_code":"06-200","cost_type":"material","description":"Cabinets",
                   "quantity":3,"unit":"ea","unit_cost_cents":20000,"markup_bps":1000,
                   "taxable":true}]})"),
         "id");
  std::string text =
      pdf_text(pdf_at(api, "/api/v1/estimates/" + estimate + "/pdf", p.token, "EST-042 rev 1.pdf"));
  INFO(text);
  CHECK(has_row(text, "Framing crew", {"10", "hr", "$1,543.13"}));
  CHECK(has_row(text, "Cabinets", {"3", "ea", "$660.00"}));
  CHECK(has_row(text, "Subtotal", {"$2,203.13"}));
  CHECK(has_row(text, "Tax (8.25 %)", {"$54.45"}));
  CHECK(has_row(text, "Total", {"$2,257.58"}));
  for (const char* hidden :
       {"$1,234.50", "$123.45", "$200.00", "$600.00", "25.00 %", "10.00 %", "06-100", "labor"}) {
    INFO(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(lower.find("cost") == std::string::npos);
  CHECK(lower.find("markup") == std::string::npos);
  CHECK(lower.find("margin") == std::string::npos);

  // A change order: 4 x $250.00 at 20 % = $1,200.00; nothing of its cost.
  std::string order =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/change-orders", p.token,
                R"({"number":"CO-003","title":"Extra outlets","reason":"Owner request",
                    "days_delta":2,"lines":[{"cost_code":"26-100","cost_type":"subcontract",
                    "description":"Data outlets","quantity":4,"unit":"ea",
                    "unit_cost_cents":25000,"markup_bps":2000}]})"),
         "id");
  std::string co =
      pdf_text(pdf_at(api, "/api/v1/change-orders/" + order + "/pdf", p.token, "CO-003.pdf"));
  INFO(co);
  CHECK(has_row(co, "Data outlets", {"4", "ea", "$1,200.00"}));
  CHECK(has_row(co, "Change to the contract sum", {"$1,200.00"}));
  CHECK(has_row(co, "Change to the contract time", {"+2 days"}));
  CHECK(co.find("$1,000.00") == std::string::npos);
  CHECK(co.find("$250.00") == std::string::npos);
}

TEST_CASE("the job cost report's PDF shows the budget page's rows and totals", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string text = pdf_text(pdf_at(api, "/api/v1/projects/" + p.id + "/budget.pdf", p.token,
                                     "2026-020 Job cost report.pdf"));
  INFO(text);
  // The accepted estimate's costs are the budget; nothing committed or spent:
  // projected = revised, variance 0, uncommitted = revised.
  CHECK(has_row(text, "09-250",
                {"subcontract", "$40,000.00", "$0.00", "$0.00", "$40,000.00", "$0.00", "$0.00",
                 "$40,000.00", "$0.00", "0.00 %", "$40,000.00"}));
  CHECK(has_row(text, "Total",
                {"$100,000.00", "$0.00", "$0.00", "$100,000.00", "$0.00", "$0.00", "$100,000.00",
                 "$0.00", "0.00 %", "$100,000.00"}));
  CHECK(has_row(text, "Contract sum to date", {"$100,000.00"}));
  CHECK(has_row(text, "Projected profit", {"$0.00"}));
}

TEST_CASE("a 40-line pay application runs across pages, the G703's header on each", "[process]") {
  ApiServer& api = shared_api_server();
  std::string lines = "[";
  for (int i = 1; i <= 40; ++i)
    lines += std::string(i > 1 ? "," : "") + R"({"cost_code":"01-)" + std::to_string(100 + i) +
             R"(","cost_type":"other","description":"Line )" + std::to_string(i) +
             R"( of the work, described at length so that it wraps within its column",
             "quantity":1,"unit_cost_cents":100000})";
  ApiProject p = accepted_project(api, lines + "]");
  std::string id = at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/pay-applications",
                             p.token, R"({"period_to":"2026-01-31"})"),
                      "id");
  std::string pdf =
      pdf_at(api, "/api/v1/pay-applications/" + id + "/pdf", p.token, "2026-020 Application 1.pdf");
  int pages = pdf_pages(pdf);
  REQUIRE(pages >= 3);  // the G702, then the G703 on two pages or more
  std::string text = pdf_text(pdf);
  INFO(text);
  CHECK(count(text, "Description of work") == static_cast<std::size_t>(pages - 1));
  CHECK(text.find("Page 2 of " + std::to_string(pages)) != std::string::npos);
  CHECK(text.find("Line 40 of the work") != std::string::npos);
  CHECK(has_row(text, "Grand total", {"$40,000.00"}));
}

TEST_CASE("what a person types comes out of the PDF as typed, in any script", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  std::string estimate =
      at(expect(api, 201, "POST", "/api/v1/projects/" + p.id + "/estimates", p.token,
                R"({"number":"見積-1","title":"Façade – “phase ½”","lines":[
               {"cost_code":"03-100","cost_type":"subcontract","description":"基礎工事 – 東京",
                "quantity":1,"unit_cost_cents":100},
               {"cost_code":"03-200","cost_type":"material","description":"The “curly quotes” and ½ inch, Señor Müller",
                "quantity":1,"unit_cost_cents":100}]})"),
         "id");
  HttpResult r = api.call("GET", "/api/v1/estimates/" + estimate + "/pdf", p.token);
  REQUIRE(r.status == 200);
  // The name as typed in filename*, a plain fallback in filename.
  CHECK(r.header("content-disposition") ==
        "inline; filename=\"______-1 rev 1.pdf\"; "
        "filename*=UTF-8''%E8%A6%8B%E7%A9%8D-1%20rev%201.pdf");
  std::string text = pdf_text(r.body);
  INFO(text);
  CHECK(text.find("基礎工事 – 東京") != std::string::npos);
  CHECK(text.find("The “curly quotes” and ½ inch, Señor Müller") != std::string::npos);
  CHECK(text.find("Façade – “phase ½”") != std::string::npos);
  CHECK(text.find("見積-1 rev 1") != std::string::npos);
}

TEST_CASE("a PDF has its record's tenancy and roles, on the API and the pages", "[process]") {
  ApiServer& api = shared_api_server();
  ApiProject p = accepted_project(api, kLines);
  BillingRecords r = billing_records(api, p);
  std::string estimate =
      at(expect(api, 200, "GET", "/api/v1/projects/" + p.id + "/estimates", p.token), "data.0.id");
  std::string other = api.user_token(unique("Other"), unique("other") + "@example.com", "owner");
  const std::vector<std::pair<std::string, std::string>> records = {
      {"/estimates/" + estimate, "/estimates/" + estimate + "/pdf"},
      {"/change-orders/" + r.co, "/change-orders/" + r.co + "/pdf"},
      {"/pay-applications/" + r.pay, "/pay-applications/" + r.pay + "/pdf"},
      {"/invoices/" + r.invoice, "/invoices/" + r.invoice + "/pdf"},
      {"/projects/" + p.id + "/budget", "/projects/" + p.id + "/budget.pdf"}};
  for (const auto& [record, pdf] : records) {
    INFO(pdf);
    CHECK(api.call("GET", "/api/v1" + pdf, p.token).status == 200);
    CHECK(api.call("GET", "/api/v1" + pdf, other).status == 404);
    CHECK(api.call("GET", "/api/v1" + pdf + "x", p.token).status == 404);
    CHECK(api.call("GET", "/api/v1" + pdf, "").status == 401);
    CHECK(api.call("GET", "/api/v1" + record, other).status == 404);
  }
}

namespace {

// The API of the page server, with a token of its user `email` (create-token).
struct PageApi {
  PageServer& server;
  std::string token;

  std::string id_of(const std::string& method, const std::string& path,
                    const std::string& json = "") {
    HttpResult r =
        http_request(server.port(), method, "/api/v1" + path, json,
                     {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    INFO(method << " " << path << " -> " << r.body);
    REQUIRE(r.status / 100 == 2);
    return at(r, "id");
  }
};

std::string token_of(PageServer& server, const std::string& email) {
  CommandResult token = run_command({CONSTRUCTION_BINARY, "create-token", "--email", email},
                                    {{"DATABASE_URL", server.db.url()}, {"APP_ENV", "development"}},
                                    make_temp_dir("cli"));
  INFO(token.out << token.err);
  REQUIRE(token.status == 0);
  return token.out.substr(0, token.out.find('\n'));
}

}  // namespace

TEST_CASE("each record's page links its PDF and the PDF has the page's access", "[process]") {
  PageServer& server = shared_page_server();
  const std::string org = unique("PDF pages"), email = unique("owner") + "@example.com";
  const std::string password = "correct horse battery";
  server.add_user(org, email, password, "owner");
  PageClient owner(server.port());
  REQUIRE(owner.log_in(email, password));
  PageClient field = new_member(org, "field");
  PageClient manager = new_member(org, "manager");
  Org other = new_org("PDF other");

  PageApi api{server, token_of(server, email)};
  std::string project = api.id_of("POST", "/projects", R"({"number":"P-9","name":"Garage"})");
  std::string estimate =
      api.id_of("POST", "/projects/" + project + "/estimates",
                R"({"number":"EST-9","title":"Garage slab","lines":[{"cost_code":"03-100",
                    "cost_type":"subcontract","description":"Slab","quantity":1,
                    "unit_cost_cents":500000}]})");
  api.id_of("POST", "/estimates/" + estimate + "/send", R"({"to":["owner@example.com"]})");
  api.id_of("POST", "/estimates/" + estimate + "/accept");
  std::string order = api.id_of("POST", "/projects/" + project + "/change-orders",
                                R"({"number":"CO-9","title":"Drain"})");
  std::string pay = api.id_of("POST", "/projects/" + project + "/pay-applications",
                              R"({"period_to":"2026-01-31"})");
  std::string invoice = api.id_of("POST", "/projects/" + project + "/invoices",
                                  R"({"number":"INV-9","kind":"deposit","total_cents":1000})");

  struct Record {
    std::string page, pdf, print, filename;
  };
  const std::vector<Record> records = {
      {"/estimates/" + estimate, "/estimates/" + estimate + "/pdf",
       "/estimates/" + estimate + "/print", "EST-9 rev 1.pdf"},
      {"/change-orders/" + order, "/change-orders/" + order + "/pdf", "", "CO-9.pdf"},
      {"/pay-applications/" + pay, "/pay-applications/" + pay + "/pdf",
       "/pay-applications/" + pay + "/print", "P-9 Application 1.pdf"},
      {"/invoices/" + invoice, "/invoices/" + invoice + "/pdf", "", "INV-9.pdf"},
      {"/projects/" + project + "/budget", "/projects/" + project + "/budget.pdf", "",
       "P-9 Job cost report.pdf"}};
  for (const Record& r : records) {
    INFO(r.pdf);
    HttpResult page = owner.get(r.page);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("href=\"" + r.pdf + "\"") != std::string::npos);
    HttpResult pdf = owner.get(r.pdf);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("content-type") == "application/pdf");
    CHECK(pdf.header("content-disposition") == "inline; filename=\"" + r.filename + "\"");
    CHECK(pdf_text(pdf.body).find("Garage") != std::string::npos);
    CHECK(manager.get(r.pdf).status == 200);
    // A field user: what the record's print view (or page) gives them.
    int field_status = field.get(r.pdf).status;
    CHECK(field_status == field.get(r.print.empty() ? r.page : r.print).status);
    CHECK(field_status != 200);
    CHECK(other.owner.get(r.pdf).status == 404);
  }
}
