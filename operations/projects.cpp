#include "operations/projects.hpp"

#include <chrono>

#include "domain/pay_application.hpp"
#include "operations/refusal.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

void check_text(domain::FieldErrors& errors, std::string_view field, std::string_view value,
                std::size_t max, bool required) {
  if (required && domain::is_blank(value))
    errors.add(field, "is required");
  else if (domain::count_characters(value) > max)
    errors.add(field, "must be at most " + std::to_string(max) + " characters");
  else if (value.find('\0') != value.npos)
    errors.add(field, "must not contain NUL");
}

void check_one_of(domain::FieldErrors& errors, std::string_view field, std::string_view value,
                  std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (std::string_view option : allowed) {
    if (value == option) return;
    list += (list.empty() ? "" : ", ") + std::string(option);
  }
  errors.add(field, "must be one of " + list);
}

void check_dates(domain::FieldErrors& errors, const sql::ProjectFields& p) {
  if (p.start_date && !is_calendar_date(*p.start_date))
    errors.add("start_date", "must be a date (YYYY-MM-DD)");
  if (p.completion_date && !is_calendar_date(*p.completion_date))
    errors.add("completion_date", "must be a date (YYYY-MM-DD)");
  if (!errors.has("start_date") && !errors.has("completion_date") && p.start_date &&
      p.completion_date && *p.completion_date < *p.start_date)
    errors.add("completion_date", "must not be before start_date");
}

void check_party(const sql::PartyFields& fields) {
  domain::FieldErrors errors;
  check_one_of(errors, "kind", fields.kind, {"client", "vendor", "subcontractor", "architect"});
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
                                  const sql::ProjectFields& fields) {
  domain::FieldErrors errors;
  check_text(errors, "number", fields.number, 50, true);
  check_text(errors, "name", fields.name, 200, true);
  check_text(errors, "site_address", fields.site_address, 1000, false);
  check_one_of(errors, "status", fields.status,
               {"lead", "estimating", "active", "substantially_complete", "closed", "cancelled"});
  check_one_of(errors, "contract_type", fields.contract_type, {"fixed_price", "cost_plus"});
  errors.merge(
      domain::validate_retainage_rates(fields.retainage_work_bps, fields.retainage_stored_bps));
  check_dates(errors, fields);
  if (fields.client_id) {
    auto party = sql::find_party(db, org_id, *fields.client_id);
    if (!party || party->fields.kind != "client")
      errors.add("client_id", "must be one of your organisation's clients");
  }
  if (!errors.empty()) throw invalid_fields(std::move(errors));
  return sql::insert_project(db, org_id, fields);
}

sql::PartyRecord create_party(sql::Connection& db, std::int64_t org_id,
                              const sql::PartyFields& fields) {
  check_party(fields);
  return sql::insert_party(db, org_id, fields);
}

sql::PartyRecord change_party(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                              std::optional<int> expected_version, const sql::PartyFields& fields) {
  sql::Transaction tx(db);
  auto party = sql::find_party(db, org_id, id, true);
  if (!party) throw not_found();
  check_version(expected_version, party->version);
  check_party(fields);
  sql::PartyRecord saved = sql::update_party(db, org_id, id, fields);
  tx.commit();
  return saved;
}

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  int index = 0;
  for (char c : text) {
    if (c == '-') {
      ++index;
    } else if (c >= '0' && c <= '9') {
      parts[index] = parts[index] * 10 + (c - '0');
    } else {
      return false;
    }
  }
  return parts[0] >= 1 &&
         std::chrono::year_month_day(std::chrono::year(parts[0]), std::chrono::month(parts[1]),
                                     std::chrono::day(parts[2]))
             .ok();
}

}  // namespace construction::operations
