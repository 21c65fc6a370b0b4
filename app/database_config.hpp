// The database settings of server.md's configuration table, as the sql layer
// wants them: DATABASE_URL (or the POSTGRES_*/INFRA_HOST parts), pool sizes,
// timeouts, prepared statements on or off.
#pragma once

#include <string>

#include "sql/database_settings.hpp"
#include "runtime/config.hpp"

namespace construction {

sql::DatabaseSettings database_settings(const Config& config, std::string application_name);

}  // namespace construction
