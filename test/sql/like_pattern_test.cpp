#include "sql/like_pattern.hpp"

#include <catch2/catch.hpp>

using construction::sql::containing_pattern;

TEST_CASE("a search's LIKE pattern matches the text anywhere, as typed", "[unit]") {
  CHECK(containing_pattern("Oak") == "%Oak%");
  CHECK(containing_pattern("") == "%%");
  CHECK(containing_pattern("50%_off") == "%50\\%\\_off%");
  CHECK(containing_pattern("C:\\plans") == "%C:\\\\plans%");
  CHECK(containing_pattern("Café") == "%Café%");
}
