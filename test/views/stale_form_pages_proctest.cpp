// Edits from the pages against a change someone else made meanwhile: every
// edit form carries the version of what it edits, and a form posted after
// the record changed is answered 409 with the form again, showing the
// record as it is now and saying that someone else changed it; the other
// person's change is what the database keeps. Lines carry their own
// version, so two people on two lines of one document (or one person typing
// a G703 column cell by cell from one page) do not collide. Through the real
// server, as htmx (by its headers) and a browser without JavaScript send
// the forms: what a test posts is what the form it was given holds.
#include <catch2/catch.hpp>

#include "test/support/page_client.hpp"

using namespace construction::testing;

namespace {

using Fields = std::map<std::string, std::string>;
const Fields kHtmx = {{"HX-Request", "true"}};
const std::string kStale = "Someone else changed";

// The part of `body` from `marker` to the next `end` (all of it when absent).
std::string part(const std::string& body, const std::string& marker, const std::string& end) {
  auto at = body.find(marker);
  REQUIRE(at != std::string::npos);
  auto stop = body.find(end, at);
  return body.substr(at, stop == std::string::npos ? std::string::npos : stop - at);
}

// `fields` as a browser posts the form `form`: with its hidden version, when
// it has one.
Fields as_posted(const std::string& form, Fields fields) {
  const std::string marker = "name=\"version\" value=\"";
  auto at = form.find(marker);
  if (at != std::string::npos) {
    at += marker.size();
    fields["version"] = form.substr(at, form.find('"', at) - at);
  }
  return fields;
}

std::string scalar(const std::string& sql) {
  return shared_page_server().db.scalar(sql);
}

Fields priced_line(const std::string& description, const std::string& quantity,
                   const std::string& code = "09-250") {
  return {{"cost_code", code},
          {"cost_type", "material"},
          {"description", description},
          {"quantity", quantity},
          {"unit", "sf"},
          {"unit_cost", "10.00"},
          {"markup", "10"}};
}

Fields amount_line(const std::string& description, const std::string& amount) {
  return {{"cost_code", "09-250"},
          {"cost_type", "subcontract"},
          {"description", description},
          {"amount", amount}};
}

std::string new_project(PageClient& c, const std::string& name) {
  HttpResult project =
      c.post("/projects", {{"number", "S-" + std::to_string(std::rand())}, {"name", name}});
  REQUIRE(project.status == 303);
  return id_after(project.header("location"), "/projects/");
}

// A draft estimate of `project` with two lines of two cost codes (two lines
// of the schedule of values, once accepted); its id.
std::string new_estimate(PageClient& c, const std::string& project) {
  HttpResult estimate = c.post("/projects/" + project + "/estimates", {{"title", "Fit-out"}});
  REQUIRE(estimate.status == 303);
  std::string id = id_after(estimate.header("location"), "/estimates/");
  REQUIRE(c.post("/estimates/" + id + "/lines", priced_line("Drywall", "100")).status == 303);
  REQUIRE(c.post("/estimates/" + id + "/lines", priced_line("Paint", "100", "09-900")).status ==
          303);
  return id;
}

// A project whose estimate of two lines is accepted, ready to bill.
std::string billable_project(PageClient& c, const std::string& name) {
  std::string project = new_project(c, name);
  std::string estimate = new_estimate(c, project);
  REQUIRE(c.post("/estimates/" + estimate + "/send", {{"to", "owner@example.com"}}).status == 303);
  REQUIRE(c.post("/estimates/" + estimate + "/accept", {}).status == 303);
  return project;
}

std::string new_pay_application(PageClient& c, const std::string& project) {
  HttpResult app =
      c.post("/projects/" + project + "/pay-applications", {{"period_to", "2026-11-30"}});
  REQUIRE(app.status == 303);
  return id_after(app.header("location"), "/pay-applications/");
}

// Two people of one organisation: the owner and a manager.
struct Colleagues {
  Org org;
  PageClient other;
};

Colleagues colleagues(const std::string& label) {
  Org org = new_org(label);
  PageClient other = new_member(org.name, "manager");
  return {std::move(org), std::move(other)};
}

// A line editor of `base` ("/estimates/12"): `mine` opens line `line`'s
// form, `theirs` saves `their_fields` through its own form, then `mine`
// posts `my_fields` from the form it opened.
HttpResult stale_line_save(PageClient& mine, PageClient& theirs, const std::string& base,
                           const std::string& line, const Fields& their_fields,
                           const Fields& my_fields, const Fields& headers) {
  const std::string path = base + "/lines/" + line;
  HttpResult form = mine.get(path + "/edit", kHtmx);
  REQUIRE(form.status == 200);
  HttpResult their_form = theirs.get(path + "/edit", kHtmx);
  REQUIRE(their_form.status == 200);
  REQUIRE(theirs.post(path, as_posted(their_form.body, their_fields), true, kHtmx).status == 200);
  return mine.post(path, as_posted(form.body, my_fields), true, headers);
}

}  // namespace

