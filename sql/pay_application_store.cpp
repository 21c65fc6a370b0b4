#include "sql/pay_application_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define OPTIONAL_SECONDS(column) \
  "CASE WHEN " column " IS NULL THEN NULL ELSE " SQL_UNIX_SECONDS(column) " END"

#define APPLICATION_COLUMNS \
  "id, project_id, number, " SQL_UNIX_DAYS("period_to") " AS period_to, status, "               \
  "retainage_work_bps, retainage_stored_bps, original_contract_sum_cents, "                     \
  "net_change_orders_cents, contract_sum_to_date_cents, completed_and_stored_to_date_cents, "   \
  "retainage_work_cents, retainage_stored_cents, retainage_cents, earned_less_retainage_cents, " \
  "previous_certificates_cents, current_payment_due_cents, balance_to_finish_cents, "           \
  "certified_cents, " OPTIONAL_SECONDS("submitted_at") " AS submitted_at, "                     \
  OPTIONAL_SECONDS("certified_at") " AS certified_at, version, "                                \
  SQL_UNIX_SECONDS("created_at") " AS created_at, " SQL_UNIX_SECONDS("updated_at")              \
  " AS updated_at"

#define LINE_COLUMNS                                                                   \
  "id, pay_application_id, sov_line_id, item_no, description, scheduled_value_cents, " \
  "previous_cents, this_period_cents, stored_cents, completed_and_stored_cents, "      \
  "percent_complete_bps, balance_to_finish_cents, retainage_work_cents, "              \
  "retainage_stored_cents, retainage_cents, version, " SQL_UNIX_SECONDS(               \
      "created_at") " AS created_at, " SQL_UNIX_SECONDS("updated_at") " AS updated_at"

// The same columns, each named l_<column>, for the application read with its
// lines in one round trip.
#define PREFIXED_LINE_COLUMNS                                                                    \
  "id AS l_id, pay_application_id AS l_pay_application_id, sov_line_id AS l_sov_line_id, "       \
  "item_no AS l_item_no, description AS l_description, "                                         \
  "scheduled_value_cents AS l_scheduled_value_cents, previous_cents AS l_previous_cents, "       \
  "this_period_cents AS l_this_period_cents, stored_cents AS l_stored_cents, "                   \
  "completed_and_stored_cents AS l_completed_and_stored_cents, "                                 \
  "percent_complete_bps AS l_percent_complete_bps, "                                             \
  "balance_to_finish_cents AS l_balance_to_finish_cents, "                                       \
  "retainage_work_cents AS l_retainage_work_cents, "                                             \
  "retainage_stored_cents AS l_retainage_stored_cents, retainage_cents AS l_retainage_cents, "   \
  "version AS l_version, " SQL_UNIX_SECONDS("created_at") " AS l_created_at, " SQL_UNIX_SECONDS( \
      "updated_at") " AS l_updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO pay_applications (org_id, project_id, number, period_to, retainage_work_bps, "
    "retainage_stored_bps) VALUES ($1, $2, $3, $4::date, $5, $6) RETURNING " APPLICATION_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " APPLICATION_COLUMNS " FROM pay_applications WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate = "SELECT " APPLICATION_COLUMNS
                                            " FROM pay_applications WHERE org_id = $1 AND id = $2 "
                                            "FOR UPDATE";
// One row per line (one row with NULL line columns for an application without
// lines), each with the certificate's invoice if there is one.
constexpr std::string_view kFindWithLines =
    "SELECT a.*, i.*, l.* FROM (SELECT " APPLICATION_COLUMNS
    " FROM pay_applications WHERE org_id = $1 AND id = $2) a "
    "LEFT JOIN LATERAL (SELECT id AS i_id, number AS i_number FROM invoices "
    "WHERE org_id = $1 AND pay_application_id = a.id ORDER BY id LIMIT 1) i ON true "
    "LEFT JOIN LATERAL (SELECT " PREFIXED_LINE_COLUMNS
    " FROM pay_application_lines WHERE org_id = $1 AND pay_application_id = a.id) l ON true "
    "ORDER BY l.l_item_no, l.l_id";
