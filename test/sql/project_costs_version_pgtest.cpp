// Migration 0019: projects.costs_version moves in the transaction of every
// write that can change the project's job cost sums or its margin, and of no
// other (DESIGN.md, "The dashboard's margin check, kept per project"). The
// dashboard's kept margins are true only while this holds, so each kind of
// write is a row below, written as plain SQL: the triggers answer for every
// write path, the stores' and any other.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test/support/scratch_database.hpp"

using construction::testing::ScratchDatabase;

namespace {

// A project with one document of each kind in a state the report counts
// (accepted, approved) and one in a state it does not (draft), each with a
// line; and a second project whose writes must leave the first alone.
struct Job {
  const ScratchDatabase& db;
  std::string org, project, other, party;

  std::string id(const std::string& sql) const { return db.scalar(sql + " RETURNING id"); }

  std::string estimate(const std::string& number, const std::string& status) const {
    std::string e = id(
        "INSERT INTO estimates (org_id, project_id, number, title, status, margin_bps) VALUES (" +
        org + ", " + project + ", '" + number + "', 'Fit-out', '" + status + "', 1500)");
    db.exec(
        "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
        "description, quantity, unit_cost_cents, markup_bps, cost_cents, price_cents) VALUES (" +
        org + ", " + e + ", 1, '09-250', 'material', 'Board', 1, 100000, 1000, 100000, 110000)");
    return e;
  }
  std::string change_order(const std::string& number, const std::string& status) const {
    std::string c =
        id("INSERT INTO change_orders (org_id, project_id, number, title, status, amount_cents, "
           "approved_at) VALUES (" +
           org + ", " + project + ", '" + number + "', 'Extra', '" + status + "', 55000, " +
           (status == "approved" ? "now()" : "NULL") + ")");
    db.exec(
        "INSERT INTO change_order_lines (org_id, change_order_id, position, cost_code, "
        "cost_type, description, quantity, unit_cost_cents, markup_bps, cost_cents, "
        "price_cents) VALUES (" +
        org + ", " + c + ", 1, '09-250', 'labor', 'Extra', 1, 50000, 1000, 50000, 55000)");
    return c;
  }
  std::string commitment(const std::string& number, const std::string& status) const {
    std::string c =
        id("INSERT INTO commitments (org_id, project_id, number, kind, party_id, title, status, "
           "retainage_bps, amount_cents, approved_at) VALUES (" +
           org + ", " + project + ", '" + number + "', 'subcontract', " + party + ", 'Drywall', '" +
           status + "', 1000, 80000, " + (status == "draft" ? "NULL" : "now()") + ")");
    db.exec(
        "INSERT INTO commitment_lines (org_id, commitment_id, cost_code, cost_type, "
        "description, amount_cents) VALUES (" +
        org + ", " + c + ", '09-250', 'subcontract', 'Drywall', 80000)");
    return c;
  }
  std::string bill(const std::string& number, const std::string& status) const {
    std::string b =
        id("INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date, status, "
           "amount_cents, payable_cents, approved_at) VALUES (" +
           org + ", " + project + ", '" + number + "', " + party + ", '2026-03-02', '" + status +
           "', 30000, 30000, " + (status == "draft" ? "NULL" : "now()") + ")");
    db.exec(
        "INSERT INTO vendor_bill_lines (org_id, vendor_bill_id, cost_code, cost_type, "
        "description, amount_cents) VALUES (" +
        org + ", " + b + ", '09-250', 'subcontract', 'Drywall', 30000)");
    return b;
  }
  std::string line_of(const std::string& table, const std::string& key,
                      const std::string& document) const {
    return db.scalar("SELECT min(id) FROM " + table + " WHERE " + key + " = " + document);
  }
  long version() const {
    return std::stol(db.scalar("SELECT costs_version FROM projects WHERE id = " + project));
  }
};

struct Write {
  std::string what;
  std::string sql;
  bool moves;
};

}  // namespace

