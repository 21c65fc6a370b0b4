// Parties: the organisation's clients, vendors, subcontractors and
// architects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/project.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct PartyFields {
  domain::PartyKind kind = domain::PartyKind::client;
  std::string name;
  std::string email;
  std::string phone;
  std::string address;
};

struct PartyRecord {
  std::int64_t id = 0;
  PartyFields fields;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

struct PartyFilter {
  std::optional<std::string> kind;
  std::optional<std::string> name_contains;  // any case
};

PartyRecord insert_party(Connection& db, std::int64_t org_id, const PartyFields& fields);
std::optional<PartyRecord> find_party(Connection& db, std::int64_t org_id, std::int64_t id,
                                      bool for_update = false);
PageOf<PartyRecord> list_parties(Connection& db, std::int64_t org_id, const PartyFilter& filter,
                                 const Page& page);
Query<PageOf<PartyRecord>> parties_query(std::int64_t org_id, const PartyFilter& filter,
                                         const Page& page);
// The subcontractors and vendors (domain::is_payee_kind), in id order.
Query<PageOf<PartyRecord>> payees_query(std::int64_t org_id, const Page& page);
PartyRecord update_party(Connection& db, std::int64_t org_id, std::int64_t id,
                         const PartyFields& fields);
// False when there was no such party.
bool delete_party(Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::sql