TEST_CASE("a stale party form comes back with the other person's change", "[process][pages]") {
  auto [org, other] = colleagues("Stale party");
  REQUIRE(org.owner.post("/parties", {{"kind", "client"}, {"name", "Harbor Homes"}}).status == 303);
  std::string party = id_in(org.owner.get("/parties").body, "id=\"party-", true);
  const std::string path = "/parties/" + party;
  HttpResult form = org.owner.get(path + "/edit", kHtmx);
  HttpResult their_form = other.get(path + "/edit", kHtmx);
  REQUIRE(other
              .post(path,
                    as_posted(their_form.body, {{"kind", "client"},
                                                {"name", "Harbor Homes LLC"},
                                                {"email", "office@harbor.example"}}),
                    true, kHtmx)
              .status == 200);

  HttpResult stale = org.owner.post(
      path, as_posted(form.body, {{"kind", "client"}, {"name", "Harbour Homes"}}), true, kHtmx);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<tr id=\"party-" + party + "\" class=\"editing\"") != std::string::npos);
  CHECK(stale.body.find("value=\"Harbor Homes LLC\"") != std::string::npos);
  CHECK(stale.body.find("value=\"office@harbor.example\"") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT name || ' ' || email FROM parties WHERE id = " + party) ==
        "Harbor Homes LLC office@harbor.example");
  CHECK(invalid_html({{"stale party row", stale.body}}) == "");

  // The form it came back with is current: saved as typed again.
  HttpResult again = org.owner.post(
      path, as_posted(stale.body, {{"kind", "client"}, {"name", "Harbour Homes"}}), true, kHtmx);
  CHECK(again.status == 200);
  CHECK(scalar("SELECT name FROM parties WHERE id = " + party) == "Harbour Homes");
}

TEST_CASE("a stale estimate line form comes back with the line as it is now", "[process][pages]") {
  auto [org, other] = colleagues("Stale estimate");
  std::string estimate = new_estimate(org.owner, new_project(org.owner, "Stale estimate"));
  const std::string base = "/estimates/" + estimate;
  std::string line = id_in(org.owner.get(base).body, "<tr id=\"line-");

  HttpResult stale =
      stale_line_save(org.owner, other, base, line, priced_line("Drywall, level 5 finish", "120"),
                      priced_line("Drywall, level 4", "90"), kHtmx);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<tr id=\"line-" + line + "\" class=\"editing\"") != std::string::npos);
  CHECK(stale.body.find("value=\"Drywall, level 5 finish\"") != std::string::npos);
  CHECK(stale.body.find("value=\"120\"") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT description || ' ' || quantity::float8 FROM estimate_lines WHERE id = " +
               line) == "Drywall, level 5 finish 120");
  // The totals follow the line that was kept: 120 sf at $10.00 + 10 %, and
  // the other line's 100 sf.
  CHECK(scalar("SELECT subtotal_cents FROM estimates WHERE id = " + estimate) == "242000");

  // Without JavaScript: the editor, the line as it is now and the message.
  HttpResult plain =
      stale_line_save(org.owner, other, base, line, priced_line("Drywall, level 5, taped", "130"),
                      priced_line("Drywall, level 4", "90"), {});
  CHECK(plain.status == 409);
  CHECK(plain.body.find("<!doctype html>") != std::string::npos);
  CHECK(plain.body.find("Drywall, level 5, taped") != std::string::npos);
  CHECK(plain.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT description FROM estimate_lines WHERE id = " + line) ==
        "Drywall, level 5, taped");
  CHECK(invalid_html({{"stale line row", stale.body}, {"stale line page", plain.body}}) == "");
}

