// The reads and writes commitments and vendor bills share
// (sql/document_store.hpp), over both stores: typed records out (the
// status as the domain's enum, dates, instants, cents), the status set with
// approved_at stamped once, a project's documents in pages, nothing of
// another organisation, and delete.
#include <catch2/catch.hpp>

#include "sql/commitment_store.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/user_store.hpp"
#include "sql/vendor_bill_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;

namespace {

struct Job {
  sql::Connection& db;
  std::int64_t org = 0;
  std::int64_t project = 0;
  std::int64_t party = 0;

  Job(sql::Connection& connection, const std::string& name) : db(connection) {
    org = sql::find_or_create_organisation(db, name).id;
    party =
        sql::insert_party(db, org, {domain::PartyKind::subcontractor, "Acme Drywall", "", "", ""})
            .id;
    sql::ProjectFields fields;
    fields.number = "J-1";
    fields.name = "Fit-out";
    project = sql::insert_project(db, org, fields).id;
  }

  sql::CommitmentRecord commitment(const std::string& number) {
    return sql::insert_commitment(
        db, org, project, {number, domain::CommitmentKind::subcontract, party, "Drywall", 1000});
  }
};

}  // namespace

TEST_CASE("a commitment's status moves as the domain's enum, approved_at stamped once", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Job job(db, "Store org");
  sql::CommitmentRecord made = job.commitment("SC-001");
  CHECK(made.status == domain::CommitmentStatus::draft);
  CHECK(made.amount_cents == domain::Cents{0});
  CHECK(made.billed_cents == domain::Cents{0});
  CHECK_FALSE(made.approved_at);
  CHECK(made.created_at == made.updated_at);

  auto found = sql::find_document(db, sql::kCommitments, job.org, made.id, true);
  REQUIRE(found);
  CHECK(found->fields.number == "SC-001");
  CHECK(found->created_at == made.created_at);

  auto approved = sql::set_document_status(db, sql::kCommitments, job.org, made.id,
                                           domain::CommitmentStatus::approved);
  CHECK(approved.status == domain::CommitmentStatus::approved);
  CHECK(approved.version == made.version + 1);
  REQUIRE(approved.approved_at);
  CHECK(*approved.approved_at >= made.created_at);

  auto closed = sql::set_document_status(db, sql::kCommitments, job.org, made.id,
                                         domain::CommitmentStatus::closed);
  CHECK(closed.status == domain::CommitmentStatus::closed);
  CHECK(closed.approved_at == approved.approved_at);
}

TEST_CASE("a project's documents come in pages, and another organisation finds none", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Job job(db, "Paging org");
  Job other(db, "Other org");
  std::int64_t first = job.commitment("SC-001").id;
  std::int64_t second = job.commitment("SC-002").id;
  std::int64_t third = job.commitment("SC-003").id;
  other.commitment("SC-001");

  auto page = sql::fetch(db, sql::documents_query(sql::kCommitments, job.org, job.project,
                                                  sql::Page{std::nullopt, 2}));
  REQUIRE(page.rows.size() == 2);
  CHECK(page.rows[0].id == first);
  CHECK(page.rows[1].id == second);
  CHECK(page.more);
  auto rest = sql::fetch(
      db, sql::documents_query(sql::kCommitments, job.org, job.project, sql::Page{second, 2}));
  REQUIRE(rest.rows.size() == 1);
  CHECK(rest.rows[0].id == third);
  CHECK_FALSE(rest.more);

  CHECK_FALSE(sql::find_document(db, sql::kCommitments, other.org, first, false));
  sql::delete_document(db, sql::kCommitments, other.org, first);
  CHECK(sql::find_document(db, sql::kCommitments, job.org, first, false));
}

TEST_CASE("a vendor bill keeps its days as dates, and a draft is deleted", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  Job job(db, "Bill org");
  domain::Date billed = *domain::parse_date("2024-02-29");
  domain::Date due = *domain::parse_date("2024-03-30");
  sql::VendorBillRecord bill = sql::insert_vendor_bill(
      db, job.org, job.project, {"INV-7", job.party, std::nullopt, billed, due});
  CHECK(bill.fields.bill_date == billed);
  CHECK(bill.fields.due_date == due);
  CHECK(bill.status == domain::VendorBillStatus::draft);
  CHECK(bill.amounts.payable_cents == domain::Cents{0});

  auto amounts = sql::set_vendor_bill_amounts(
      db, job.org, bill.id, {domain::Cents{-12500}, domain::Cents{0}, domain::Cents{-12500}}, true);
  CHECK(amounts.amounts.amount_cents == domain::Cents{-12500});
  CHECK(amounts.amounts.payable_cents == domain::Cents{-12500});
  CHECK(amounts.version == bill.version + 1);

  auto voided = sql::set_document_status(db, sql::kVendorBills, job.org, bill.id,
                                         domain::VendorBillStatus::void_);
  CHECK(voided.status == domain::VendorBillStatus::void_);
  CHECK_FALSE(voided.approved_at);

  sql::delete_document(db, sql::kVendorBills, job.org, bill.id);
  CHECK_FALSE(sql::find_document(db, sql::kVendorBills, job.org, bill.id, false));
}
