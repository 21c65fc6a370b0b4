#include "sql/like_pattern.hpp"

#include <catch2/catch.hpp>

using construction::sql::containing_pattern;
using construction::sql::has_trigram;

TEST_CASE("a search's LIKE pattern matches the text anywhere, as typed", "[unit]") {
  CHECK(containing_pattern("Oak") == "%Oak%");
  CHECK(containing_pattern("") == "%%");
  CHECK(containing_pattern("50%_off") == "%50\\%\\_off%");
  CHECK(containing_pattern("C:\\plans") == "%C:\\\\plans%");
  CHECK(containing_pattern("Café") == "%Café%");
}

TEST_CASE("a search has a trigram to look up when it holds three letters or digits in a row",
          "[unit]") {
  CHECK(has_trigram("Oak"));
  CHECK(has_trigram("2021-0007"));
  CHECK(has_trigram("an oak"));
  CHECK(has_trigram("Café"));
  CHECK(has_trigram("ééé"));
  CHECK_FALSE(has_trigram(""));
  CHECK_FALSE(has_trigram("o"));
  CHECK_FALSE(has_trigram("qz"));
  CHECK_FALSE(has_trigram("a-b-c"));
  CHECK_FALSE(has_trigram("50%"));
  CHECK_FALSE(has_trigram("h_w"));
  CHECK_FALSE(has_trigram("é é"));
}