TEST_CASE("every write that can change a project's job cost sums moves its costs_version", "[pg]") {
  ScratchDatabase db;
  Job j{db, "", "", "", ""};
  j.org = db.scalar("INSERT INTO organisations (name) VALUES ('Counter Builders') RETURNING id");
  j.project = j.id("INSERT INTO projects (org_id, number, name, status) VALUES (" + j.org +
                   ", 'CV-1', 'Fit-out', 'active')");
  j.other = j.id("INSERT INTO projects (org_id, number, name, status) VALUES (" + j.org +
                 ", 'CV-2', 'Next door', 'active')");
  j.party = j.id("INSERT INTO parties (org_id, kind, name) VALUES (" + j.org +
                 ", 'subcontractor', 'Acme Drywall')");
  const std::string accepted = j.estimate("E-1", "accepted");
  const std::string draft_estimate = j.estimate("E-2", "draft");
  const std::string approved_order = j.change_order("CO-1", "approved");
  const std::string draft_order = j.change_order("CO-2", "draft");
  const std::string pending_order = j.change_order("CO-3", "pending");
  const std::string approved_commitment = j.commitment("SC-1", "approved");
  const std::string draft_commitment = j.commitment("SC-2", "draft");
  const std::string approved_bill = j.bill("B-1", "approved");
  const std::string draft_bill = j.bill("B-2", "draft");
  const std::string draft_bill_2 = j.bill("B-3", "draft");
  const std::string paid_bill = j.bill("B-4", "paid");

  const auto line = [&](const std::string& table, const std::string& key,
                        const std::string& document) { return j.line_of(table, key, document); };
  const std::string copy_estimate_line =
      "INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, "
      "description, quantity, unit_cost_cents, markup_bps, cost_cents, price_cents) SELECT "
      "org_id, estimate_id, 2, cost_code, cost_type, description, quantity, unit_cost_cents, "
      "markup_bps, cost_cents, price_cents FROM estimate_lines WHERE id = ";
  const std::string copy_order_line =
      "INSERT INTO change_order_lines (org_id, change_order_id, position, cost_code, cost_type, "
      "description, quantity, unit_cost_cents, markup_bps, cost_cents, price_cents) SELECT "
      "org_id, change_order_id, 2, cost_code, cost_type, description, quantity, "
      "unit_cost_cents, markup_bps, cost_cents, price_cents FROM change_order_lines WHERE id = ";
  const std::string copy_commitment_line =
      "INSERT INTO commitment_lines (org_id, commitment_id, cost_code, cost_type, description, "
      "amount_cents) SELECT org_id, commitment_id, cost_code, cost_type, description, "
      "amount_cents FROM commitment_lines WHERE id = ";
  const std::string copy_bill_line =
      "INSERT INTO vendor_bill_lines (org_id, vendor_bill_id, cost_code, cost_type, "
      "description, amount_cents) SELECT org_id, vendor_bill_id, cost_code, cost_type, "
      "description, amount_cents FROM vendor_bill_lines WHERE id = ";
  const std::string transfer =
      "INSERT INTO budget_transfers (org_id, project_id, from_cost_code, from_cost_type, "
      "to_cost_code, to_cost_type, amount_cents, reason) VALUES (" +
      j.org + ", " + j.project + ", '09-250', 'material', '09-250', 'labor', 100, 'Re-plan')";

  // In order: a row may act on what a row above made.
  const std::vector<Write> writes{
      // The project's own figure, and what is not one.
      {"projects: the original contract sum",
       "UPDATE projects SET original_contract_sum_cents = 125000 WHERE id = " + j.project, true},
      {"projects: the name",
       "UPDATE projects SET name = 'Fit-out, phase 1' WHERE id = " + j.project, false},
      // The accepted estimate: its margin, its lines; a draft's do not count.
      {"estimates: the accepted one's margin",
       "UPDATE estimates SET margin_bps = 1400 WHERE id = " + accepted, true},
      {"estimates: a draft's title",
       "UPDATE estimates SET title = 'Alt' WHERE id = " + draft_estimate, false},
      {"estimates: a draft inserted",
       "INSERT INTO estimates (org_id, project_id, number, title) VALUES (" + j.org + ", " +
           j.project + ", 'E-3', 'Option')",
       false},
      {"estimate_lines: insert on the accepted estimate",
       copy_estimate_line + line("estimate_lines", "estimate_id", accepted), true},
      {"estimate_lines: update on the accepted estimate",
       "UPDATE estimate_lines SET cost_cents = 90000 WHERE id = " +
           line("estimate_lines", "estimate_id", accepted),
       true},
      {"estimate_lines: delete on the accepted estimate",
       "DELETE FROM estimate_lines WHERE estimate_id = " + accepted + " AND position = 2", true},
      {"estimate_lines: insert on a draft",
       copy_estimate_line + line("estimate_lines", "estimate_id", draft_estimate), false},
      {"estimate_lines: update on a draft",
       "UPDATE estimate_lines SET cost_cents = 1 WHERE estimate_id = " + draft_estimate, false},
      {"estimates: the draft deleted with its lines",
       "DELETE FROM estimates WHERE id = " + draft_estimate, false},
      {"estimates: the accepted one declined",
       "UPDATE estimates SET status = 'declined' WHERE id = " + accepted, true},
      {"estimates: accepted again",
       "UPDATE estimates SET status = 'accepted' WHERE id = " + accepted, true},
      // Budget transfers always count.
      {"budget_transfers: insert", transfer, true},
      {"budget_transfers: update",
       "UPDATE budget_transfers SET amount_cents = 200 WHERE project_id = " + j.project, true},
      {"budget_transfers: delete", "DELETE FROM budget_transfers WHERE project_id = " + j.project,
       true},
      // Change orders: approved ones and their lines count.
      {"change_orders: the approved one's amount",
       "UPDATE change_orders SET amount_cents = 56000 WHERE id = " + approved_order, true},
      {"change_order_lines: insert on the approved one",
       copy_order_line + line("change_order_lines", "change_order_id", approved_order), true},
      {"change_order_lines: update on the approved one",
       "UPDATE change_order_lines SET cost_cents = 40000 WHERE id = " +
           line("change_order_lines", "change_order_id", approved_order),
       true},
      {"change_order_lines: delete on the approved one",
       "DELETE FROM change_order_lines WHERE change_order_id = " + approved_order +
           " AND position = 2",
       true},
      {"change_order_lines: insert on a draft",
       copy_order_line + line("change_order_lines", "change_order_id", draft_order), false},
      {"change_orders: a draft submitted",
       "UPDATE change_orders SET status = 'pending' WHERE id = " + draft_order, false},
      {"change_orders: a pending one approved",
       "UPDATE change_orders SET status = 'approved', approved_at = now() WHERE id = " +
           pending_order,
       true},
      {"change_orders: an approved one voided",
       "UPDATE change_orders SET status = 'void', approved_at = NULL WHERE id = " + pending_order,
       true},
      // Commitments: approved and closed ones and their lines count.
      {"commitment_lines: insert on the approved one",
       copy_commitment_line + line("commitment_lines", "commitment_id", approved_commitment), true},
      {"commitment_lines: update on the approved one",
       "UPDATE commitment_lines SET amount_cents = 70000 WHERE id = " +
           line("commitment_lines", "commitment_id", approved_commitment),
       true},
      {"commitment_lines: delete on the approved one",
       "DELETE FROM commitment_lines WHERE id = (SELECT max(id) FROM commitment_lines WHERE "
       "commitment_id = " +
           approved_commitment + ")",
       true},
      {"commitment_lines: insert on a draft",
       copy_commitment_line + line("commitment_lines", "commitment_id", draft_commitment), false},
      {"commitments: a draft's title",
       "UPDATE commitments SET title = 'Board' WHERE id = " + draft_commitment, false},
      {"commitments: a draft approved",
       "UPDATE commitments SET status = 'approved', approved_at = now() WHERE id = " +
           draft_commitment,
       true},
      {"commitments: an approved one closed",
       "UPDATE commitments SET status = 'closed' WHERE id = " + draft_commitment, true},
      {"commitments: a closed one deleted with its lines",
       "DELETE FROM commitments WHERE id = " + draft_commitment, true},
      // Vendor bills: approved and paid ones and their lines count.
      {"vendor_bills: a draft inserted",
       "INSERT INTO vendor_bills (org_id, project_id, number, party_id, bill_date) VALUES (" +
           j.org + ", " + j.project + ", 'B-5', " + j.party + ", '2026-03-03')",
       false},
      {"vendor_bill_lines: insert on a draft",
       copy_bill_line + line("vendor_bill_lines", "vendor_bill_id", draft_bill), false},
      {"vendor_bill_lines: update on a draft",
       "UPDATE vendor_bill_lines SET amount_cents = 1 WHERE vendor_bill_id = " + draft_bill, false},
      {"vendor_bills: a draft approved",
       "UPDATE vendor_bills SET status = 'approved', approved_at = now() WHERE id = " + draft_bill,
       true},
      {"vendor_bill_lines: insert on an approved one",
       copy_bill_line + line("vendor_bill_lines", "vendor_bill_id", approved_bill), true},
      {"vendor_bill_lines: update on an approved one",
       "UPDATE vendor_bill_lines SET amount_cents = 25000 WHERE id = " +
           line("vendor_bill_lines", "vendor_bill_id", approved_bill),
       true},
      {"vendor_bill_lines: delete on an approved one",
       "DELETE FROM vendor_bill_lines WHERE id = (SELECT max(id) FROM vendor_bill_lines WHERE "
       "vendor_bill_id = " +
           approved_bill + ")",
       true},
      {"vendor_bills: an approved one paid",
       "UPDATE vendor_bills SET status = 'paid' WHERE id = " + approved_bill, true},
      {"vendor_bills: a paid one voided",
       "UPDATE vendor_bills SET status = 'void' WHERE id = " + paid_bill, true},
      {"vendor_bills: a void one's date",
       "UPDATE vendor_bills SET bill_date = '2026-03-04' WHERE id = " + paid_bill, false},
      {"vendor_bills: a draft deleted with its lines",
       "DELETE FROM vendor_bills WHERE id = " + draft_bill_2, false},
      {"vendor_bills: an approved one deleted with its lines",
       "DELETE FROM vendor_bills WHERE id = " + draft_bill, true},
      // Another project's counted writes move that project's counter only.
      {"another project's transfer",
       "INSERT INTO budget_transfers (org_id, project_id, from_cost_code, from_cost_type, "
       "to_cost_code, to_cost_type, amount_cents, reason) VALUES (" +
           j.org + ", " + j.other + ", '09-250', 'material', '09-250', 'labor', 100, 'Other')",
       false},
  };
  for (const auto& w : writes) {
    INFO(w.what << ": " << w.sql);
    long before = j.version();
    db.exec(w.sql);
    CHECK(j.version() == (w.moves ? before + 1 : before));
  }
  // The other project's counter moved with its own write.
  CHECK(db.scalar("SELECT costs_version FROM projects WHERE id = " + j.other) == "1");
}