TEST_CASE("two people change two lines of one estimate, and both are saved", "[process][pages]") {
  auto [org, other] = colleagues("Two lines");
  std::string estimate = new_estimate(org.owner, new_project(org.owner, "Two lines"));
  const std::string base = "/estimates/" + estimate;
  HttpResult editor = org.owner.get(base);
  std::string first = id_in(editor.body, "<tr id=\"line-");
  std::string second = id_in(editor.body, "<tr id=\"line-", true);
  HttpResult mine = org.owner.get(base + "/lines/" + first + "/edit", kHtmx);
  HttpResult theirs = other.get(base + "/lines/" + second + "/edit", kHtmx);
  CHECK(other
            .post(base + "/lines/" + second,
                  as_posted(theirs.body, priced_line("Paint, 2 coats", "100", "09-900")), true,
                  kHtmx)
            .status == 200);
  CHECK(org.owner
            .post(base + "/lines/" + first, as_posted(mine.body, priced_line("Drywall, l5", "100")),
                  true, kHtmx)
            .status == 200);
  CHECK(scalar("SELECT string_agg(description, ' / ' ORDER BY position) FROM estimate_lines "
               "WHERE estimate_id = " +
               estimate) == "Drywall, l5 / Paint, 2 coats");
}

TEST_CASE("a stale change order line form comes back with the line as it is now",
          "[process][pages]") {
  auto [org, other] = colleagues("Stale change order");
  std::string project = billable_project(org.owner, "Stale change order");
  HttpResult order =
      org.owner.post("/projects/" + project + "/change-orders",
                     {{"title", "Extra door"}, {"reason", "Owner request"}, {"days_delta", "0"}});
  REQUIRE(order.status == 303);
  const std::string base =
      "/change-orders/" + id_after(order.header("location"), "/change-orders/");
  REQUIRE(org.owner.post(base + "/lines", priced_line("Door", "1")).status == 303);
  std::string line = id_in(org.owner.get(base).body, "<tr id=\"line-");

  HttpResult stale =
      stale_line_save(org.owner, other, base, line, priced_line("Door, fire rated", "2"),
                      priced_line("Door, hollow core", "1"), kHtmx);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<tr id=\"line-" + line + "\" class=\"editing\"") != std::string::npos);
  CHECK(stale.body.find("value=\"Door, fire rated\"") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT description FROM change_order_lines WHERE id = " + line) ==
        "Door, fire rated");
  CHECK(invalid_html({{"stale change order line row", stale.body}}) == "");
}

