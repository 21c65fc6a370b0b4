// One PostgreSQL session, owned. Every statement goes with its parameters
// apart from the SQL text; with prepared_statements on, each distinct SQL text
// is prepared once per connection (lazily, under a cached name) and then only
// executed; off, every statement is a one-shot PQexecParams, which is what
// PgBouncer in transaction mode can carry.
//
// Opening sets application_name and connect_timeout (startup parameters) and
// statement_timeout (a SET, which PgBouncer passes on, unlike the `options`
// startup parameter it refuses; in transaction mode the SET only reaches the
// server session it ran on, so behind PgBouncer also set it on the role:
// ALTER ROLE ... SET statement_timeout). Open connections only after fork():
// a session must never be shared by two processes.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/database_settings.hpp"
#include "sql/params.hpp"
#include "sql/result.hpp"

namespace construction::sql {

using ConnectionHandle = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// A statement to send in a pipeline: its text and its parameters (both must
// outlive the call).
struct Statement {
  std::string_view sql;
  const Params& params;
};

class Connection {
 public:
  // Connects to settings.url; DatabaseUnavailable if the server cannot be
  // reached within connect_timeout_s or refuses us.
  static Connection open(const DatabaseSettings& settings);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // `exec("SELECT ... WHERE id = $1 AND name = $2", id, name)`: arguments are
  // strings, integers, bools, std::optional of those, or std::nullopt (NULL).
  template <class... Args>
  Result exec(std::string_view sql, const Args&... args) {
    return exec_params(sql, Params::of(args...));
  }
  Result exec_params(std::string_view sql, const Params& params);

  // Several statements sent together and answered together: one round trip
  // to the server (libpq's pipeline mode) instead of one per statement, for
  // a page or a request that needs several reads. The results come in the
  // statements' order; if one fails, the first error is thrown (after every
  // answer is read, so the session stays usable) and the rest are not run.
  // Outside a transaction block the statements run in one implicit
  // transaction; sql/query.hpp gives the stores' reads this way.
  std::vector<Result> exec_pipeline(std::span<const Statement> statements);

  // Text of several statements without parameters, in one round trip (the
  // simple query protocol): migrations, BEGIN/COMMIT. Returns the last result.
  Result exec_script(std::string_view sql);

  // A round trip that proves the session is alive (an empty query).
  bool ping();
  // libpq already knows the session is dead (no round trip).
  bool is_broken() const;
  // Not inside a transaction block.
  bool is_idle_in_session() const;
  int backend_pid() const;
  const DatabaseSettings& settings() const noexcept { return settings_; }

  // Armed by the pool when it hands out a connection that sat idle: should
  // the next statement find the session dead (killed while we were not
  // looking), reconnect and run that statement again, once. Any statement
  // that reaches the server disarms it, so a unit of work that has done
  // something is never silently restarted on a new session.
  void allow_one_reconnect() noexcept { reconnect_allowed_ = true; }

  PGconn* native() const noexcept { return handle_.get(); }

 private:
  Connection(ConnectionHandle handle, const DatabaseSettings& settings);

  template <class Work>
  auto retrying_once(const Work& statement) -> decltype(statement());
  Result run_params(std::string_view sql, const Params& params);
  Result run_unprepared(std::string_view sql, const Params& params);
  Result run_prepared(std::string_view sql, const Params& params);
  Result run_script(std::string_view sql);
  std::vector<Result> run_pipeline(std::span<const Statement> statements);
  using PendingPrepares = std::vector<std::pair<std::string, std::string>>;  // text, name
  void send_in_pipeline(const Statement& statement, PendingPrepares& preparing);
  const std::string& prepared_name(std::string_view sql);
  std::string next_statement_name(std::size_t pending) const;
  Result checked(PGresult* result) const;
  void apply_session_settings();
  void reconnect();

  ConnectionHandle handle_;
  DatabaseSettings settings_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  bool reconnect_allowed_ = false;
};

}  // namespace construction::sql
