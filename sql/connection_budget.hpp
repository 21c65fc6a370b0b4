// Will every worker's pool fit in PostgreSQL's max_connections? Checked by
// the master at start and on TTIN/HUP, before it forks more workers than the
// database can serve: the failure otherwise shows up later, under load, as
// "too many clients" in a random request.
#pragma once

#include <optional>
#include <string>

#include "sql/database_settings.hpp"

namespace construction::sql {

struct BudgetNumbers {
  int workers = 0;
  int pool_size = 0;
  int max_overflow = 0;
  int max_connections = 0;                 // from the server
  int superuser_reserved_connections = 0;  // from the server
  int server_reserved_connections = 0;     // reserved_connections GUC (PostgreSQL 16+), else 0
  int app_reserved_connections = 0;        // DB_RESERVED_CONNECTIONS

  int needed() const { return workers * (pool_size + max_overflow); }
  int available() const {
    return max_connections - superuser_reserved_connections - server_reserved_connections -
           app_reserved_connections;
  }
};

struct BudgetCheck {
  enum class Outcome {
    fits,
    too_many_connections,  // refuse to start, or ignore the TTIN
    database_unreachable,  // log it and start anyway: workers answer 503 until it is back
  };
  Outcome outcome;
  std::string message;                   // the numbers, and for too_many_connections the fix
  std::optional<BudgetNumbers> numbers;  // absent when unreachable
};

BudgetCheck check_connection_budget(const DatabaseSettings& settings, int workers);

// The pure part: nullopt when the numbers fit, else the explanation.
std::optional<std::string> explain_budget_overrun(const BudgetNumbers& numbers);
// One line with all the numbers, "2 workers x (5 + 10) = 30 <= 87 = ...".
std::string describe_budget(const BudgetNumbers& numbers);

}  // namespace construction::sql
