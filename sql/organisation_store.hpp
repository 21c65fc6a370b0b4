// The organisation a document comes from: its name, for the letterhead of
// the PDFs (the organisation keeps no address yet).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/connection.hpp"

namespace construction::sql {

std::optional<std::string> find_organisation_name(Connection& db, std::int64_t org_id);

}  // namespace construction::sql
