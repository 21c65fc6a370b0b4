// The organisation's own details an owner keeps (/account): its address,
// printed under its name at the top of every PDF it sends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/connection.hpp"
#include "sql/organisation_store.hpp"

namespace construction::operations {

// At `expected_version` when given (stale_version otherwise); invalid_fields
// (address) past 1 000 characters or with a NUL; not_found for no
// organisation. Lines are kept as typed, each end of line as "\n", blank
// lines at either end dropped.
sql::OrganisationRecord change_organisation_address(sql::Connection& db, std::int64_t org_id,
                                                    std::optional<int> expected_version,
                                                    const std::string& address);

}  // namespace construction::operations
