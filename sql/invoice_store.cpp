#include "sql/invoice_store.hpp"

#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kOverdue =
    "SELECT i.id, i.number, " SQL_UNIX_DAYS("i.due_date") " AS due_date, "
    "i.total_cents - i.paid_cents AS balance_cents, p.id AS project_id, "
    "p.number AS project_number, p.name AS project_name "
    "FROM invoices i JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id "
    "WHERE i.org_id = $1 AND i.status IN ('sent', 'partially_paid') "
    "AND i.due_date < current_date AND i.total_cents > i.paid_cents "
    "ORDER BY i.due_date, i.id LIMIT $2";

#define INVOICE_COLUMNS \
  "id, project_id, number, kind, pay_application_id, status, "                                  \
  SQL_UNIX_DAYS("issued_on") " AS issued_on, " SQL_UNIX_DAYS("due_date") " AS due_date, "       \
  "total_cents, paid_cents, notes, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, " \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

#define PAYMENT_COLUMNS \
  "id, invoice_id, amount_cents, " SQL_UNIX_DAYS("received_on") " AS received_on, method, " \
  "reference, version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "                 \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO invoices (org_id, project_id, number, kind, pay_application_id, due_date, "
    "total_cents, notes) VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8) "
    "RETURNING " INVOICE_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " INVOICE_COLUMNS " FROM invoices WHERE org_id = $1 AND id = $2";
constexpr std::string_view kFindForUpdate =
    "SELECT " INVOICE_COLUMNS " FROM invoices WHERE org_id = $1 AND id = $2 FOR UPDATE";
constexpr std::string_view kFindOfApplication =
    "SELECT " INVOICE_COLUMNS " FROM invoices WHERE org_id = $1 AND pay_application_id = $2";
constexpr std::string_view kList = "SELECT " INVOICE_COLUMNS
                                   " FROM invoices WHERE org_id = $1 AND project_id = $2 "
                                   "AND id > $3 ORDER BY id LIMIT $4";
constexpr std::string_view kUpdate =
    "UPDATE invoices SET number = $3, due_date = $4::date, total_cents = $5, notes = $6, "
    "version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 "
    "RETURNING " INVOICE_COLUMNS;
constexpr std::string_view kSetStatus =
    "UPDATE invoices SET status = $3, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " INVOICE_COLUMNS;
constexpr std::string_view kSetPaymentState =
    "UPDATE invoices SET paid_cents = $3, status = $4, version = version + 1, updated_at = now() "
    "WHERE org_id = $1 AND id = $2 RETURNING " INVOICE_COLUMNS;
constexpr std::string_view kNextNumber =
    "SELECT 'INV-' || lpad((count(*) + 1)::text, 3, '0') AS number "
    "FROM invoices WHERE org_id = $1 AND project_id = $2";
constexpr std::string_view kInsertPayment =
    "INSERT INTO payments (org_id, invoice_id, amount_cents, received_on, method, reference) "
    "VALUES ($1, $2, $3, $4::date, $5, $6) RETURNING " PAYMENT_COLUMNS;
constexpr std::string_view kListPayments = "SELECT " PAYMENT_COLUMNS
                                           " FROM payments WHERE org_id = $1 AND invoice_id = $2 "
                                           "ORDER BY id";

// One row per payment (one with NULL payment columns for an invoice without
// payments), the payment's columns named p_<column>.
constexpr std::string_view kFindWithPayments =
    "SELECT i.*, p.* FROM (SELECT " INVOICE_COLUMNS
    " FROM invoices WHERE org_id = $1 AND id = $2) i "
    "LEFT JOIN LATERAL (SELECT id AS p_id, invoice_id AS p_invoice_id, amount_cents AS "
    "p_amount_cents, " SQL_UNIX_DAYS("received_on") " AS p_received_on, method AS p_method, "
    "reference AS p_reference, version AS p_version, " SQL_UNIX_SECONDS("created_at")
    " AS p_created_at, " SQL_UNIX_SECONDS("updated_at") " AS p_updated_at FROM payments "
    "WHERE org_id = $1 AND invoice_id = i.id) p ON true ORDER BY p.p_id";

#undef INVOICE_COLUMNS
#undef PAYMENT_COLUMNS

InvoiceRecord invoice_from(const Row& row) {
  InvoiceRecord i;
  i.id = row["id"].int64();
  i.project_id = row["project_id"].int64();
  i.fields = {row["number"].string(),
              row["kind"].named(domain::parse_invoice_kind),
              row["pay_application_id"].optional_int64(),
              row["due_date"].optional_date(),
              row["total_cents"].cents(),
              row["notes"].string()};
  i.status = row["status"].named(domain::parse_invoice_status);
  i.issued_on = row["issued_on"].date();
  i.paid_cents = row["paid_cents"].cents();
  i.version = row["version"].int32();
  i.created_at = row["created_at"].timestamp();
  i.updated_at = row["updated_at"].timestamp();
  return i;
}

PaymentRecord payment_from(const Row& row, const std::string& prefix = "") {
  auto column = [&](const char* name) { return row[prefix + name]; };
  return {column("id").int64(),
          column("invoice_id").int64(),
          {column("amount_cents").cents(), column("received_on").date(),
           column("method").named(domain::parse_payment_method), column("reference").string()},
          column("version").int32(),
          column("created_at").timestamp(),
          column("updated_at").timestamp()};
}

}  // namespace

