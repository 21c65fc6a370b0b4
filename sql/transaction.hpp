// A transaction block that cannot be left open by accident: BEGIN on
// construction, ROLLBACK on destruction unless commit() ran, so an exception
// anywhere in a unit of work undoes all of it. Opened inside another
// transaction it is a savepoint (its commit releases it, its rollback undoes
// only its own work), so a use case can run within a larger one, as
// seed-demo runs the product's operations in its single transaction; the
// isolation level is then the outer transaction's.
#pragma once

#include <string_view>

#include "sql/connection.hpp"

namespace construction::sql {

enum class Isolation { read_committed, repeatable_read, serializable };

class Transaction {
 public:
  explicit Transaction(Connection& connection, Isolation isolation = Isolation::read_committed);
  ~Transaction();

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  template <class... Args>
  Result exec(std::string_view sql, const Args&... args) {
    return connection_.exec(sql, args...);
  }

  // COMMIT. A SerializationFailure here means nothing was saved: retry the
  // whole unit of work.
  void commit();
  void rollback();

 private:
  Connection& connection_;
  bool open_ = true;
  bool nested_ = false;
};

}  // namespace construction::sql
