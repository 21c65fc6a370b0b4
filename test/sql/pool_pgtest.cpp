#include <catch2/catch.hpp>

#include "sql/error.hpp"
#include "sql/pool.hpp"
#include "sql/transaction.hpp"
#include "test/sql/scratch_schema.hpp"

using namespace construction::sql;
using construction::sql::test::ScratchSchema;

namespace {

DatabaseSettings small_pool(const ScratchSchema& schema, int pool_size, int max_overflow) {
  DatabaseSettings settings = schema.settings();
  settings.pool_size = pool_size;
  settings.max_overflow = max_overflow;
  return settings;
}

int pid_of_next_lease(Pool& pool) {
  Lease lease = pool.acquire();
  return lease->backend_pid();
}

}  // namespace

TEST_CASE("a pool opens connections only when asked, and reuses them", "[pg]") {
  ScratchSchema schema;
  Pool pool(small_pool(schema, 2, 0));
  CHECK(pool.open_connections() == 0);

  int first = pid_of_next_lease(pool);
  CHECK(pool.open_connections() == 1);
  CHECK(pool.idle_connections() == 1);
  CHECK(pid_of_next_lease(pool) == first);
  CHECK(pool.open_connections() == 1);
}

TEST_CASE("a pool keeps pool_size, opens max_overflow more and closes those on release", "[pg]") {
  ScratchSchema schema;
  Pool pool(small_pool(schema, 2, 1));
  std::vector<int> counts;
  pool.on_open_connections_changed([&](int open) { counts.push_back(open); });
  {
    std::vector<Lease> leases;
    for (int i = 0; i < 3; ++i) leases.push_back(pool.acquire());
    CHECK(pool.open_connections() == 3);
    CHECK_THROWS_AS(pool.acquire(), PoolExhausted);
    CHECK(pool.open_connections() == 3);
  }
  CHECK(pool.open_connections() == 2);
  CHECK(pool.idle_connections() == 2);
  CHECK(counts == std::vector<int>{1, 2, 3, 2});

  pool.close_idle();
  CHECK(pool.open_connections() == 0);
}

TEST_CASE("a connection killed while idle is replaced by the check before reuse", "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = small_pool(schema, 1, 0);
  settings.idle_check_ms = 0;  // every reuse is checked with a round trip
  Pool pool(settings);
  int old_pid = pid_of_next_lease(pool);
  schema.terminate_backend(old_pid);

  Lease lease = pool.acquire();
  CHECK(lease->backend_pid() != old_pid);
  CHECK(lease->exec("SELECT current_schema() AS s")[0]["s"].string() == schema.name());
  CHECK(pool.open_connections() == 1);
}

TEST_CASE("a connection killed moments ago is replaced when its first statement fails", "[pg]") {
  ScratchSchema schema;
  DatabaseSettings settings = small_pool(schema, 1, 0);
  settings.idle_check_ms = 60'000;  // too recent to be checked: the retry rule must save us
  Pool pool(settings);
  int old_pid = pid_of_next_lease(pool);
  schema.terminate_backend(old_pid);

  Lease lease = pool.acquire();
  Transaction transaction(*lease);  // BEGIN is the statement that finds it dead
  CHECK(transaction.exec("SELECT 1 AS one")[0]["one"].int32() == 1);
  transaction.commit();
  CHECK(lease->backend_pid() != old_pid);
  CHECK(pool.open_connections() == 1);
}

TEST_CASE("a connection lost after the unit of work did something is not retried", "[pg]") {
  ScratchSchema schema;
  Pool pool(small_pool(schema, 1, 0));
  {
    Lease lease = pool.acquire();
    lease->exec("SELECT 1");
    schema.terminate_backend(lease->backend_pid());
    CHECK_THROWS_AS(lease->exec("SELECT 2"), ConnectionLost);
  }
  CHECK(pool.open_connections() == 0);  // the broken one was discarded
  CHECK(pool.exec("SELECT 3 AS three")[0]["three"].int32() == 3);
  CHECK(pool.open_connections() == 1);
}

TEST_CASE("a connection handed back inside a transaction block is closed", "[pg]") {
  ScratchSchema schema;
  Pool pool(small_pool(schema, 1, 0));
  {
    Lease lease = pool.acquire();
    lease->exec_script("BEGIN");
  }
  CHECK(pool.open_connections() == 0);
}

TEST_CASE("a pool whose server is down raises DatabaseUnavailable and holds nothing", "[pg]") {
  DatabaseSettings settings = construction::sql::test::unreachable_settings();
  Pool pool(settings);
  CHECK_THROWS_AS(pool.acquire(), DatabaseUnavailable);
  CHECK(pool.open_connections() == 0);
}

TEST_CASE("a lease moved keeps the one connection, returned once", "[pg]") {
  ScratchSchema schema;
  Pool pool(small_pool(schema, 2, 0));
  Lease first = pool.acquire();
  Lease second = pool.acquire();
  int second_pid = second->backend_pid();
  first = std::move(second);  // the first connection goes back to the pool
  CHECK(first->backend_pid() == second_pid);
  CHECK(pool.idle_connections() == 1);
  CHECK(pool.open_connections() == 2);
}