InvoiceRecord insert_invoice(Connection& db, std::int64_t org_id, std::int64_t project_id,
                             const InvoiceFields& f) {
  return invoice_from(db.exec(kInsert, org_id, project_id, f.number, to_string(f.kind),
                              f.pay_application_id, f.due_date, f.total_cents, f.notes)
                          .single_row());
}

std::optional<InvoiceRecord> find_invoice(Connection& db, std::int64_t org_id, std::int64_t id,
                                          bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return invoice_from(result[0]);
}

Query<std::optional<InvoiceWithPayments>> invoice_with_payments_query(std::int64_t org_id,
                                                                      std::int64_t id) {
  return make_query<std::optional<InvoiceWithPayments>>(
      kFindWithPayments,
      [](const Result& result) -> std::optional<InvoiceWithPayments> {
        if (result.empty()) return std::nullopt;
        InvoiceWithPayments found{invoice_from(result[0]), {}};
        for (Row row : result)
          if (row["p_id"].optional_int64()) found.payments.push_back(payment_from(row, "p_"));
        return found;
      },
      org_id, id);
}

std::optional<InvoiceWithPayments> find_invoice_with_payments(Connection& db, std::int64_t org_id,
                                                              std::int64_t id) {
  return fetch(db, invoice_with_payments_query(org_id, id));
}

std::optional<InvoiceRecord> find_invoice_of_pay_application(Connection& db, std::int64_t org_id,
                                                             std::int64_t pay_application_id) {
  Result result = db.exec(kFindOfApplication, org_id, pay_application_id);
  if (result.empty()) return std::nullopt;
  return invoice_from(result[0]);
}

Query<PageOf<InvoiceRecord>> invoices_query(std::int64_t org_id, std::int64_t project_id,
                                            const Page& page) {
  return make_page_query(kList, invoice_from, page, org_id, project_id, page.after_id.value_or(0),
                         page.fetch());
}

PageOf<InvoiceRecord> list_invoices(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                    const Page& page) {
  return fetch(db, invoices_query(org_id, project_id, page));
}

InvoiceRecord update_invoice(Connection& db, std::int64_t org_id, std::int64_t id,
                             const InvoiceFields& f) {
  return invoice_from(
      db.exec(kUpdate, org_id, id, f.number, f.due_date, f.total_cents, f.notes).single_row());
}

InvoiceRecord set_invoice_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                 domain::InvoiceStatus status) {
  return invoice_from(db.exec(kSetStatus, org_id, id, to_string(status)).single_row());
}

InvoiceRecord set_invoice_payment_state(Connection& db, std::int64_t org_id, std::int64_t id,
                                        domain::Cents paid, domain::InvoiceStatus status) {
  return invoice_from(db.exec(kSetPaymentState, org_id, id, paid, to_string(status)).single_row());
}

std::string next_invoice_number(Connection& db, std::int64_t org_id, std::int64_t project_id) {
  return db.exec(kNextNumber, org_id, project_id).single_row()["number"].string();
}

PaymentRecord insert_payment(Connection& db, std::int64_t org_id, std::int64_t invoice_id,
                             const PaymentFields& f) {
  return payment_from(db.exec(kInsertPayment, org_id, invoice_id, f.amount_cents, f.received_on,
                              f.method, f.reference)
                          .single_row());
}

std::vector<PaymentRecord> list_payments(Connection& db, std::int64_t org_id,
                                         std::int64_t invoice_id) {
  std::vector<PaymentRecord> payments;
  for (Row row : db.exec(kListPayments, org_id, invoice_id)) payments.push_back(payment_from(row));
  return payments;
}

Query<std::vector<OverdueInvoice>> overdue_invoices_query(std::int64_t org_id, int limit) {
  return make_query<std::vector<OverdueInvoice>>(
      kOverdue,
      [](const Result& result) {
        std::vector<OverdueInvoice> invoices;
        for (Row row : result)
          invoices.push_back({row["id"].int64(), row["number"].string(), row["due_date"].date(),
                              row["balance_cents"].cents(), project_name_from(row)});
        return invoices;
      },
      org_id, limit);
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements invoice_store_statements() {
  return {"invoice_store",
          {SQL_NAMED(kOverdue), SQL_NAMED(kInsert), SQL_NAMED(kFind), SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kFindOfApplication), SQL_NAMED(kList), SQL_NAMED(kUpdate),
           SQL_NAMED(kSetStatus), SQL_NAMED(kSetPaymentState), SQL_NAMED(kNextNumber),
           SQL_NAMED(kInsertPayment), SQL_NAMED(kListPayments), SQL_NAMED(kFindWithPayments)}};
}

}  // namespace construction::sql
