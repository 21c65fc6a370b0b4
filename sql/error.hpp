// Typed SQL errors. libpq reports failures as a SQLSTATE string; the layers
// above must not parse strings, so each outcome they act on has its own type
// (the HTTP boundary maps UniqueViolation to 409, DatabaseUnavailable to 503).
#pragma once

#include <libpq-fe.h>

#include <stdexcept>
#include <string>

namespace construction::sql {

// Root of everything this layer throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The server could not be reached or refused the connection.
class DatabaseUnavailable : public Error {
 public:
  using Error::Error;
};

// Every connection of the pool is leased: a handler holds more than
// pool_size + max_overflow leases at once, which is a bug.
class PoolExhausted : public Error {
 public:
  using Error::Error;
};

// A Result was read as something it is not: unknown column, NULL into a
// non-optional, text that is not a number.
class ResultAccessError : public Error {
 public:
  using Error::Error;
};

// The server answered with an error.
class DatabaseError : public Error {
 public:
  DatabaseError(std::string sqlstate, const std::string& message, std::string constraint = {});

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  // The constraint that was violated, when the server names one.
  const std::string& constraint() const noexcept { return constraint_; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

class UniqueViolation : public DatabaseError {  // 23505
 public:
  using DatabaseError::DatabaseError;
};

class ForeignKeyViolation : public DatabaseError {  // 23503
 public:
  using DatabaseError::DatabaseError;
};

class CheckViolation : public DatabaseError {  // 23514
 public:
  using DatabaseError::DatabaseError;
};

class NotNullViolation : public DatabaseError {  // 23502
 public:
  using DatabaseError::DatabaseError;
};

class SerializationFailure : public DatabaseError {  // 40001, 40P01: retry the transaction
 public:
  using DatabaseError::DatabaseError;
};

class QueryCanceled : public DatabaseError {  // 57014: statement_timeout
 public:
  using DatabaseError::DatabaseError;
};

// The connection died under a statement (class 08, 57P01..57P03, or libpq
// lost the socket). The sqlstate is empty when libpq found out by itself.
class ConnectionLost : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

// Throws the typed error for a failed statement. `result` may be null (libpq
// returns none when the connection is gone).
[[noreturn]] void throw_statement_error(const PGresult* result, const PGconn* connection);

// Throws the typed error for a SQLSTATE (exposed for tests and for callers
// that get a SQLSTATE from elsewhere).
[[noreturn]] void throw_database_error(const std::string& sqlstate, const std::string& message,
                                       std::string constraint = {});

}  // namespace construction::sql
