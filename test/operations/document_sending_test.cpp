#include "operations/document_sending.hpp"

#include <catch2/catch.hpp>

using namespace construction::operations;

TEST_CASE("a sent record's name reads back, and nothing else does", "[unit]") {
  for (SentRecord r :
       {SentRecord{DocumentKind::estimate, 7}, SentRecord{DocumentKind::change_order, 1},
        SentRecord{DocumentKind::pay_application, 12},
        SentRecord{DocumentKind::invoice, 9000000000}}) {
    auto back = parse_sent_record(record_name(r));
    REQUIRE(back);
    CHECK(back->kind == r.kind);
    CHECK(back->id == r.id);
  }
  CHECK(record_name({DocumentKind::pay_application, 12}) == "pay_application:12");
  for (const char* bad :
       {"", "invoice", "invoice:", ":12", "invoice:12x", "invoice:-1", "invoice:0", "invoice: 1",
        "Invoice:1", "job_cost_report:1", "budget:1", "invoice:99999999999999999999"})
    CHECK_FALSE(parse_sent_record(bad));
}

TEST_CASE("a form's addresses split at commas, semicolons and white space", "[unit]") {
  CHECK(split_addresses("") == std::vector<std::string>{});
  CHECK(split_addresses(" , ;\n") == std::vector<std::string>{});
  CHECK(split_addresses("a@b.example") == std::vector<std::string>{"a@b.example"});
  CHECK(split_addresses("a@b.example, c@d.example;e@f.example\r\ng@h.example") ==
        std::vector<std::string>{"a@b.example", "c@d.example", "e@f.example", "g@h.example"});
}
