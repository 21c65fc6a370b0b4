// The invoice store hands up what it stored, typed: the kind and status as
// the domain's enums, the due date and a payment's day as dates that come
// back as the same day, the status written under its name.
#include <catch2/catch.hpp>

#include "sql/invoice_store.hpp"
#include "sql/time_columns.hpp"
#include "test/sql/org_with_project.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace std::chrono_literals;
using construction::testing::ScratchDatabase;
using domain::InvoiceKind;
using domain::InvoiceStatus;

TEST_CASE("an invoice and its payment come back with the kind, status and days stored", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto [org, job] = sql::test::org_with_project(db, "Invoice org");

  sql::InvoiceFields fields;
  fields.number = "INV-001";
  fields.kind = InvoiceKind::deposit;
  fields.due_date = domain::Date{2024y / 2 / 29};
  fields.total_cents = domain::Cents{150000};
  sql::InvoiceRecord invoice = sql::insert_invoice(db, org, job, fields);
  CHECK(invoice.fields.kind == InvoiceKind::deposit);
  CHECK(invoice.fields.due_date == domain::Date{2024y / 2 / 29});
  CHECK(invoice.status == InvoiceStatus::draft);
  CHECK(invoice.created_at == invoice.updated_at);
  sql::Row stored =
      db.exec("SELECT kind, due_date::text AS due FROM invoices WHERE id = $1", invoice.id)
          .single_row();
  CHECK(stored["kind"].string() == "deposit");
  CHECK(stored["due"].string() == "2024-02-29");

  invoice = sql::set_invoice_status(db, org, invoice.id, InvoiceStatus::sent);
  CHECK(invoice.status == InvoiceStatus::sent);
  CHECK(db.exec("SELECT status FROM invoices WHERE id = $1", invoice.id)
            .single_row()["status"]
            .string() == "sent");

  sql::PaymentRecord payment = sql::insert_payment(
      db, org, invoice.id,
      {domain::Cents{50000}, domain::Date{2026y / 12 / 31}, domain::PaymentMethod::ach, ""});
  CHECK(payment.fields.received_on == domain::Date{2026y / 12 / 31});
  invoice = sql::set_invoice_payment_state(db, org, invoice.id, domain::Cents{50000},
                                           InvoiceStatus::partially_paid);
  auto found = sql::find_invoice_with_payments(db, org, invoice.id);
  REQUIRE(found);
  CHECK(found->invoice.status == InvoiceStatus::partially_paid);
  CHECK(found->invoice.paid_cents == domain::Cents{50000});
  CHECK(found->invoice.issued_on ==
        db.exec("SELECT " SQL_UNIX_DAYS("current_date") " AS today").single_row()["today"].date());
  REQUIRE(found->payments.size() == 1);
  CHECK(found->payments[0].fields.received_on == domain::Date{2026y / 12 / 31});
  CHECK(found->payments[0].created_at == payment.created_at);

  fields.number = "INV-002";
  fields.due_date.reset();
  sql::InvoiceRecord undated = sql::insert_invoice(db, org, job, fields);
  CHECK_FALSE(undated.fields.due_date);
}
