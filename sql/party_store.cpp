#include "sql/party_store.hpp"

#include "sql/like_pattern.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define PARTY_COLUMNS                                                  \
  "id, kind, name, email, phone, address, version, " SQL_UNIX_SECONDS( \
      "created_at") " AS created_at, " SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO parties (org_id, kind, name, email, phone, address) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " PARTY_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " PARTY_COLUMNS " FROM parties WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " PARTY_COLUMNS " FROM parties WHERE org_id = $1 AND id = $2 FOR UPDATE";
// A page of parties: $1 org_id, $2 after id, $3 kind or NULL, $4 the limit;
// with a search, three statements as the projects' lists are
// (sql/project_store.cpp): ILIKE the pattern of sql/like_pattern.hpp as $5,
// which the trigram index answers, or strpos for a text with no trigram.
#define PARTY_PAGE(match)                        \
  "SELECT " PARTY_COLUMNS                        \
  " FROM parties WHERE org_id = $1 AND id > $2 " \
  "AND ($3::text IS NULL OR kind = $3) " match "ORDER BY id LIMIT $4"
constexpr std::string_view kList = PARTY_PAGE("");
constexpr std::string_view kListMatching = PARTY_PAGE("AND name ILIKE $5 ");
constexpr std::string_view kListContaining = PARTY_PAGE("AND strpos(lower(name), lower($5)) > 0 ");
#undef PARTY_PAGE
// The payees (domain::is_payee_kind) for a commitment's or a bill's select,
// through parties_org_kind: a first page of every party was hundreds of
// clients before the first vendor in an organisation of some years, and the
// select offered no vendor at all.
constexpr std::string_view kPayees = "SELECT " PARTY_COLUMNS
                                     " FROM parties WHERE org_id = $1 AND id > $2 "
                                     "AND kind IN ('subcontractor', 'vendor') "
                                     "ORDER BY id LIMIT $3";
constexpr std::string_view kUpdate =
    "UPDATE parties SET kind = $3, name = $4, email = $5, phone = $6, address = $7, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " PARTY_COLUMNS;
constexpr std::string_view kDelete = "DELETE FROM parties WHERE org_id = $1 AND id = $2";

#undef PARTY_COLUMNS

PartyRecord party_from(const Row& row) {
  PartyRecord party;
  party.id = row["id"].int64();
  party.fields = {row["kind"].named(domain::parse_party_kind), row["name"].string(),
                  row["email"].string(), row["phone"].string(), row["address"].string()};
  party.version = row["version"].int32();
  party.created_at = row["created_at"].timestamp();
  party.updated_at = row["updated_at"].timestamp();
  return party;
}

}  // namespace

PartyRecord insert_party(Connection& db, std::int64_t org_id, const PartyFields& f) {
  return party_from(
      db.exec(kInsert, org_id, f.kind, f.name, f.email, f.phone, f.address).single_row());
}

std::optional<PartyRecord> find_party(Connection& db, std::int64_t org_id, std::int64_t id,
                                      bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return party_from(result[0]);
}

Query<PageOf<PartyRecord>> parties_query(std::int64_t org_id, const PartyFilter& filter,
                                         const Page& page) {
  auto query = make_page_query(kList, party_from, page, org_id, page.after_id.value_or(0),
                               filter.kind, page.fetch());
  if (filter.name_contains && has_trigram(*filter.name_contains)) {
    query.sql = kListMatching;
    query.params.add(containing_pattern(*filter.name_contains));
  } else if (filter.name_contains) {
    query.sql = kListContaining;
    query.params.add(*filter.name_contains);
  }
  return query;
}

Query<PageOf<PartyRecord>> payees_query(std::int64_t org_id, const Page& page) {
  return make_page_query(kPayees, party_from, page, org_id, page.after_id.value_or(0),
                         page.fetch());
}

PageOf<PartyRecord> list_parties(Connection& db, std::int64_t org_id, const PartyFilter& filter,
                                 const Page& page) {
  return fetch(db, parties_query(org_id, filter, page));
}

PartyRecord update_party(Connection& db, std::int64_t org_id, std::int64_t id,
                         const PartyFields& f) {
  return party_from(
      db.exec(kUpdate, org_id, id, f.kind, f.name, f.email, f.phone, f.address).single_row());
}

bool delete_party(Connection& db, std::int64_t org_id, std::int64_t id) {
  return db.exec(kDelete, org_id, id).affected_rows() == 1;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements party_store_statements() {
  return {"party_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate), SQL_NAMED(kList),
           SQL_NAMED(kListMatching), SQL_NAMED(kListContaining), SQL_NAMED(kPayees),
           SQL_NAMED(kUpdate), SQL_NAMED(kDelete)}};
}

}  // namespace construction::sql
