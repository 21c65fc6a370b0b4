#include "sql/transaction.hpp"

namespace construction::sql {

namespace {

std::string_view begin_statement(Isolation isolation) {
  switch (isolation) {
    case Isolation::repeatable_read:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case Isolation::serializable:
      return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    case Isolation::read_committed:
      break;
  }
  return "BEGIN";
}

constexpr std::string_view kSavepoint = "SAVEPOINT construction_nested";
constexpr std::string_view kRelease = "RELEASE SAVEPOINT construction_nested";
constexpr std::string_view kRollbackToSavepoint =
    "ROLLBACK TO SAVEPOINT construction_nested; RELEASE SAVEPOINT construction_nested";

}  // namespace

Transaction::Transaction(Connection& connection, Isolation isolation)
    : connection_(connection), nested_(!connection.is_idle_in_session()) {
  connection_.exec_script(nested_ ? kSavepoint : begin_statement(isolation));
}

Transaction::~Transaction() {
  if (!open_ || connection_.is_broken()) return;
  try {
    rollback();
  } catch (...) {
    // The session is unusable; the pool discards a connection left inside a
    // transaction block, which rolls it back on the server.
  }
}

void Transaction::commit() {
  open_ = false;  // a failed COMMIT ends the block too
  connection_.exec_script(nested_ ? kRelease : "COMMIT");
}

void Transaction::rollback() {
  open_ = false;
  connection_.exec_script(nested_ ? kRollbackToSavepoint : "ROLLBACK");
}

}  // namespace construction::sql
