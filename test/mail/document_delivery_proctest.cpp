// Issue 22's first promise, end to end: an estimate, a change order, a pay
// application and an invoice, each sent through the API of the real server,
// are delivered by a real `construction mailer` to a real SMTP server
// (aiosmtpd, test/support/smtp_sink.py), one message each. The PDF attached
// to each, put through pdftotext, shows the figures worked out by hand
// below: the client's estimate its prices and none of its costs or
// markups, the change order its price, the G702 its lines 1 to 9, the G703
// its column totals, the invoice its balance.
#include <catch2/catch.hpp>
#include <map>

#include "test/support/api_server.hpp"
#include "test/support/pdf_text.hpp"
#include "test/support/smtp_sink.hpp"

using namespace construction::testing;
using namespace std::chrono_literals;

namespace {

HttpResult expect(ApiServer& api, int status, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& json = "") {
  HttpResult r = json.empty() ? api.call(method, path, token) : api.send(method, path, token, json);
  INFO(method << " " << path << " " << json << " -> " << r.body);
  REQUIRE(r.status == status);
  return r;
}

std::string base64_decoded(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;  // line breaks, padding
    bits = (bits << 6) | static_cast<unsigned>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// The bytes of the message's application/pdf part.
std::string pdf_attachment(const std::string& message) {
  auto part = message.find("Content-Type: application/pdf");
  REQUIRE(part != std::string::npos);
  auto body = message.find("\r\n\r\n", part);
  REQUIRE(body != std::string::npos);
  auto end = message.find("\r\n--", body + 4);
  std::string pdf = base64_decoded(message.substr(body + 4, end - body - 4));
  REQUIRE(pdf.starts_with("%PDF-"));
  return pdf;
}

// pdftotext's text with every run of white space made one space, so a
// figure is found whatever column it lands in.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

bool shows(const std::string& text, const std::string& figure) {
  return text.find(figure) != std::string::npos;
}

// The first amount ("$4,588.75") after `label` in the text: what the line
// of a form labelled so reads, whatever its label goes on to say.
std::string amount_after(const std::string& text, const std::string& label) {
  auto at = text.find(label);
  if (at == std::string::npos) return "(no " + label + ")";
  auto dollar = text.find('$', at + label.size());
  if (dollar == std::string::npos) return "(no amount)";
  return text.substr(dollar, text.find(' ', dollar) - dollar);
}

}  // namespace

TEST_CASE(
    "an estimate, a change order, a pay application and an invoice each arrive once, "
    "their PDFs showing the figures",
    "[process]") {
  ApiServer api;
  SmtpSink sink;
  auto mailer = start_mailer(api.db.url(), sink.url());
  const std::string t = api.user_token("Acme Builders", unique("owner") + "@acme.example", "owner");
  std::string client = at(expect(api, 201, "POST", "/api/v1/parties", t,
                                 R"({"kind":"client","name":"Harbor Dental",
                                     "email":"owner@harbor.example"})"),
                          "id");
  std::string project =
      at(expect(api, 201, "POST", "/api/v1/projects", t,
                R"({"number":"2026-020","name":"Office fit-out","client_id":)" + client + "}"),
         "id");

