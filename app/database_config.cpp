#include "app/database_config.hpp"

namespace construction {

sql::DatabaseSettings database_settings(const Config& config, std::string application_name) {
  sql::DatabaseSettings s;
  s.url = sql::database_url([&](std::string_view name) -> std::optional<std::string> {
    if (name == "DATABASE_URL" && !config.database_url.empty()) return config.database_url;
    auto it = config.environment.find(name);
    if (it == config.environment.end()) return std::nullopt;
    return it->second;
  });
  s.pool_size = config.pool_size;
  s.max_overflow = config.max_overflow;
  s.reserved_connections = config.reserved_connections;
  s.statement_timeout_ms = config.statement_timeout_ms;
  s.connect_timeout_s = config.connect_timeout;
  s.prepared_statements = config.prepared_statements;
  s.application_name = std::move(application_name);
  return s;
}

}  // namespace construction
