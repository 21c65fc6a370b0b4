#include "documents/document_layout.hpp"

#include <catch2/catch.hpp>

#include "test/support/pdf_text.hpp"

using namespace construction;
using namespace construction::documents;
using construction::testing::pdf_pages;
using construction::testing::pdf_text;

namespace {

domain::Timestamp at(int day) {
  return domain::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 12 / day}};
}

DocumentLayout sample(domain::Timestamp date, int rows) {
  DocumentLayout layout({"Estimate EST-001 rev 1", "Acme Builders", date},
                        {"Acme Builders", "", "Estimate", "EST-001 rev 1", {"P-001 · Kitchen"}});
  layout.text("For the kitchen", TextStyle::bold);
  Table table{
      {{"Description", 4}, {"Amount", 1, Align::right}}, {}, {{"Total", "$9.00"}}, "No items."};
  for (int i = 1; i <= rows; ++i)
    table.rows.push_back({"Item number " + std::to_string(i), "$1,234,567.89"});
  layout.table(table);
  return layout;
}

}  // namespace

TEST_CASE("a document's PDF is real text: a person's Unicode comes out as typed",
          "[unit][documents]") {
  DocumentLayout layout({"t", "Acme", at(5)}, {"Acme Café", "", "Estimate", "E-1", {}});
  layout.text("基礎工事 – 東京");
  layout.text("The “curly quotes” and ½ inch, Señor Müller");
  std::string text = pdf_text(layout.pdf());
  CHECK(text.find("基礎工事 – 東京") != std::string::npos);
  CHECK(text.find("“curly quotes” and ½ inch, Señor Müller") != std::string::npos);
  CHECK(text.find("Acme Café") != std::string::npos);
  CHECK(text.find("Page 1 of 1") != std::string::npos);
}

TEST_CASE("one document gives the same bytes twice, and its date is in them", "[unit][documents]") {
  std::string first = sample(at(5), 3).pdf();
  CHECK(first.rfind("%PDF-", 0) == 0);
  CHECK(sample(at(5), 3).pdf() == first);
  CHECK(sample(at(6), 3).pdf() != first);
  CHECK(sample(at(5), 4).pdf() != first);
  // The information dictionary's dates are the document's, not the clock's.
  CHECK(first.find("/CreationDate (20261205000000Z)") != std::string::npos);
}

TEST_CASE("a PDF kept by the worker is the bytes drawn anew, and any change draws anew",
          "[unit][documents]") {
  std::string drawn = sample(at(7), 30).draw();
  std::string first = sample(at(7), 30).pdf();
  std::string kept = sample(at(7), 30).pdf();  // the same metadata, headers and blocks
  CHECK(first == drawn);
  CHECK(kept == drawn);
  // Each thing the layout holds is in the key: a change anywhere is a new PDF.
  DocumentLayout retitled({"Estimate EST-001 rev 1", "Acme Builders", at(7)},
                          {"Acme Builders", "", "Estimate", "EST-001 rev 2", {"P-001 · Kitchen"}});
  retitled.text("For the kitchen", TextStyle::bold);
  CHECK(retitled.pdf() != kept);
  DocumentLayout renamed({"Estimate EST-001 rev 1", "Acme Builders", at(7)},
                         {"Acme Builders", "", "Estimate", "EST-001 rev 1", {"P-001 · Kitchen"}});
  renamed.text("For the kitchen", TextStyle::bold);
  DocumentLayout restyled = renamed;
  restyled.text("Notes");
  renamed.text("Notes", TextStyle::small);
  CHECK(renamed.pdf() != restyled.pdf());
  CHECK(renamed.pdf() == renamed.draw());
  CHECK(restyled.pdf() == restyled.draw());
}

TEST_CASE("texts shaped for one document draw another to the bytes it had alone",
          "[unit][documents]") {
  // The worker keeps its shapes across documents: the second sample shares
  // every text of the first and adds its own; the first, drawn again, is
  // the same bytes.
  std::string alone = sample(at(8), 5).draw();
  std::string other = sample(at(9), 60).draw();
  CHECK(other != alone);
  CHECK(sample(at(8), 5).draw() == alone);
  CHECK(pdf_text(other).find("Item number 60") != std::string::npos);
}

TEST_CASE("a long table runs onto more pages with its header row on each", "[unit][documents]") {
  std::string pdf = sample(at(5), 120).pdf();
  int pages = pdf_pages(pdf);
  REQUIRE(pages >= 3);
  std::string text = pdf_text(pdf);
  std::size_t headers = 0;
  for (std::size_t at = text.find("Description"); at != std::string::npos;
       at = text.find("Description", at + 1))
    ++headers;
  CHECK(headers == static_cast<std::size_t>(pages));
  CHECK(text.find("Page 2 of " + std::to_string(pages)) != std::string::npos);
  CHECK(text.find("Item number 120") != std::string::npos);
  CHECK(text.find("$1,234,567.89") != std::string::npos);
}

TEST_CASE("a table without rows says so", "[unit][documents]") {
  CHECK(pdf_text(sample(at(5), 0).pdf()).find("No items.") != std::string::npos);
}

TEST_CASE("a text longer than a page goes on, line by line, on the next", "[unit][documents]") {
  DocumentLayout layout({"t", "Acme", at(5)}, {"Acme", "", "Estimate", "E-1", {}});
  std::string notes;
  for (int i = 1; i <= 150; ++i) notes += "Note number " + std::to_string(i) + " of the terms.\n";
  layout.text(notes);
  std::string pdf = layout.pdf();
  int pages = pdf_pages(pdf);
  CHECK(pages >= 2);
  std::string text = pdf_text(pdf);
  // Every line once: none lost at a page's foot, none drawn twice.
  for (int i = 1; i <= 150; ++i) {
    INFO(i);
    std::string line = "Note number " + std::to_string(i) + " of";
    CHECK(text.find(line) != std::string::npos);
    CHECK(text.find(line) == text.rfind(line));
  }
  CHECK(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) !=
        std::string::npos);
}
