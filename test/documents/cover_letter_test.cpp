#include "documents/cover_letter.hpp"

#include <catch2/catch.hpp>

using namespace construction::documents;

TEST_CASE("a cover letter: the message as typed, and as escaped HTML paragraphs", "[unit]") {
  CoverLetter letter =
      cover_letter("Hello <Ada> & \"Bo\",\n\nSee the attached.\nThanks", "INV-003.pdf");
  CHECK(letter.text ==
        "Hello <Ada> & \"Bo\",\n\nSee the attached.\nThanks\n\nAttached: INV-003.pdf\n");
  CHECK(letter.html.find("<p>Hello &lt;Ada&gt; &amp; &quot;Bo&quot;,</p>\n") != std::string::npos);
  CHECK(letter.html.find("<p>See the attached.<br>\nThanks</p>\n") != std::string::npos);
  CHECK(letter.html.find("<p>Attached: INV-003.pdf</p>") != std::string::npos);
  CHECK(letter.html.find("<Ada>") == std::string::npos);
}

TEST_CASE("a cover letter of an empty message names the attachment alone", "[unit]") {
  CoverLetter letter = cover_letter("", "CO-001.pdf");
  CHECK(letter.text == "\n\nAttached: CO-001.pdf\n");
  CHECK(letter.html ==
        "<!DOCTYPE html>\n<html><body>\n<p>Attached: CO-001.pdf</p>\n</body></html>\n");
}
