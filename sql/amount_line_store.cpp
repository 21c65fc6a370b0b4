#include "sql/amount_line_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define AMOUNT_LINE_COLUMNS(document)                                             \
  "id, " document                                                                 \
  " AS document_id, cost_code, cost_type, description, amount_cents, "            \
  "version, " SQL_UNIX_SECONDS("created_at") " AS created_at, " SQL_UNIX_SECONDS( \
      "updated_at") " AS updated_at"

#define AMOUNT_LINE_STATEMENTS(table, document)                                                   \
  {                                                                                               \
    "SELECT " AMOUNT_LINE_COLUMNS(document) " FROM " table " WHERE org_id = $1 AND " document     \
                                            " = $2 ORDER BY id",                                  \
        "SELECT " AMOUNT_LINE_COLUMNS(document) " FROM " table " WHERE org_id = $1 AND " document \
                                                " = $2 AND id = $3",                              \
        "INSERT INTO " table " (org_id, " document                                                \
        ", cost_code, cost_type, description, amount_cents) VALUES ($1, $2, $3, $4, $5, $6) "     \
        "RETURNING " AMOUNT_LINE_COLUMNS(document),                                               \
        "UPDATE " table                                                                           \
        " SET cost_code = $3, cost_type = $4, description = $5, amount_cents = $6, "              \
        "version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 "                \
        "RETURNING " AMOUNT_LINE_COLUMNS(document),                                               \
        "DELETE FROM " table " WHERE org_id = $1 AND id = $2"                                     \
  }

struct Statements {
  std::string_view list, find, insert, update, remove;
};

constexpr Statements kCommitmentLines AMOUNT_LINE_STATEMENTS("commitment_lines", "commitment_id");
constexpr Statements kVendorBillLines AMOUNT_LINE_STATEMENTS("vendor_bill_lines", "vendor_bill_id");

#undef AMOUNT_LINE_STATEMENTS
#undef AMOUNT_LINE_COLUMNS

const Statements& statements(AmountLineTable table) {
  return table == AmountLineTable::commitment_lines ? kCommitmentLines : kVendorBillLines;
}

AmountLineRecord line_from(const Row& row) {
  AmountLineRecord l;
  l.id = row["id"].int64();
  l.document_id = row["document_id"].int64();
  l.fields = {row["cost_code"].string(), row["cost_type"].string(), row["description"].string(),
              row["amount_cents"].cents()};
  l.version = row["version"].int32();
  l.created_at = row["created_at"].timestamp();
  l.updated_at = row["updated_at"].timestamp();
  return l;
}

}  // namespace

std::vector<AmountLineRecord> list_amount_lines(Connection& db, AmountLineTable table,
                                                std::int64_t org_id, std::int64_t document_id) {
  std::vector<AmountLineRecord> lines;
  for (Row row : db.exec(statements(table).list, org_id, document_id))
    lines.push_back(line_from(row));
  return lines;
}

std::optional<AmountLineRecord> find_amount_line(Connection& db, AmountLineTable table,
                                                 std::int64_t org_id, std::int64_t document_id,
                                                 std::int64_t id) {
  Result result = db.exec(statements(table).find, org_id, document_id, id);
  if (result.empty()) return std::nullopt;
  return line_from(result[0]);
}

AmountLineRecord insert_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                                    std::int64_t document_id, const AmountLineFields& f) {
  return line_from(db.exec(statements(table).insert, org_id, document_id, f.cost_code, f.cost_type,
                           f.description, f.amount_cents)
                       .single_row());
}

AmountLineRecord update_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                                    std::int64_t id, const AmountLineFields& f) {
  return line_from(db.exec(statements(table).update, org_id, id, f.cost_code, f.cost_type,
                           f.description, f.amount_cents)
                       .single_row());
}

void delete_amount_line(Connection& db, AmountLineTable table, std::int64_t org_id,
                        std::int64_t id) {
  db.exec(statements(table).remove, org_id, id);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements amount_line_store_statements() {
  return {"amount_line_store",
          {SQL_NAMED(kCommitmentLines.list), SQL_NAMED(kCommitmentLines.find),
           SQL_NAMED(kCommitmentLines.insert), SQL_NAMED(kCommitmentLines.update),
           SQL_NAMED(kCommitmentLines.remove), SQL_NAMED(kVendorBillLines.list),
           SQL_NAMED(kVendorBillLines.find), SQL_NAMED(kVendorBillLines.insert),
           SQL_NAMED(kVendorBillLines.update), SQL_NAMED(kVendorBillLines.remove)}};
}

}  // namespace construction::sql
