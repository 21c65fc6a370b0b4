// The reads and writes that every stored document with a header, a status
// and a version does alike (a commitment, a vendor bill): find one (locked
// or not), list a project's in pages, set its status, delete it. A store
// names its statements and how a row becomes its record in one
// DocumentStatements; what differs (its columns, its amounts, its other
// queries) stays in the store, so a grep of the document's name lands on
// its SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

// $1 org_id, $2 id for find, find_for_update and remove; $1 org_id,
// $2 project_id, $3 after id, $4 limit for list; $1 org_id, $2 id, $3 the
// status's name for set_status (which also stamps approved_at, when the
// store has one).
template <class Record>
struct DocumentStatements {
  std::string_view find;
  std::string_view find_for_update;
  std::string_view list;
  std::string_view set_status;
  std::string_view remove;
  Record (*from_row)(const Row&);
};

template <class Record>
std::optional<Record> find_document(Connection& db, const DocumentStatements<Record>& statements,
                                    std::int64_t org_id, std::int64_t id, bool for_update) {
  Result result = db.exec(for_update ? statements.find_for_update : statements.find, org_id, id);
  if (result.empty()) return std::nullopt;
  return statements.from_row(result[0]);
}

template <class Record>
Query<PageOf<Record>> documents_query(const DocumentStatements<Record>& statements,
                                      std::int64_t org_id, std::int64_t project_id,
                                      const Page& page) {
  return make_page_query(statements.list, statements.from_row, page, org_id, project_id,
                         page.after_id.value_or(0), page.fetch());
}

// `status` is a domain enum; its name (to_string) is what the table holds.
template <class Record, class Status>
Record set_document_status(Connection& db, const DocumentStatements<Record>& statements,
                           std::int64_t org_id, std::int64_t id, Status status) {
  return statements.from_row(
      db.exec(statements.set_status, org_id, id, to_string(status)).single_row());
}

template <class Record>
void delete_document(Connection& db, const DocumentStatements<Record>& statements,
                     std::int64_t org_id, std::int64_t id) {
  db.exec(statements.remove, org_id, id);
}

}  // namespace construction::sql
