// The organisation a document comes from: its name and address, for the
// letterhead of the PDFs, and the address an owner keeps on /account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"

namespace construction::sql {

struct OrganisationRecord {
  std::int64_t id = 0;
  std::string name;
  std::string address;  // lines as typed; "" until given
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

std::optional<OrganisationRecord> find_organisation(Connection& db, std::int64_t org_id,
                                                    bool for_update = false);
// The address, the version moved on; the caller checked it.
OrganisationRecord change_organisation_address(Connection& db, std::int64_t org_id,
                                               const std::string& address);

}  // namespace construction::sql
