// A worker's connections to PostgreSQL. A worker serves one request at a
// time, so there are no locks: the pool only counts. It keeps up to
// pool_size sessions open (opened when first needed), opens up to
// max_overflow more for a burst and closes those on release.
//
// A request must never fail because a session died while it sat idle
// (server restart, pg_terminate_backend, a firewall dropping it): a session
// idle for idle_check_ms or more is pinged before reuse and replaced if dead,
// and a reused session is allowed one transparent reconnect if its first
// statement finds it dead (see Connection::allow_one_reconnect).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "sql/connection.hpp"
#include "sql/database_settings.hpp"

namespace construction::sql {

class Pool;

// A connection on loan; gives it back to the pool when destroyed (a broken
// one, or one left inside a transaction block, is closed instead).
class Lease {
 public:
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&& other) noexcept;
  ~Lease();

  Connection& operator*() noexcept { return *connection_; }
  Connection* operator->() noexcept { return &*connection_; }

 private:
  friend class Pool;
  Lease(Pool& pool, Connection connection);
  void give_back() noexcept;

  Pool* pool_;
  std::optional<Connection> connection_;
};

class Pool {
 public:
  explicit Pool(DatabaseSettings settings);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A working connection: DatabaseUnavailable if a new one cannot be opened
  // (within connect_timeout_s), PoolExhausted if all are on loan.
  Lease acquire();

  // One statement on a connection borrowed for just that statement.
  template <class... Args>
  Result exec(std::string_view sql, const Args&... args) {
    Lease lease = acquire();
    return lease->exec(sql, args...);
  }

  // Sessions open now, on loan or idle (the server's /metrics shows it).
  int open_connections() const noexcept { return open_; }
  int idle_connections() const noexcept { return static_cast<int>(idle_.size()); }
  // Called with the new count whenever open_connections() changes (for the
  // worker's scoreboard slot). Must not throw: it runs while a Lease is destroyed.
  void on_open_connections_changed(std::function<void(int)> observer);
  // Closes the idle sessions (a worker about to exit, or tests).
  void close_idle();

 private:
  friend class Lease;
  struct IdleConnection {
    Connection connection;
    std::chrono::steady_clock::time_point since;
  };

  std::optional<Connection> take_idle_connection();
  bool still_works(IdleConnection& idle) const;
  Connection open_connection();
  void release(Connection connection) noexcept;
  bool worth_keeping(const Connection& connection) const;
  void count_open(int change);

  DatabaseSettings settings_;
  std::vector<IdleConnection> idle_;  // most recently used last
  int open_ = 0;
  std::function<void(int)> observer_;
};

}  // namespace construction::sql
