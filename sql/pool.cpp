#include "sql/pool.hpp"

#include <string>
#include <utility>

#include "sql/error.hpp"

namespace construction::sql {

Lease::Lease(Pool& pool, Connection connection)
    : pool_(&pool), connection_(std::move(connection)) {}

Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::exchange(other.connection_, std::nullopt)) {}

Lease& Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = other.pool_;
    connection_ = std::exchange(other.connection_, std::nullopt);
  }
  return *this;
}

Lease::~Lease() {
  give_back();
}

void Lease::give_back() noexcept {
  if (!connection_) return;
  pool_->release(std::move(*connection_));
  connection_.reset();
}

Pool::Pool(DatabaseSettings settings) : settings_(std::move(settings)) {}

Lease Pool::acquire() {
  if (auto connection = take_idle_connection()) {
    connection->allow_one_reconnect();
    return Lease(*this, std::move(*connection));
  }
  return Lease(*this, open_connection());
}

std::optional<Connection> Pool::take_idle_connection() {
  while (!idle_.empty()) {
    IdleConnection idle = std::move(idle_.back());
    idle_.pop_back();
    if (still_works(idle)) return std::move(idle.connection);
    count_open(-1);  // dead: dropping it closes it; try the next or open anew
  }
  return std::nullopt;
}

bool Pool::still_works(IdleConnection& idle) const {
  if (idle.connection.is_broken()) return false;
  auto idle_for = std::chrono::steady_clock::now() - idle.since;
  if (idle_for < std::chrono::milliseconds(settings_.idle_check_ms)) return true;
  return idle.connection.ping();
}

Connection Pool::open_connection() {
  const int limit = settings_.pool_size + settings_.max_overflow;
  if (open_ >= limit) {
    throw PoolExhausted("all " + std::to_string(limit) +
                        " database connections of this worker are on loan (pool_size " +
                        std::to_string(settings_.pool_size) + " + max_overflow " +
                        std::to_string(settings_.max_overflow) + ")");
  }
  Connection connection = Connection::open(settings_);
  count_open(+1);
  return connection;
}

void Pool::release(Connection connection) noexcept {
  if (!worth_keeping(connection)) {
    count_open(-1);  // `connection` closes as it goes out of scope
    return;
  }
  idle_.push_back({std::move(connection), std::chrono::steady_clock::now()});
}

// Overflow sessions go; so do dead ones and one left inside a transaction
// block (closing it is the one sure rollback).
bool Pool::worth_keeping(const Connection& connection) const {
  return open_ <= settings_.pool_size && !connection.is_broken() && connection.is_idle_in_session();
}

void Pool::close_idle() {
  count_open(-static_cast<int>(idle_.size()));
  idle_.clear();
}

void Pool::on_open_connections_changed(std::function<void(int)> observer) {
  observer_ = std::move(observer);
}

void Pool::count_open(int change) {
  if (change == 0) return;
  open_ += change;
  if (observer_) observer_(open_);
}

}  // namespace construction::sql
