// The documents that share a shape: a header, amount lines (cost code, cost
// type, description, amount), a status that moves by a table of edges, and
// stored totals recomputed from the lines. Commitments and vendor bills are
// two of them. AmountDocuments<Shape> is every operation they do alike, each
// in one transaction with the document's row locked:
//
//   create      the header (then its lines, if given), 404 before 422;
//   load        the header and its lines;
//   change      a draft's header at the expected version;
//   remove      a draft, at the expected version;
//   add_line, change_line, remove_line
//               on a draft's lines; a line change makes a new version of
//               the document and recomputes its totals;
//   transition  one action of the document's state machine.
//
// Only a draft changes (Refusal invalid_state, the domain's refuse_edit).
// What differs stays with the document, in its Shape (see
// operations/commitment_document.hpp, operations/vendor_bill_document.hpp):
//   Record, Document {Record; lines}, New {fields; …; lines}, Action: its
//   types;
//   kLines, statements(): its tables (sql/amount_line_store.hpp,
//     sql/document_store.hpp);
//   insert(db, org, project_id, New&): checks a new header, fills its
//     defaults and stores it;
//   update(db, org, stored, fields): checks a changed header and stores it;
//   save_amounts(db, org, record, new_version): its totals from its stored
//     lines (a bill's against its commitment);
//   check_transition(db, org, record, action, lines): what an action asks
//     beyond the table of edges; throws a Refusal.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "domain/money.hpp"
#include "operations/refusal.hpp"
#include "sql/amount_line_store.hpp"
#include "sql/document_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

// `edit` gets the stored line (or an empty one) and gives the checked
// fields, or throws a Refusal.
using AmountLineEdit = std::function<sql::AmountLineFields(const sql::AmountLineFields&)>;

// The Σ of stored lines' amounts, refused (field "lines") beyond kMaxCents:
// what every document of this shape stores as its amount.
domain::Cents stored_lines_amount(const std::vector<sql::AmountLineRecord>& lines);

namespace detail {

// The domain's table of edges for the status's type (domain::transition,
// found by argument-dependent lookup: AmountDocuments has a member of the
// same name).
template <class Status, class Action>
auto next_status(Status status, Action action) {
  return transition(status, action);
}

}  // namespace detail

// A line as changed, and its document's header after (its new totals).
template <class Record>
struct AmountLineChange {
  sql::AmountLineRecord line;
  Record document;
};

template <class Shape>
class AmountDocuments {
 public:
  using Record = typename Shape::Record;
  using Fields = decltype(Record::fields);
  using Document = typename Shape::Document;
  using LineChange = AmountLineChange<Record>;
  using New = typename Shape::New;
  using Action = typename Shape::Action;

  // `read` runs once the project is found (404 before 422).
  static Document create(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                         const std::function<New()>& read) {
    sql::Transaction tx(db);
    auto project = sql::find_project(db, org_id, project_id);
    if (!project) throw not_found();
    New input = read();
    Record header = Shape::insert(db, org_id, project->id, input);
    std::vector<sql::AmountLineRecord> lines;
    for (const auto& line : input.lines)
      lines.push_back(sql::insert_amount_line(db, Shape::kLines, org_id, header.id, line));
    header = Shape::save_amounts(db, org_id, header, false);
    tx.commit();
    return Document{std::move(header), std::move(lines)};
  }

  static Document load(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
    auto header = sql::find_document(db, Shape::statements(), org_id, id, false);
    if (!header) throw not_found();
    auto lines = sql::list_amount_lines(db, Shape::kLines, org_id, header->id);
    return Document{std::move(*header), std::move(lines)};
  }

  static Document change(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                         std::optional<int> expected_version,
                         const std::function<Fields(const Fields&)>& edit) {
    sql::Transaction tx(db);
    Record stored = lock_draft(db, org_id, id, expected_version);
    Record saved = Shape::update(db, org_id, stored, edit(stored.fields));
    auto lines = sql::list_amount_lines(db, Shape::kLines, org_id, saved.id);
    tx.commit();
    return Document{std::move(saved), std::move(lines)};
  }

  static void remove(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                     std::optional<int> expected_version) {
    sql::Transaction tx(db);
    Record stored = lock_draft(db, org_id, id, expected_version);
    sql::delete_document(db, Shape::statements(), org_id, stored.id);
    tx.commit();
  }

  static LineChange add_line(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                             const AmountLineEdit& edit) {
    sql::Transaction tx(db);
    Record stored = lock_draft(db, org_id, id);
    sql::AmountLineRecord line = sql::insert_amount_line(db, Shape::kLines, org_id, stored.id,
                                                         edit(sql::AmountLineFields{}));
    Record saved = Shape::save_amounts(db, org_id, stored, true);
    tx.commit();
    return LineChange{std::move(line), std::move(saved)};
  }

  static LineChange change_line(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                std::int64_t line_id, std::optional<int> expected_version,
                                const AmountLineEdit& edit) {
    sql::Transaction tx(db);
    // 404 for a line not found, then its version, then 409 for a document
    // no longer a draft.
    Record stored = lock(db, org_id, id);
    sql::AmountLineRecord line = find_line(db, org_id, stored.id, line_id);
    check_version(expected_version, line.version);
    refuse_unless_draft(stored);
    sql::AmountLineRecord saved =
        sql::update_amount_line(db, Shape::kLines, org_id, line.id, edit(line.fields));
    Record after = Shape::save_amounts(db, org_id, stored, true);
    tx.commit();
    return LineChange{std::move(saved), std::move(after)};
  }

  static Record remove_line(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                            std::int64_t line_id) {
    sql::Transaction tx(db);
    Record stored = lock(db, org_id, id);
    sql::AmountLineRecord line = find_line(db, org_id, stored.id, line_id);
    refuse_unless_draft(stored);
    sql::delete_amount_line(db, Shape::kLines, org_id, line.id);
    Record after = Shape::save_amounts(db, org_id, stored, true);
    tx.commit();
    return after;
  }

  // The row is locked (FOR UPDATE), so of two actions at the same moment
  // the second waits, then finds the new status and is judged on it.
  static Document transition(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                             Action action) {
    sql::Transaction tx(db);
    Record stored = lock(db, org_id, id);
    auto next = detail::next_status(stored.status, action);
    if (!next) throw invalid_state(next.error().message);
    auto lines = sql::list_amount_lines(db, Shape::kLines, org_id, id);
    Shape::check_transition(db, org_id, stored, action, lines);
    Record saved = sql::set_document_status(db, Shape::statements(), org_id, id, next.value());
    tx.commit();
    return Document{std::move(saved), std::move(lines)};
  }

 private:
  static void refuse_unless_draft(const Record& stored) {
    if (auto refusal = refuse_edit(stored.status)) throw invalid_state(refusal->message);
  }

  static Record lock(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
    auto stored = sql::find_document(db, Shape::statements(), org_id, id, true);
    if (!stored) throw not_found();
    return *stored;
  }

  // The document, locked, at the expected version, when it may be edited.
  static Record lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                           std::optional<int> expected_version = std::nullopt) {
    Record stored = lock(db, org_id, id);
    check_version(expected_version, stored.version);
    refuse_unless_draft(stored);
    return stored;
  }

  static sql::AmountLineRecord find_line(sql::Connection& db, std::int64_t org_id,
                                         std::int64_t document_id, std::int64_t line_id) {
    auto line = sql::find_amount_line(db, Shape::kLines, org_id, document_id, line_id);
    if (!line) throw not_found();
    return *line;
  }
};

}  // namespace construction::operations