  // The estimate, by hand: framing 10 hr x $47.50 = $475.00 cost, +20 % =
  // $570.00; drywall 1 x $3,215.00 cost, +25 % = $4,018.75. Total $4,588.75
  // (no tax); cost $3,690.00, margin $898.75. The client sees prices only.
  std::string estimate =
      at(expect(api, 201, "POST", "/api/v1/projects/" + project + "/estimates", t,
                R"({"title":"Fit-out","lines":[
                  {"cost_code":"06-100","cost_type":"labor","description":"Framing",
                   "quantity":10,"unit":"hr","unit_cost_cents":4750,"markup_bps":2000},
                  {"cost_code":"09-250","cost_type":"material","description":"Drywall",
                   "quantity":1,"unit_cost_cents":321500,"markup_bps":2500}]})"),
         "id");
  HttpResult sent_estimate = expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/send", t);
  CHECK(at(sent_estimate, "total_cents") == "458875");
  expect(api, 200, "POST", "/api/v1/estimates/" + estimate + "/accept", t);

  // A change order: 2 x $125.00 = $250.00 cost, +10 % = $275.00. Sent
  // (submitted), then approved: the contract sum to date is $4,863.75.
  std::string order = at(expect(api, 201, "POST", "/api/v1/projects/" + project + "/change-orders",
                                t, R"({"title":"Extra outlets","lines":[
                  {"cost_code":"26-100","cost_type":"subcontract","description":"Add outlet",
                   "quantity":2,"unit_cost_cents":12500,"markup_bps":1000}]})"),
                         "id");
  CHECK(at(expect(api, 200, "POST", "/api/v1/change-orders/" + order + "/send", t), "status") ==
        "pending");
  expect(api, 200, "POST", "/api/v1/change-orders/" + order + "/approve", t);

  // Pay application 1 to 2026-01-31, retainage 10 % of work and of stored:
  //   item 1 Framing      C 570.00    E 570.00              G 570.00
  //   item 2 Drywall      C 4,018.75  E 2,000.00  F 500.00  G 2,500.00
  //   item 3 Add outlet   C 275.00                          G 0.00
  //   totals C 4,863.75, D 0.00, E 2,570.00, F 500.00, G 3,070.00 (63.12 %),
  //   H 1,793.75, I 257.00 + 50.00 = 307.00.
  // G702: 1 4,588.75; 2 275.00; 3 4,863.75; 4 3,070.00; 5 307.00 (257.00 of
  // work, 50.00 stored); 6 2,763.00; 7 0.00; 8 2,763.00; 9 4,863.75 -
  // 2,763.00 = 2,100.75.
  HttpResult app = expect(api, 201, "POST", "/api/v1/projects/" + project + "/pay-applications", t,
                          R"({"period_to":"2026-01-31"})");
  std::string pay = at(app, "id");
  const std::map<std::string, std::string> amounts = {
      {"1", R"({"this_period_cents":57000})"},
      {"2", R"({"this_period_cents":200000,"stored_cents":50000})"}};
  for (int i = 0; i < 3; ++i) {
    std::string item = at(app, "lines." + std::to_string(i) + ".item_no");
    if (!amounts.contains(item)) continue;
    expect(api, 200, "PATCH",
           "/api/v1/pay-applications/" + pay + "/lines/" +
               at(app, "lines." + std::to_string(i) + ".id"),
           t, amounts.at(item));
  }
  HttpResult submitted = expect(api, 200, "POST", "/api/v1/pay-applications/" + pay + "/send", t);
  CHECK(at(submitted, "status") == "submitted");
  CHECK(at(submitted, "g702.current_payment_due_cents") == "276300");
  CHECK(at(submitted, "g702.balance_to_finish_cents") == "210075");

  // Certified in full: its invoice, $2,763.00, sent with nothing paid yet.
  expect(api, 200, "POST", "/api/v1/pay-applications/" + pay + "/certify", t,
         R"({"certified_cents":276300})");
  std::string invoice =
      at(expect(api, 200, "GET", "/api/v1/projects/" + project + "/invoices", t), "data.0.id");
  CHECK(at(expect(api, 200, "POST", "/api/v1/invoices/" + invoice + "/send", t), "balance_cents") ==
        "276300");

  REQUIRE(sink.wait_for_messages(4, 60s));
  std::map<std::string, std::string> by_id;  // Message-ID -> the message
  for (const std::string& m : sink.messages()) by_id[header_value(m, "Message-ID")] = m;
  CHECK(sink.messages().size() == 4);
  REQUIRE(by_id.size() == 4);
  auto pdf_of = [&](const std::string& record) {
    std::string id =
        api.db.scalar("SELECT message_id FROM messages WHERE record = '" + record + "'");
    INFO(record << " " << id);
    REQUIRE(by_id.contains(id));
    CHECK(header_value(by_id[id], "To") == "owner@harbor.example");
    return squeezed(pdf_text(pdf_attachment(by_id[id])));
  };

  std::string est = pdf_of("estimate:" + estimate);
  INFO(est);
  CHECK(shows(est, "Framing 10 hr $570.00"));
  CHECK(shows(est, "Drywall 1 $4,018.75"));
  CHECK(amount_after(est, "Total") == "$4,588.75");
  for (const char* cost : {"47.50", "475.00", "3,215.00", "3,690.00", "898.75", "arkup", "argin"})
    CHECK_FALSE(shows(est, cost));

  std::string co = pdf_of("change_order:" + order);
  INFO(co);
  CHECK(shows(co, "Add outlet 2 $275.00"));
  CHECK(amount_after(co, "Change to the contract sum") == "$275.00");
  CHECK_FALSE(shows(co, "125.00"));
  CHECK_FALSE(shows(co, "250.00"));

  std::string g70x = pdf_of("pay_application:" + pay);
  INFO(g70x);
  CHECK(amount_after(g70x, "1. Original contract sum") == "$4,588.75");
  CHECK(amount_after(g70x, "2. Net change by change orders") == "$275.00");
  CHECK(amount_after(g70x, "3. Contract sum to date") == "$4,863.75");
  CHECK(amount_after(g70x, "4. Total completed & stored to date") == "$3,070.00");
  CHECK(amount_after(g70x, "of completed work") == "$257.00");
  CHECK(amount_after(g70x, "of stored material") == "$50.00");
  CHECK(amount_after(g70x, "Total retainage") == "$307.00");
  CHECK(amount_after(g70x, "6. Total earned less retainage") == "$2,763.00");
  CHECK(amount_after(g70x, "7. Less previous certificates") == "$0.00");
  CHECK(amount_after(g70x, "8. Current payment due") == "$2,763.00");
  CHECK(amount_after(g70x, "9. Balance to finish") == "$2,100.75");
  // The G703's totals, columns C to I.
  CHECK(shows(g70x,
              "Grand total $4,863.75 $0.00 $2,570.00 $500.00 $3,070.00 63.12 % $1,793.75 "
              "$307.00"));

  std::string inv = pdf_of("invoice:" + invoice);
  INFO(inv);
  CHECK(amount_after(inv, "Total paid") == "$0.00");
  CHECK(amount_after(inv, "Balance due") == "$2,763.00");

  // Each record's message reads as sent, through the API.
  for (const std::string& record : {"estimate:" + estimate, "change_order:" + order,
                                    "pay_application:" + pay, "invoice:" + invoice}) {
    INFO(record);
    REQUIRE(wait_until(
        [&] {
          return at(api.call("GET", "/api/v1/messages?record=" + record, t), "data.0.status") ==
                 "sent";
        },
        30s));
    HttpResult listed = expect(api, 200, "GET", "/api/v1/messages?record=" + record, t);
    CHECK(at(listed, "data.0.attempts") == "1");
    CHECK_FALSE(at(listed, "data.0.sent_at").empty());
  }
  CHECK(sink.messages().size() == 4);
}
