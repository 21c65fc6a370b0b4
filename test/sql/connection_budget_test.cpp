#include "sql/connection_budget.hpp"

#include <catch2/catch.hpp>

using construction::sql::BudgetNumbers;
using construction::sql::explain_budget_overrun;

namespace {

BudgetNumbers numbers(int workers) {
  return {.workers = workers,
          .pool_size = 5,
          .max_overflow = 10,
          .max_connections = 100,
          .superuser_reserved_connections = 3,
          .server_reserved_connections = 0,
          .app_reserved_connections = 10};
}

}  // namespace

TEST_CASE("pools that fit the server's connections pass, up to equality", "[unit]") {
  CHECK_FALSE(explain_budget_overrun(numbers(2)).has_value());  // 30 <= 87
  BudgetNumbers exact = numbers(1);
  exact.max_connections = 28;  // 15 == 28 - 3 - 10
  CHECK_FALSE(explain_budget_overrun(exact).has_value());
}

TEST_CASE("an overrun explains every number and the fix", "[unit]") {
  auto message = explain_budget_overrun(numbers(6));  // 90 > 87
  REQUIRE(message.has_value());
  CHECK(*message ==
        "database connection budget exceeded: 6 workers x (SQLALCHEMY_POOL_SIZE 5 + "
        "SQLALCHEMY_MAX_OVERFLOW 10) = 90 > max_connections 100 - superuser_reserved_connections 3 "
        "- DB_RESERVED_CONNECTIONS 10 = 87. Lower GUNICORN_WORKERS, SQLALCHEMY_POOL_SIZE or "
        "SQLALCHEMY_MAX_OVERFLOW, or raise max_connections in PostgreSQL (or put PgBouncer in "
        "front of it)");
}

TEST_CASE("PostgreSQL 16's reserved_connections is counted when present", "[unit]") {
  BudgetNumbers with_reserved = numbers(5);        // 75 <= 87
  with_reserved.server_reserved_connections = 13;  // 75 > 74
  auto message = explain_budget_overrun(with_reserved);
  REQUIRE(message.has_value());
  CHECK_THAT(*message, Catch::Contains("- reserved_connections 13"));
}