TEST_CASE("stale commitment and vendor bill line forms come back with the line as it is now",
          "[process][pages]") {
  auto [org, other] = colleagues("Stale amounts");
  std::string project = new_project(org.owner, "Stale amounts");
  std::string party_name = "Stale Drywall " + std::to_string(std::rand());
  REQUIRE(org.owner.post("/parties", {{"kind", "subcontractor"}, {"name", party_name}}).status ==
          303);
  std::string party = scalar("SELECT id FROM parties WHERE name = '" + party_name + "'");

  HttpResult commitment = org.owner.post(
      "/projects/" + project + "/commitments",
      {{"kind", "subcontract"}, {"party_id", party}, {"title", "Drywall"}, {"retainage", ""}});
  REQUIRE(commitment.status == 303);
  HttpResult bill =
      org.owner.post("/projects/" + project + "/vendor-bills",
                     {{"party_id", party}, {"number", "DW-1"}, {"bill_date", "2026-11-30"}});
  REQUIRE(bill.status == 303);

  for (const std::string& base : {commitment.header("location"), bill.header("location")}) {
    INFO(base);
    const std::string table =
        base.starts_with("/commitments/") ? "commitment_lines" : "vendor_bill_lines";
    REQUIRE(org.owner.post(base + "/lines", amount_line("Hang board", "10,000")).status == 303);
    std::string line = id_in(org.owner.get(base).body, "<tr id=\"line-");
    HttpResult stale =
        stale_line_save(org.owner, other, base, line, amount_line("Hang and tape board", "12,500"),
                        amount_line("Hang board", "9,000"), kHtmx);
    CHECK(stale.status == 409);
    CHECK(stale.body.find("<tr id=\"line-" + line + "\" class=\"editing\"") != std::string::npos);
    CHECK(stale.body.find("value=\"Hang and tape board\"") != std::string::npos);
    CHECK(stale.body.find("value=\"12500.00\"") != std::string::npos);
    CHECK(stale.body.find(kStale) != std::string::npos);
    CHECK(scalar("SELECT description || ' ' || amount_cents FROM " + table +
                 " WHERE id = " + line) == "Hang and tape board 1250000");
    CHECK(invalid_html({{"stale amount line row", stale.body}}) == "");
  }
}

TEST_CASE(
    "a stale G703 row comes back with the other person's figures, and the column is typed "
    "from one page",
    "[process][pages]") {
  auto [org, other] = colleagues("Stale G703");
  std::string app = new_pay_application(org.owner, billable_project(org.owner, "Stale G703"));
  const std::string path = "/pay-applications/" + app;
  HttpResult sheet = org.owner.get(path);
  std::string first = id_in(sheet.body, "id=\"pay-line-");
  std::string second = id_in(sheet.body, "id=\"pay-line-", true);
  auto row = [](const std::string& body, const std::string& line) {
    return part(body, "<tr id=\"pay-line-" + line + "\"", "</tr>");
  };

  // One person types the column down from the page as it was loaded.
  CHECK(org.owner
            .post(path + "/lines/" + first,
                  as_posted(row(sheet.body, first), {{"this_period", "300"}, {"stored", "0"}}),
                  true, kHtmx)
            .status == 200);
  CHECK(org.owner
            .post(path + "/lines/" + second,
                  as_posted(row(sheet.body, second), {{"this_period", "200"}, {"stored", "0"}}),
                  true, kHtmx)
            .status == 200);

  // The other person changes the first row; the first person's next change
  // of that row, from the row it was given back before, is stale.
  HttpResult mine = org.owner.post(
      path + "/lines/" + first,
      as_posted(row(org.owner.get(path).body, first), {{"this_period", "350"}, {"stored", "0"}}),
      true, kHtmx);
  REQUIRE(mine.status == 200);
  CHECK(other
            .post(path + "/lines/" + first,
                  as_posted(row(other.get(path).body, first),
                            {{"this_period", "400"}, {"stored", "25"}}),
                  true, kHtmx)
            .status == 200);
  HttpResult stale =
      org.owner.post(path + "/lines/" + first,
                     as_posted(mine.body, {{"this_period", "360"}, {"stored", "0"}}), true, kHtmx);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<tr id=\"pay-line-" + first + "\"") != std::string::npos);
  CHECK(stale.body.find("value=\"400.00\"") != std::string::npos);
  CHECK(stale.body.find("value=\"25.00\"") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT this_period_cents || ' ' || stored_cents FROM pay_application_lines "
               "WHERE id = " +
               first) == "40000 2500");
  CHECK(scalar("SELECT this_period_cents FROM pay_application_lines WHERE id = " + second) ==
        "20000");
  CHECK(invalid_html({{"stale G703 row", stale.body}}) == "");
}

