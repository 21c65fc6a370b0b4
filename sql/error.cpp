#include "sql/error.hpp"

namespace construction::sql {

namespace {

std::string field_or_empty(const PGresult* result, int field) {
  const char* value = result ? PQresultErrorField(result, field) : nullptr;
  return value ? value : "";
}

std::string without_trailing_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string error_message(const PGresult* result, const PGconn* connection) {
  const char* text = result ? PQresultErrorMessage(result) : "";
  if (!*text) text = PQerrorMessage(connection);
  return without_trailing_newline(*text ? text : "unknown database error");
}

bool means_connection_lost(const std::string& sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

}  // namespace

DatabaseError::DatabaseError(std::string sqlstate, const std::string& message,
                             std::string constraint)
    : Error(message), sqlstate_(std::move(sqlstate)), constraint_(std::move(constraint)) {}

void throw_database_error(const std::string& sqlstate, const std::string& message,
                          std::string constraint) {
  if (sqlstate == "23505") throw UniqueViolation(sqlstate, message, std::move(constraint));
  if (sqlstate == "23503") throw ForeignKeyViolation(sqlstate, message, std::move(constraint));
  if (sqlstate == "23514") throw CheckViolation(sqlstate, message, std::move(constraint));
  if (sqlstate == "23502") throw NotNullViolation(sqlstate, message, std::move(constraint));
  if (sqlstate == "40001" || sqlstate == "40P01") throw SerializationFailure(sqlstate, message);
  if (sqlstate == "57014") throw QueryCanceled(sqlstate, message);
  if (means_connection_lost(sqlstate)) throw ConnectionLost(sqlstate, message);
  throw DatabaseError(sqlstate, message, std::move(constraint));
}

void throw_statement_error(const PGresult* result, const PGconn* connection) {
  std::string sqlstate = field_or_empty(result, PG_DIAG_SQLSTATE);
  std::string message = error_message(result, connection);
  if (PQstatus(connection) == CONNECTION_BAD) {  // whatever the server said last
    throw ConnectionLost(sqlstate, message);
  }
  throw_database_error(sqlstate, message, field_or_empty(result, PG_DIAG_CONSTRAINT_NAME));
}

}  // namespace construction::sql
