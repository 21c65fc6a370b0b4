// Projects and parties: create, change, delete, the rules checked before a
// row is written: required names and numbers, length limits (as the
// schema's CHECK constraints), dates in order, a client that is one of the
// organisation's clients and an architect one of its architects, the retainage rates
// (domain/pay_application.hpp). A status, contract type, kind or date comes typed: its caller read
// the text where it arrived (domain::read_name, domain::parse_date) and noted what it could not
// read in `unread`. Every bad field is named at once (Refusal invalid_fields), with the API's field
// names. The pages and the API both call these; neither checks a rule of its own.
//
// `unread`: what the caller's reader could not take in (a JSON field of the
// wrong type, a date that is no day, a status the product does not know), refused together with the
// rules' errors, each field's first message kept, so that a client hears of every bad field in one
// answer.
#pragma once

#include <functional>
#include <optional>

#include "domain/validation.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"

namespace construction::operations {

sql::ProjectRecord create_project(sql::Connection& db, std::int64_t org_id,
                                  const sql::ProjectFields& fields,
                                  const domain::FieldErrors& unread = {});
// `edit` changes the stored fields in place (and notes what it could not
// read), in one transaction with the row locked; not_found for another
// organisation's or a missing project, stale_version when it is no longer at
// `expected_version` (when given). The client and the architect are checked
// again only when they change: a party that has since become of another kind
// does not block an edit of the project's name.
using ProjectEdit = std::function<void(sql::ProjectFields&, domain::FieldErrors& unread)>;
sql::ProjectRecord change_project(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                  std::optional<int> expected_version, const ProjectEdit& edit);
// not_found when there is no such project; one that has documents is kept
// by the schema's foreign keys (sql::ForeignKeyViolation: a conflict).
void delete_project(sql::Connection& db, std::int64_t org_id, std::int64_t id);

sql::PartyRecord create_party(sql::Connection& db, std::int64_t org_id,
                              const sql::PartyFields& fields,
                              const domain::FieldErrors& unread = {});
using PartyEdit = std::function<void(sql::PartyFields&, domain::FieldErrors& unread)>;
// As change_project.
sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const PartyEdit& edit);
// A form's whole set of fields in place of the stored ones.
sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const sql::PartyFields& fields,
                              const domain::FieldErrors& unread = {});
// not_found when there is no such party; one a project or a document names
// is kept by the schema's foreign keys (sql::ForeignKeyViolation).
void delete_party(sql::Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::operations
