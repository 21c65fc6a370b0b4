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

template <class Work>
auto Connection::retrying_once(const Work& statement) -> decltype(statement()) {
  try {
    auto result = statement();
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

Result Connection::exec_params(std::string_view sql, const Params& params) {
  return retrying_once([&] { return run_params(sql, params); });
}

std::vector<Result> Connection::exec_pipeline(std::span<const Statement> statements) {
  return retrying_once([&] { return run_pipeline(statements); });
}

Result Connection::exec_script(std::string_view sql) {
  return retrying_once([&] { return run_script(sql); });
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

// The name of the next statement this session prepares, `pending` more
// being on their way in a pipeline.
std::string Connection::next_statement_name(std::size_t pending) const {
  return "construction_" + std::to_string(prepared_.size() + pending + 1);
}

const std::string& Connection::prepared_name(std::string_view sql) {
  std::string text(sql);
  if (auto found = prepared_.find(text); found != prepared_.end()) return found->second;
  std::string name = next_statement_name(0);
  checked(PQprepare(native(), name.c_str(), text.c_str(), 0, nullptr));
  return prepared_.emplace(std::move(text), std::move(name)).first->second;
}

// Queues one statement: with prepared statements, its PREPARE first when
// this session has not prepared its text yet. `preparing` holds the texts
// and names of the PREPAREs queued so far; a name is kept in prepared_ only
// once the server has accepted it.
void Connection::send_in_pipeline(const Statement& statement, PendingPrepares& preparing) {
  const std::vector<const char*> values = statement.params.pointers();
  int sent = 0;
  if (!settings_.prepared_statements) {
    sent = PQsendQueryParams(native(), std::string(statement.sql).c_str(), statement.params.size(),
                             nullptr, values.data(), nullptr, nullptr, 0);
  } else {
    std::string text(statement.sql);
    const std::string* name = nullptr;
    if (auto found = prepared_.find(text); found != prepared_.end()) name = &found->second;
    for (const auto& queued : preparing)
      if (queued.first == text) name = &queued.second;
    if (!name) {
      std::string fresh = next_statement_name(preparing.size());
      if (PQsendPrepare(native(), fresh.c_str(), text.c_str(), 0, nullptr) != 1)
        throw ConnectionLost("", last_error(native()));
      preparing.emplace_back(std::move(text), std::move(fresh));
      name = &preparing.back().second;
    }
    sent = PQsendQueryPrepared(native(), name->c_str(), statement.params.size(), values.data(),
                               nullptr, nullptr, 0);
  }
  if (sent != 1) throw ConnectionLost("", last_error(native()));
}

std::vector<Result> Connection::run_pipeline(std::span<const Statement> statements) {
  if (PQenterPipelineMode(native()) != 1) throw ConnectionLost("", last_error(native()));
  struct Leave {
    PGconn* connection;
    ~Leave() { PQexitPipelineMode(connection); }
  } leave{native()};

  // What the server will answer, in order: a PREPARE (its index in
  // `preparing`) or a statement (nothing).
  PendingPrepares preparing;
  preparing.reserve(statements.size());  // names are pointed to while queuing
  std::vector<std::optional<std::size_t>> answers;
  for (const Statement& statement : statements) {
    std::size_t before = preparing.size();
    send_in_pipeline(statement, preparing);
    if (preparing.size() > before) answers.emplace_back(before);
    answers.emplace_back(std::nullopt);
  }
  if (PQpipelineSync(native()) != 1) throw ConnectionLost("", last_error(native()));

  std::vector<Result> results;
  results.reserve(statements.size());
  ResultHandle failure(nullptr, &PQclear);
  for (const std::optional<std::size_t>& prepare : answers) {
    ResultHandle answer(PQgetResult(native()), &PQclear);
    if (!answer) throw_statement_error(nullptr, native());         // the session is gone
    while (PGresult* more = PQgetResult(native())) PQclear(more);  // up to its NULL
    ExecStatusType status = PQresultStatus(answer.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      if (!failure && status != PGRES_PIPELINE_ABORTED) failure = std::move(answer);
    } else if (prepare) {
      prepared_.insert(std::move(preparing[*prepare]));
    } else {
      results.emplace_back(std::move(answer));
    }
  }
  ResultHandle sync(PQgetResult(native()), &PQclear);
  if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) throw_statement_error(nullptr, native());
  if (failure) throw_statement_error(failure.get(), native());
  return results;
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
