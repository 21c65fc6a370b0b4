#include "domain/validation.hpp"

#include <catch2/catch.hpp>

#include "test/domain/domain_printers.hpp"

using namespace construction::domain;

TEST_CASE("FieldErrors collects every field and keeps a field's first message", "[unit]") {
  FieldErrors errors;
  CHECK(errors.empty());
  errors.add("quantity", "must be 0 or more");
  errors.add("cost_code", "must look like 09-250");
  errors.add("quantity", "a second complaint");
  CHECK(errors.size() == 2);
  CHECK(errors.message("quantity") == "must be 0 or more");
  CHECK(errors.has("cost_code"));
  CHECK_FALSE(errors.has("description"));
  CHECK(errors.message("description") == std::nullopt);
}

TEST_CASE("FieldErrors merges another check's errors under a prefix", "[unit]") {
  FieldErrors line;
  line.add("quantity", "must be 0 or more");
  FieldErrors document;
  document.add("tax_bps", "must be between 0 and 10000");
  document.merge(line, "lines[2].");
  CHECK(document.message("lines[2].quantity") == "must be 0 or more");
  CHECK(document.size() == 2);
}

TEST_CASE("Validated holds the value or the errors", "[unit]") {
  Validated<int> good = 7;
  REQUIRE(good.ok());
  CHECK(good.value() == 7);

  FieldErrors errors;
  errors.add("name", "is required");
  Validated<int> bad = errors;
  CHECK_FALSE(bad);
  CHECK(bad.error().message("name") == "is required");
  CHECK_THROWS_AS(bad.value(), std::bad_variant_access);
}