TEST_CASE("a stale certificate is refused with the application as it is now", "[process][pages]") {
  auto [org, other] = colleagues("Stale certify");
  std::string app = new_pay_application(org.owner, billable_project(org.owner, "Stale certify"));
  const std::string path = "/pay-applications/" + app;
  std::string line = id_in(org.owner.get(path).body, "id=\"pay-line-");
  REQUIRE(
      org.owner.post(path + "/lines/" + line, {{"this_period", "500"}, {"stored", "0"}}).status ==
      303);
  REQUIRE(org.owner.post(path + "/submit", {}).status == 303);
  HttpResult sheet = org.owner.get(path);  // the architect's form: $500.00 due, less retainage

  // Meanwhile the contractor takes it back, bills more, and submits again.
  REQUIRE(other.get(path).status == 200);
  REQUIRE(other.post(path + "/return", {}).status == 303);
  REQUIRE(other.post(path + "/lines/" + line, {{"this_period", "800"}, {"stored", "0"}}).status ==
          303);
  REQUIRE(other.post(path + "/submit", {}).status == 303);
  std::string due =
      scalar("SELECT current_payment_due_cents FROM pay_applications WHERE id = " + app);

  HttpResult stale = org.owner.post(
      path + "/certify",
      as_posted(part(sheet.body, "<form id=\"certify\"", "</form>"), {{"certified", "400"}}));
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<form id=\"certify\"") != std::string::npos);
  CHECK(due == "72000");  // $800.00 less 10 % retainage
  CHECK(stale.body.find("value=\"720.00\"") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT status || ' ' || coalesce(certified_cents::text, 'none') FROM "
               "pay_applications WHERE id = " +
               app) == "submitted none");
  CHECK(invalid_html({{"stale certificate", stale.body}}) == "");
}

TEST_CASE("a payment form posted after another payment is refused, the new balance shown",
          "[process][pages]") {
  auto [org, other] = colleagues("Stale payment");
  std::string app = new_pay_application(org.owner, billable_project(org.owner, "Stale payment"));
  const std::string path = "/pay-applications/" + app;
  std::string line = id_in(org.owner.get(path).body, "id=\"pay-line-");
  REQUIRE(
      org.owner.post(path + "/lines/" + line, {{"this_period", "1000"}, {"stored", "0"}}).status ==
      303);
  REQUIRE(org.owner.post(path + "/submit", {}).status == 303);
  REQUIRE(org.owner.post(path + "/certify", {{"certified", "900"}}).status == 303);
  std::string invoice = id_in(org.owner.get(path).body, "href=\"/invoices/");
  const std::string inv = "/invoices/" + invoice;
  REQUIRE(org.owner.post(inv + "/send", {{"to", "owner@example.com"}}).status == 303);

  // Both open the invoice ($900.00 due) and enter the same check of $400.00.
  HttpResult mine = org.owner.get(inv);
  HttpResult theirs = other.get(inv);
  const Fields check = {{"amount", "400.00"},
                        {"received_on", "2026-12-01"},
                        {"method", "check"},
                        {"reference", "Check 1042"}};
  auto form = [&](const HttpResult& page) {
    return part(page.body, "<form id=\"record-payment\"", "</form>");
  };
  REQUIRE(other.post(inv + "/payments", as_posted(form(theirs), check)).status == 303);
  HttpResult stale = org.owner.post(inv + "/payments", as_posted(form(mine), check), true, kHtmx);
  CHECK(stale.status == 409);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(stale.body.find("Check 1042") != std::string::npos);  // the payment already recorded
  CHECK(scalar("SELECT count(*) FROM payments WHERE invoice_id = " + invoice) == "1");
  CHECK(stale.header("hx-retarget") == "#main");
  CHECK(invalid_html({{"stale payment", stale.body}}) == "");
}

