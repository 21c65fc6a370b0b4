#include <catch2/catch.hpp>

#include "sql/connection_budget.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::plain_settings;

TEST_CASE("the default pools of two workers fit a server of 100 connections", "[pg]") {
  BudgetCheck check = check_connection_budget(plain_settings(), 2);
  CHECK(check.outcome == BudgetCheck::Outcome::fits);
  REQUIRE(check.numbers.has_value());
  CHECK(check.numbers->needed() == 30);
  CHECK(check.numbers->max_connections > 0);
}

TEST_CASE("pools too big for the server are refused with the numbers and the fix", "[pg]") {
  DatabaseSettings settings = plain_settings();
  settings.pool_size = 1000;
  BudgetCheck check = check_connection_budget(settings, 4);
  CHECK(check.outcome == BudgetCheck::Outcome::too_many_connections);
  REQUIRE(check.numbers.has_value());
  std::string max_connections = std::to_string(check.numbers->max_connections);
  CHECK_THAT(check.message, Catch::Contains("4 workers x (SQLALCHEMY_POOL_SIZE 1000 + "
                                            "SQLALCHEMY_MAX_OVERFLOW 10) = 4040") &&
                                Catch::Contains("max_connections " + max_connections) &&
                                Catch::Contains("superuser_reserved_connections") &&
                                Catch::Contains("DB_RESERVED_CONNECTIONS 10") &&
                                Catch::Contains("Lower GUNICORN_WORKERS"));
}

TEST_CASE("an unreachable server is its own outcome, not a refusal", "[pg]") {
  DatabaseSettings settings = construction::sql::test::unreachable_settings();
  BudgetCheck check = check_connection_budget(settings, 2);
  CHECK(check.outcome == BudgetCheck::Outcome::database_unreachable);
  CHECK_FALSE(check.numbers.has_value());
  CHECK_THAT(check.message, Catch::Contains("127.0.0.1:1"));
}
