#include "sql/connection.hpp"

#include <utility>

#include "sql/error.hpp"

namespace construction::sql {

namespace {

// libpq prints NOTICEs on stderr by default; a server's stderr is its log.
void ignore_notice(void*, const char*) {}

std::string last_error(const PGconn* connection) {
  std::string message = PQerrorMessage(connection);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

ConnectionHandle connect(const DatabaseSettings& settings) {
  const std::string timeout = std::to_string(settings.connect_timeout_s);
  // Later keywords override what the URL says; empty values are ignored.
  const char* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
  const char* values[] = {settings.url.c_str(), settings.application_name.c_str(), timeout.c_str(),
                          nullptr};
  ConnectionHandle handle(PQconnectdbParams(keys, values, 1), &PQfinish);
  if (!handle) throw DatabaseUnavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(handle.get()) != CONNECTION_OK) {
    throw DatabaseUnavailable("cannot connect to PostgreSQL at " + redact_password(settings.url) +
                              ": " + last_error(handle.get()));
  }
  PQsetNoticeProcessor(handle.get(), ignore_notice, nullptr);
  return handle;
}

}  // namespace

Connection Connection::open(const DatabaseSettings& settings) {
  Connection connection(connect(settings), settings);
  connection.apply_session_settings();
  return connection;
}

Connection::Connection(ConnectionHandle handle, const DatabaseSettings& settings)
    : handle_(std::move(handle)), settings_(settings) {}

void Connection::apply_session_settings() {
  if (settings_.statement_timeout_ms <= 0) return;
  run_unprepared("SELECT set_config('statement_timeout', $1, false)",
                 Params::of(std::to_string(settings_.statement_timeout_ms)));
}

Result Connection::exec_params(std::string_view sql, const Params& params) {
  return retrying_once([&] { return run_params(sql, params); });
}

Result Connection::exec_script(std::string_view sql) {
  return retrying_once([&] { return run_script(sql); });
}

Result Connection::retrying_once(const std::function<Result()>& statement) {
  try {
    Result result = statement();
    reconnect_allowed_ = false;
    return result;
  } catch (const ConnectionLost&) {
    if (!std::exchange(reconnect_allowed_, false)) throw;
  } catch (const DatabaseError&) {
    reconnect_allowed_ = false;  // the server answered: the session is alive
    throw;
  }
  reconnect();
  return statement();
}

void Connection::reconnect() {
  *this = open(settings_);
}

Result Connection::run_params(std::string_view sql, const Params& params) {
  return settings_.prepared_statements ? run_prepared(sql, params) : run_unprepared(sql, params);
}

Result Connection::run_unprepared(std::string_view sql, const Params& params) {
  const std::vector<const char*> values = params.pointers();
  return checked(PQexecParams(native(), std::string(sql).c_str(), params.size(), nullptr,
                              values.data(), nullptr, nullptr, 0));
}

Result Connection::run_prepared(std::string_view sql, const Params& params) {
  const std::string& name = prepared_name(sql);
  const std::vector<const char*> values = params.pointers();
  return checked(
      PQexecPrepared(native(), name.c_str(), params.size(), values.data(), nullptr, nullptr, 0));
}

const std::string& Connection::prepared_name(std::string_view sql) {
  std::string text(sql);
  if (auto found = prepared_.find(text); found != prepared_.end()) return found->second;
  std::string name = "construction_" + std::to_string(prepared_.size() + 1);
  checked(PQprepare(native(), name.c_str(), text.c_str(), 0, nullptr));
  return prepared_.emplace(std::move(text), std::move(name)).first->second;
}

Result Connection::run_script(std::string_view sql) {
  return checked(PQexec(native(), std::string(sql).c_str()));
}

Result Connection::checked(PGresult* raw) const {
  ResultHandle result(raw, &PQclear);
  switch (PQresultStatus(result.get())) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      if (result) return Result(std::move(result));
      [[fallthrough]];
    default:
      throw_statement_error(result.get(), native());
  }
}

bool Connection::ping() {
  ResultHandle result(PQexec(native(), ""), &PQclear);
  return PQresultStatus(result.get()) == PGRES_EMPTY_QUERY;
}

bool Connection::is_broken() const {
  return PQstatus(native()) != CONNECTION_OK;
}

bool Connection::is_idle_in_session() const {
  return PQtransactionStatus(native()) == PQTRANS_IDLE;
}

int Connection::backend_pid() const {
  return PQbackendPID(native());
}

}  // namespace construction::sql