TEST_CASE("a stale task form comes back with the task as it is now", "[process][pages]") {
  auto [org, other] = colleagues("Stale task");
  std::string project = new_project(org.owner, "Stale task");
  const std::string tab = "/projects/" + project + "/schedule";
  auto task = [](const std::string& name, const std::string& percent) {
    return Fields{{"name", name},
                  {"start_date", "2026-12-01"},
                  {"end_date", "2026-12-04"},
                  {"percent_complete", percent},
                  {"predecessor_id", ""}};
  };
  REQUIRE(org.owner.post("/projects/" + project + "/tasks", task("Pour footings", "0")).status ==
          303);
  std::string id = id_in(org.owner.get(tab).body, "<tr id=\"task-");
  const std::string path = "/tasks/" + id;

  for (bool htmx : {true, false}) {
    INFO((htmx ? "htmx" : "a plain form"));
    HttpResult form = org.owner.get(path + "/edit", kHtmx);
    HttpResult theirs = other.get(path + "/edit", kHtmx);
    std::string their_name = htmx ? "Pour footings, east" : "Pour footings, west";
    REQUIRE(other
                .post(path, as_posted(theirs.body, task(their_name, "60")), true,
                      {{"HX-Request", "true"}, {"HX-Target", "tab"}})
                .status == 200);
    HttpResult stale =
        org.owner.post(path, as_posted(form.body, task("Pour footings", "20")), true,
                       htmx ? Fields{{"HX-Request", "true"}, {"HX-Target", "tab"}} : Fields{});
    CHECK(stale.status == 409);
    CHECK(stale.body.find("<tr id=\"task-" + id + "\" class=\"editing\"") != std::string::npos);
    CHECK(stale.body.find("value=\"" + their_name + "\"") != std::string::npos);
    CHECK(stale.body.find("value=\"60\"") != std::string::npos);
    CHECK(stale.body.find(kStale) != std::string::npos);
    if (htmx) CHECK(stale.header("hx-retarget") == "#task-" + id);
    CHECK(scalar("SELECT name || ' ' || percent_complete FROM tasks WHERE id = " + id) ==
          their_name + " 60");
    CHECK(invalid_html({{"stale task", stale.body}}) == "");
  }
}

TEST_CASE("a stale daily log form comes back with the log as it is now", "[process][pages]") {
  auto [org, other] = colleagues("Stale log");
  std::string project = new_project(org.owner, "Stale log");
  const std::string day = "2026-11-20";
  const std::string tab = "/projects/" + project + "/daily-logs?date=" + day;
  auto log = [&](const std::string& work) {
    return Fields{{"log_date", day},   {"weather", "Overcast"},  {"temp_high_c", "9"},
                  {"temp_low_c", "2"}, {"work_performed", work}, {"delays", ""},
                  {"then", "save"}};
  };
  REQUIRE(org.owner.post("/projects/" + project + "/daily-logs", log("Formwork")).status == 303);
  HttpResult mine = org.owner.get(tab);
  std::string id = id_in(mine.body, "action=\"/daily-logs/");
  HttpResult theirs = other.get(tab);
  REQUIRE(other
              .post("/daily-logs/" + id,
                    as_posted(part(theirs.body, "<form id=\"daily-log\"", "</form>"),
                              log("Formwork and rebar, grid A-C")))
              .status == 303);

  HttpResult stale = org.owner.post(
      "/daily-logs/" + id,
      as_posted(part(mine.body, "<form id=\"daily-log\"", "</form>"), log("Formwork, grid A")));
  CHECK(stale.status == 409);
  CHECK(stale.body.find("<form id=\"daily-log\"") != std::string::npos);
  CHECK(stale.body.find(">Formwork and rebar, grid A-C</textarea>") != std::string::npos);
  CHECK(stale.body.find(kStale) != std::string::npos);
  CHECK(scalar("SELECT work_performed FROM daily_logs WHERE id = " + id) ==
        "Formwork and rebar, grid A-C");
  CHECK(invalid_html({{"stale daily log", stale.body}}) == "");
}
