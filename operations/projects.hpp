// Creating a project and a party (and changing a party), the rules checked before the row is
// written: required names and numbers, length limits (as the schema's CHECK
// constraints), a status and contract type the product knows, dates in
// order, a client that is one of the organisation's clients, the retainage
// rates (domain/pay_application.hpp). Every bad field is named at once
// (Refusal invalid_fields), with the API's field names.
#pragma once

#include <optional>

#include "sql/party_store.hpp"
#include "sql/project_store.hpp"

namespace construction::operations {

sql::ProjectRecord create_project(sql::Connection& db, std::int64_t org_id,
                                  const sql::ProjectFields& fields);
sql::PartyRecord create_party(sql::Connection& db, std::int64_t org_id,
                              const sql::PartyFields& fields);
// The party's new fields, in one transaction with its row locked; not_found
// for another organisation's or a missing party, stale_version when it is
// no longer at `expected_version` (when given).
sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const sql::PartyFields& fields);

// "2026-12-02", a day of the calendar: what a date field of a form or a
// request must be before PostgreSQL sees it.
bool is_calendar_date(std::string_view text);

}  // namespace construction::operations