constexpr std::string_view kFindByNumber =
    "SELECT " APPLICATION_COLUMNS
    " FROM pay_applications WHERE org_id = $1 AND project_id = $2 AND number = $3";
constexpr std::string_view kLatest = "SELECT " APPLICATION_COLUMNS
                                     " FROM pay_applications WHERE org_id = $1 AND project_id = $2 "
                                     "ORDER BY number DESC LIMIT 1";
constexpr std::string_view kList = "SELECT " APPLICATION_COLUMNS
                                   " FROM pay_applications WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kEarlierCertificates =
    "SELECT certified_cents FROM pay_applications WHERE org_id = $1 AND project_id = $2 "
    "AND number < $3 ORDER BY number";
constexpr std::string_view kSetG702 =
    "UPDATE pay_applications SET original_contract_sum_cents = $3, net_change_orders_cents = $4, "
    "contract_sum_to_date_cents = $5, completed_and_stored_to_date_cents = $6, "
    "retainage_work_cents = $7, retainage_stored_cents = $8, retainage_cents = $9, "
    "earned_less_retainage_cents = $10, previous_certificates_cents = $11, "
    "current_payment_due_cents = $12, balance_to_finish_cents = $13, version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " APPLICATION_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE pay_applications SET status = $3, certified_cents = $4, "
    "submitted_at = CASE WHEN $3 = 'draft' THEN NULL WHEN $3 = 'submitted' THEN now() "
    "ELSE submitted_at END, "
    "certified_at = CASE WHEN $3 = 'certified' THEN now() END, "
    "version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " APPLICATION_COLUMNS;
constexpr std::string_view kListLines =
    "SELECT " LINE_COLUMNS
    " FROM pay_application_lines WHERE org_id = $1 AND pay_application_id = $2 "
    "ORDER BY item_no, id";
constexpr std::string_view kFindLine =
    "SELECT " LINE_COLUMNS
    " FROM pay_application_lines WHERE org_id = $1 AND pay_application_id = $2 AND id = $3";
constexpr std::string_view kInsertLine =
    "INSERT INTO pay_application_lines (org_id, pay_application_id, sov_line_id, item_no, "
    "description, scheduled_value_cents, previous_cents, this_period_cents, stored_cents, "
    "completed_and_stored_cents, percent_complete_bps, balance_to_finish_cents, "
    "retainage_work_cents, retainage_stored_cents, retainage_cents) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
    "RETURNING " LINE_COLUMNS;
constexpr std::string_view kUpdateLine =
    "UPDATE pay_application_lines SET scheduled_value_cents = $3, previous_cents = $4, "
    "this_period_cents = $5, stored_cents = $6, completed_and_stored_cents = $7, "
    "percent_complete_bps = $8, balance_to_finish_cents = $9, retainage_work_cents = $10, "
    "retainage_stored_cents = $11, retainage_cents = $12, version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " LINE_COLUMNS;

#undef APPLICATION_COLUMNS
#undef LINE_COLUMNS
#undef PREFIXED_LINE_COLUMNS
#undef OPTIONAL_SECONDS

PayApplicationRecord application_from(const Row& row) {
  PayApplicationRecord a;
  a.id = row["id"].int64();
  a.project_id = row["project_id"].int64();
  a.number = row["number"].int32();
  a.period_to = row["period_to"].date();
  a.status = row["status"].named(domain::parse_pay_application_status);
  a.retainage_work_bps = row["retainage_work_bps"].int64();
  a.retainage_stored_bps = row["retainage_stored_bps"].int64();
  a.g702 = {row["original_contract_sum_cents"].cents(),
            row["net_change_orders_cents"].cents(),
            row["contract_sum_to_date_cents"].cents(),
            row["completed_and_stored_to_date_cents"].cents(),
            row["retainage_work_cents"].cents(),
            row["retainage_stored_cents"].cents(),
            row["retainage_cents"].cents(),
            row["earned_less_retainage_cents"].cents(),
            row["previous_certificates_cents"].cents(),
            row["current_payment_due_cents"].cents(),
            row["balance_to_finish_cents"].cents()};
  a.certified_cents = row["certified_cents"].optional_cents();
  a.submitted_at = row["submitted_at"].optional_timestamp();
  a.certified_at = row["certified_at"].optional_timestamp();
  a.version = row["version"].int32();
  a.created_at = row["created_at"].timestamp();
  a.updated_at = row["updated_at"].timestamp();
  return a;
}

