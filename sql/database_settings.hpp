// How a process reaches PostgreSQL and how many connections it may hold.
// Filled by the configuration layer (flags, environment, .env); this file only
// knows the defaults and how DATABASE_URL is built from its parts when unset.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace construction::sql {

struct DatabaseSettings {
  std::string url;                   // libpq URI or key=value conninfo
  int pool_size = 5;                 // SQLALCHEMY_POOL_SIZE: kept open per worker
  int max_overflow = 10;             // SQLALCHEMY_MAX_OVERFLOW: temporary extras per worker
  int reserved_connections = 10;     // DB_RESERVED_CONNECTIONS: left free for others
  int statement_timeout_ms = 55000;  // DB_STATEMENT_TIMEOUT_MS: the worker timeout − 5 s; 0 = none
  int connect_timeout_s = 5;         // DB_CONNECT_TIMEOUT (libpq counts at least 2)
  bool prepared_statements =
      true;  // DB_PREPARED_STATEMENTS: off behind PgBouncer (transaction mode)
  std::string application_name = "construction";
  int idle_check_ms = 1000;  // a pooled connection idle longer is pinged before reuse
};

// Where configuration values come from (environment, .env file, a test map).
using SettingLookup = std::function<std::optional<std::string>(std::string_view name)>;

// DATABASE_URL when set and not empty; otherwise a postgresql:// URI from
// POSTGRES_USER (basecommerce), POSTGRES_PASSWORD, INFRA_HOST (localhost),
// POSTGRES_PORT (5432) and POSTGRES_DB (basecommerce), each part encoded.
std::string database_url(const SettingLookup& lookup);

// The URL with its password replaced by "***", for logs and check-config.
std::string redact_password(std::string_view url);

}  // namespace construction::sql
