// The SQL migrations compiled into the binary (generated at build time from
// sql/migrations/*.sql by cmake/embed_migrations.cmake), in file-name order.
#pragma once

#include <string_view>
#include <vector>

namespace construction::sql {

struct EmbeddedMigration {
  std::string_view name;  // "0001_create_organisations"
  std::string_view text;
};

const std::vector<EmbeddedMigration>& embedded_migrations();

}  // namespace construction::sql
