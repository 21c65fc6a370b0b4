#include "operations/projects.hpp"

#include "domain/pay_application.hpp"
#include "domain/project.hpp"
#include "operations/refusal.hpp"
#include "operations/text_field.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

void check_dates(domain::FieldErrors& errors, const sql::ProjectFields& p) {
  if (!errors.has("start_date") && !errors.has("completion_date") && p.start_date &&
      p.completion_date && *p.completion_date < *p.start_date)
    errors.add("completion_date", "must not be before start_date");
}

// A party a project names (its client, its architect): one of the
// organisation's, of the kind the field names. Another organisation's party
// and one of another kind are refused alike: the caller learns nothing of a
// party that is not theirs.
struct NamedParty {
  std::string_view field;
  domain::PartyKind kind;
  std::string_view plural;
  std::optional<std::int64_t> sql::ProjectFields::*id;
};

constexpr NamedParty kNamedParties[] = {
    {"client_id", domain::PartyKind::client, "clients", &sql::ProjectFields::client_id},
    {"architect_id", domain::PartyKind::architect, "architects", &sql::ProjectFields::architect_id},
};

// The parties `fields` names that `before` did not (all of them for a new
// project): a party whose kind has changed since stays on the projects that
// already name it.
void check_parties(sql::Connection& db, std::int64_t org_id, const sql::ProjectFields& fields,
                   const sql::ProjectFields* before, domain::FieldErrors& errors) {
  for (const NamedParty& named : kNamedParties) {
    const auto& id = fields.*named.id;
    if (!id || errors.has(named.field) || (before && before->*named.id == id)) continue;
    auto party = sql::find_party(db, org_id, *id);
    if (!party || party->fields.kind != named.kind)
      errors.add(named.field, "must be one of your organisation's " + std::string(named.plural));
  }
}

// Every rule of a project but its parties', after what the reader could not
// read.
domain::FieldErrors project_errors(const sql::ProjectFields& fields,
                                   const domain::FieldErrors& unread) {
  domain::FieldErrors errors = unread;
  check_text(errors, "number", fields.number, 50, true);
  check_text(errors, "name", fields.name, 200, true);
  check_text(errors, "site_address", fields.site_address, 1000, false);
  errors.merge(
      domain::validate_retainage_rates(fields.retainage_work_bps, fields.retainage_stored_bps));
  check_dates(errors, fields);
  return errors;
}

void check_party(const sql::PartyFields& fields, const domain::FieldErrors& unread) {
  domain::FieldErrors errors = unread;
  check_text(errors, "name", fields.name, 200, true);
  check_text(errors, "email", fields.email, 254, false);
  auto at = fields.email.find('@');
  if (!fields.email.empty() && !errors.has("email") &&
      (at == 0 || at == std::string::npos || at + 1 == fields.email.size() ||
       fields.email.find('@', at + 1) != std::string::npos ||
       fields.email.find_first_of(" \t\r\n") != std::string::npos))
    errors.add("email", "must be an email address (name@example.com)");
  check_text(errors, "phone", fields.phone, 50, false);
  check_text(errors, "address", fields.address, 1000, false);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

}  // namespace

sql::ProjectRecord create_project(sql::Connection& db, std::int64_t org_id,
                                  const sql::ProjectFields& fields,
                                  const domain::FieldErrors& unread) {
  domain::FieldErrors errors = project_errors(fields, unread);
  check_parties(db, org_id, fields, nullptr, errors);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  return sql::insert_project(db, org_id, fields);
}

sql::ProjectRecord change_project(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                  std::optional<int> expected_version, const ProjectEdit& edit) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, id, true);
  if (!project) throw not_found();
  check_version(expected_version, project->version);
  sql::ProjectFields fields = project->fields;
  domain::FieldErrors unread;
  edit(fields, unread);
  domain::FieldErrors errors = project_errors(fields, unread);
  check_parties(db, org_id, fields, &project->fields, errors);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  sql::ProjectRecord saved = sql::update_project(db, org_id, id, fields);
  tx.commit();
  return saved;
}

void delete_project(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  if (!sql::delete_project(db, org_id, id)) throw not_found();
}

sql::PartyRecord create_party(sql::Connection& db, std::int64_t org_id,
                              const sql::PartyFields& fields, const domain::FieldErrors& unread) {
  check_party(fields, unread);
  return sql::insert_party(db, org_id, fields);
}

sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const PartyEdit& edit) {
  sql::Transaction tx(db);
  auto party = sql::find_party(db, org_id, id, true);
  if (!party) throw not_found();
  check_version(expected_version, party->version);
  sql::PartyFields fields = party->fields;
  domain::FieldErrors unread;
  edit(fields, unread);
  check_party(fields, unread);
  sql::PartyRecord saved = sql::update_party(db, org_id, id, fields);
  tx.commit();
  return saved;
}

sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const sql::PartyFields& fields,
                              const domain::FieldErrors& unread) {
  return change_party(db, org_id, id, expected_version,
                      [&](sql::PartyFields& stored, domain::FieldErrors& not_read) {
                        stored = fields;
                        not_read = unread;
                      });
}

void delete_party(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  if (!sql::delete_party(db, org_id, id)) throw not_found();
}

}  // namespace construction::operations