// `prefix`: "" for LINE_COLUMNS, "l_" for PREFIXED_LINE_COLUMNS.
PayApplicationLineRecord line_from(const Row& row, const std::string& prefix = "") {
  auto column = [&](const char* name) { return row[prefix + name]; };
  PayApplicationLineRecord l;
  l.id = column("id").int64();
  l.pay_application_id = column("pay_application_id").int64();
  l.sov_line_id = column("sov_line_id").int64();
  l.item_no = column("item_no").int32();
  l.description = column("description").string();
  l.figures = {column("scheduled_value_cents").cents(),      column("previous_cents").cents(),
               column("this_period_cents").cents(),          column("stored_cents").cents(),
               column("completed_and_stored_cents").cents(), column("percent_complete_bps").int64(),
               column("balance_to_finish_cents").cents(),    column("retainage_work_cents").cents(),
               column("retainage_stored_cents").cents(),     column("retainage_cents").cents()};
  l.version = column("version").int32();
  l.created_at = column("created_at").timestamp();
  l.updated_at = column("updated_at").timestamp();
  return l;
}

std::optional<PayApplicationRecord> first_application(Result result) {
  if (result.empty()) return std::nullopt;
  return application_from(result[0]);
}

}  // namespace

PayApplicationRecord insert_pay_application(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id, const NewPayApplication& a) {
  return application_from(db.exec(kInsert, org_id, project_id, a.number, a.period_to,
                                  a.retainage_work_bps, a.retainage_stored_bps)
                              .single_row());
}

std::optional<PayApplicationRecord> find_pay_application(Connection& db, std::int64_t org_id,
                                                         std::int64_t id, bool for_update) {
  return first_application(db.exec(for_update ? kFindForUpdate : kFind, org_id, id));
}

Query<std::optional<PayApplicationWithLines>> pay_application_with_lines_query(std::int64_t org_id,
                                                                               std::int64_t id) {
  return make_query<std::optional<PayApplicationWithLines>>(
      kFindWithLines,
      [](const Result& result) -> std::optional<PayApplicationWithLines> {
        if (result.empty()) return std::nullopt;
        PayApplicationWithLines found{application_from(result[0]), {}, std::nullopt, {}};
        found.invoice_id = result[0]["i_id"].optional_int64();
        found.invoice_number = result[0]["i_number"].optional_string().value_or("");
        for (Row row : result)
          if (row["l_id"].optional_int64()) found.lines.push_back(line_from(row, "l_"));
        return found;
      },
      org_id, id);
}

std::optional<PayApplicationWithLines> find_pay_application_with_lines(Connection& db,
                                                                       std::int64_t org_id,
                                                                       std::int64_t id) {
  return fetch(db, pay_application_with_lines_query(org_id, id));
}

std::optional<PayApplicationRecord> find_pay_application_by_number(Connection& db,
                                                                   std::int64_t org_id,
                                                                   std::int64_t project_id,
                                                                   int number) {
  return first_application(db.exec(kFindByNumber, org_id, project_id, number));
}

std::optional<PayApplicationRecord> latest_pay_application(Connection& db, std::int64_t org_id,
                                                           std::int64_t project_id) {
  return first_application(db.exec(kLatest, org_id, project_id));
}

Query<PageOf<PayApplicationRecord>> pay_applications_query(std::int64_t org_id,
                                                           std::int64_t project_id,
                                                           const Page& page) {
  return make_page_query(kList, application_from, page, org_id, project_id,
                         page.after_id.value_or(0), page.fetch());
}

