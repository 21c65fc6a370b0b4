#include "sql/connection_budget.hpp"

#include "sql/connection.hpp"
#include "sql/error.hpp"

namespace construction::sql {

namespace {

// reserved_connections exists from PostgreSQL 16 on; missing_ok gives NULL before.
constexpr std::string_view read_limits = R"(
  SELECT current_setting('max_connections')::int AS max_connections,
         current_setting('superuser_reserved_connections')::int AS superuser_reserved,
         coalesce(current_setting('reserved_connections', true)::int, 0) AS server_reserved)";

BudgetNumbers read_numbers(const DatabaseSettings& settings, int workers) {
  DatabaseSettings one_off = settings;
  one_off.prepared_statements = false;
  Connection connection = Connection::open(one_off);
  Row limits = connection.exec(read_limits).single_row();
  return {.workers = workers,
          .pool_size = settings.pool_size,
          .max_overflow = settings.max_overflow,
          .max_connections = limits["max_connections"].int32(),
          .superuser_reserved_connections = limits["superuser_reserved"].int32(),
          .server_reserved_connections = limits["server_reserved"].int32(),
          .app_reserved_connections = settings.reserved_connections};
}

}  // namespace

std::string describe_budget(const BudgetNumbers& n) {
  std::string available =
      "max_connections " + std::to_string(n.max_connections) +
      " - superuser_reserved_connections " + std::to_string(n.superuser_reserved_connections) +
      (n.server_reserved_connections
           ? " - reserved_connections " + std::to_string(n.server_reserved_connections)
           : std::string()) +
      " - DB_RESERVED_CONNECTIONS " + std::to_string(n.app_reserved_connections) + " = " +
      std::to_string(n.available());
  std::string needed = std::to_string(n.workers) + " workers x (SQLALCHEMY_POOL_SIZE " +
                       std::to_string(n.pool_size) + " + SQLALCHEMY_MAX_OVERFLOW " +
                       std::to_string(n.max_overflow) + ") = " + std::to_string(n.needed());
  return needed + (n.needed() <= n.available() ? " <= " : " > ") + available;
}

std::optional<std::string> explain_budget_overrun(const BudgetNumbers& numbers) {
  if (numbers.needed() <= numbers.available()) return std::nullopt;
  return "database connection budget exceeded: " + describe_budget(numbers) +
         ". Lower GUNICORN_WORKERS, SQLALCHEMY_POOL_SIZE or SQLALCHEMY_MAX_OVERFLOW, or raise "
         "max_connections in PostgreSQL (or put PgBouncer in front of it)";
}

BudgetCheck check_connection_budget(const DatabaseSettings& settings, int workers) {
  BudgetNumbers numbers;
  try {
    numbers = read_numbers(settings, workers);
  } catch (const DatabaseUnavailable& unreachable) {
    return {BudgetCheck::Outcome::database_unreachable, unreachable.what(), std::nullopt};
  } catch (const ConnectionLost& lost) {
    return {BudgetCheck::Outcome::database_unreachable, lost.what(), std::nullopt};
  }
  if (auto overrun = explain_budget_overrun(numbers)) {
    return {BudgetCheck::Outcome::too_many_connections, *overrun, numbers};
  }
  return {BudgetCheck::Outcome::fits, "database connection budget: " + describe_budget(numbers),
          numbers};
}

}  // namespace construction::sql
