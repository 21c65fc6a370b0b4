// Invoices and their payments. paid_cents is the sum of the payments, saved
// with each payment (set_invoice_payment_state) in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/invoice.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/project_store.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct InvoiceFields {
  std::string number;
  domain::InvoiceKind kind = domain::InvoiceKind::other;
  std::optional<std::int64_t> pay_application_id;
  std::optional<domain::Date> due_date;
  domain::Cents total_cents;
  std::string notes;
};

struct InvoiceRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  InvoiceFields fields;
  domain::InvoiceStatus status = domain::InvoiceStatus::draft;
  domain::Date issued_on;
  domain::Cents paid_cents;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

struct PaymentFields {
  domain::Cents amount_cents;
  domain::Date received_on;
  domain::PaymentMethod method = domain::PaymentMethod::check;
  std::string reference;
};

struct PaymentRecord {
  std::int64_t id = 0;
  std::int64_t invoice_id = 0;
  PaymentFields fields;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

InvoiceRecord insert_invoice(Connection& db, std::int64_t org_id, std::int64_t project_id,
                             const InvoiceFields& fields);
std::optional<InvoiceRecord> find_invoice(Connection& db, std::int64_t org_id, std::int64_t id,
                                          bool for_update = false);
struct InvoiceWithPayments {
  InvoiceRecord invoice;
  std::vector<PaymentRecord> payments;  // in the order they were recorded
};
// The invoice and its payments in one statement (a query to fetch with
// others, or fetched alone).
Query<std::optional<InvoiceWithPayments>> invoice_with_payments_query(std::int64_t org_id,
                                                                      std::int64_t id);
std::optional<InvoiceWithPayments> find_invoice_with_payments(Connection& db, std::int64_t org_id,
                                                              std::int64_t id);
// The invoice certifying the pay application created, if any.
std::optional<InvoiceRecord> find_invoice_of_pay_application(Connection& db, std::int64_t org_id,
                                                             std::int64_t pay_application_id);
PageOf<InvoiceRecord> list_invoices(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                    const Page& page);
Query<PageOf<InvoiceRecord>> invoices_query(std::int64_t org_id, std::int64_t project_id,
                                            const Page& page);
InvoiceRecord update_invoice(Connection& db, std::int64_t org_id, std::int64_t id,
                             const InvoiceFields& fields);
// An invoice past its due date with a balance, as the dashboard lists it.
struct OverdueInvoice {
  std::int64_t id = 0;
  std::string number;
  domain::Date due_date;
  domain::Cents balance_cents;
  ProjectName project;
};
// The organisation's overdue invoices (sent or partly paid, due before
// today), the longest overdue first, at most `limit`.
Query<std::vector<OverdueInvoice>> overdue_invoices_query(std::int64_t org_id, int limit);

InvoiceRecord set_invoice_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                 domain::InvoiceStatus status);
InvoiceRecord set_invoice_payment_state(Connection& db, std::int64_t org_id, std::int64_t id,
                                        domain::Cents paid, domain::InvoiceStatus status);
// "INV-001", "INV-002", …: one more than the project's invoices so far.
std::string next_invoice_number(Connection& db, std::int64_t org_id, std::int64_t project_id);

PaymentRecord insert_payment(Connection& db, std::int64_t org_id, std::int64_t invoice_id,
                             const PaymentFields& fields);
// In the order they were recorded.
std::vector<PaymentRecord> list_payments(Connection& db, std::int64_t org_id,
                                         std::int64_t invoice_id);

}  // namespace construction::sql