PageOf<PayApplicationRecord> list_pay_applications(Connection& db, std::int64_t org_id,
                                                   std::int64_t project_id, const Page& page) {
  return fetch(db, pay_applications_query(org_id, project_id, page));
}

std::vector<domain::Cents> earlier_certificates(Connection& db, std::int64_t org_id,
                                                std::int64_t project_id, int number) {
  std::vector<domain::Cents> amounts;
  for (Row row : db.exec(kEarlierCertificates, org_id, project_id, number))
    amounts.push_back(row["certified_cents"].optional_cents().value_or(domain::Cents{}));
  return amounts;
}

PayApplicationRecord set_pay_application_g702(Connection& db, std::int64_t org_id, std::int64_t id,
                                              const G702Record& g) {
  return application_from(db.exec(kSetG702, org_id, id, g.original_contract_sum_cents,
                                  g.net_change_orders_cents, g.contract_sum_to_date_cents,
                                  g.completed_and_stored_to_date_cents, g.retainage_work_cents,
                                  g.retainage_stored_cents, g.retainage_cents,
                                  g.earned_less_retainage_cents, g.previous_certificates_cents,
                                  g.current_payment_due_cents, g.balance_to_finish_cents)
                              .single_row());
}

PayApplicationRecord set_pay_application_status(Connection& db, std::int64_t org_id,
                                                std::int64_t id,
                                                domain::PayApplicationStatus status,
                                                std::optional<domain::Cents> certified_cents) {
  return application_from(
      db.exec(kSetStatus, org_id, id, to_string(status), certified_cents).single_row());
}

std::vector<PayApplicationLineRecord> list_pay_application_lines(Connection& db,
                                                                 std::int64_t org_id,
                                                                 std::int64_t pay_application_id) {
  std::vector<PayApplicationLineRecord> lines;
  for (Row row : db.exec(kListLines, org_id, pay_application_id)) lines.push_back(line_from(row));
  return lines;
}

std::optional<PayApplicationLineRecord> find_pay_application_line(Connection& db,
                                                                  std::int64_t org_id,
                                                                  std::int64_t pay_application_id,
                                                                  std::int64_t id) {
  Result result = db.exec(kFindLine, org_id, pay_application_id, id);
  if (result.empty()) return std::nullopt;
  return line_from(result[0]);
}

PayApplicationLineRecord insert_pay_application_line(Connection& db, std::int64_t org_id,
                                                     std::int64_t pay_application_id,
                                                     std::int64_t sov_line_id, int item_no,
                                                     const std::string& description,
                                                     const G703Record& f) {
  return line_from(db.exec(kInsertLine, org_id, pay_application_id, sov_line_id, item_no,
                           description, f.scheduled_value_cents, f.previous_cents,
                           f.this_period_cents, f.stored_cents, f.completed_and_stored_cents,
                           f.percent_complete_bps, f.balance_to_finish_cents,
                           f.retainage_work_cents, f.retainage_stored_cents, f.retainage_cents)
                       .single_row());
}

PayApplicationLineRecord update_pay_application_line(Connection& db, std::int64_t org_id,
                                                     std::int64_t id, const G703Record& f) {
  return line_from(db.exec(kUpdateLine, org_id, id, f.scheduled_value_cents, f.previous_cents,
                           f.this_period_cents, f.stored_cents, f.completed_and_stored_cents,
                           f.percent_complete_bps, f.balance_to_finish_cents,
                           f.retainage_work_cents, f.retainage_stored_cents, f.retainage_cents)
                       .single_row());
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements pay_application_store_statements() {
  return {"pay_application_store",
          {SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kFindWithLines), SQL_NAMED(kFindByNumber), SQL_NAMED(kLatest),
           SQL_NAMED(kList), SQL_NAMED(kEarlierCertificates), SQL_NAMED(kSetG702),
           SQL_NAMED(kSetStatus), SQL_NAMED(kListLines), SQL_NAMED(kFindLine),
           SQL_NAMED(kInsertLine), SQL_NAMED(kUpdateLine)}};
}

}  // namespace construction::sql
