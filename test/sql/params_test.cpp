#include "sql/params.hpp"

#include <catch2/catch.hpp>

using construction::sql::Params;

TEST_CASE("Params turn values into PostgreSQL text, NULL as a null pointer", "[unit]") {
  std::string owned = "it's";
  std::string_view view = "view";
  std::optional<std::int64_t> missing;
  std::optional<std::int64_t> present = 7;
  Params params = Params::of(owned, view, "literal", std::int64_t{-9223372036854775807 - 1},
                             std::int32_t{42}, true, false, missing, present, std::nullopt);

  REQUIRE(params.size() == 10);
  CHECK(params[0] == "it's");
  CHECK(params[1] == "view");
  CHECK(params[2] == "literal");
  CHECK(params[3] == "-9223372036854775808");
  CHECK(params[4] == "42");
  CHECK(params[5] == "true");
  CHECK(params[6] == "false");
  CHECK_FALSE(params[7].has_value());
  CHECK(params[8] == "7");
  CHECK_FALSE(params[9].has_value());

  auto pointers = params.pointers();
  CHECK(std::string(pointers[0]) == "it's");
  CHECK(pointers[7] == nullptr);
  CHECK(pointers[9] == nullptr);
}
