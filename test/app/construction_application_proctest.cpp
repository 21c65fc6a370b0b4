// The server and its database, for real: readiness, an outage and the
// recovery from it, connections killed from the server side, the pool's
// ceiling, the connection budget, and a schema behind the binary.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <thread>

#include "sql/connection.hpp"
#include "test/support/command.hpp"
#include "test/support/http_client.hpp"
#include "test/support/private_cluster.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

ServerOptions database_server(const std::string& url, std::vector<std::string> args = {"-w", "2"},
                              std::map<std::string, std::string> more_env = {}) {
  ServerOptions o;
  o.args = std::move(args);
  o.env = {{"DATABASE_URL", url}, {"TESTSERVER_DATABASE", "1"}, {"DB_CONNECT_TIMEOUT", "2"}};
  for (auto& [k, v] : more_env) o.env[k] = v;
  return o;
}

void migrate(const std::string& url) {
  CommandResult r = run_command({CONSTRUCTION_BINARY, "migrate"}, {{"DATABASE_URL", url}});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
}

int connections_named(const std::string& url, const std::string& prefix) {
  construction::sql::DatabaseSettings s;
  s.url = url;
  s.application_name = "construction test observer";
  auto c = construction::sql::Connection::open(s);
  return static_cast<int>(c.exec("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE $1",
                                 prefix + "%")
                              .single_row()["n"]
                              .int64());
}

}  // namespace

TEST_CASE("PostgreSQL down: /ready and database routes answer 503 in time, /health 200, back: "
          "they recover without a restart",
          "[process]") {
  PrivateCluster cluster;
  migrate(cluster.url());
  ScratchDatabase::exec_on(cluster.url(), "INSERT INTO organisations (name) VALUES ('Acme')");
  ServerProcess server(database_server(cluster.url()));
  REQUIRE(server.wait_for_workers(2, 5s));
  auto workers = server.worker_pids();
  CHECK(http_get(server.port(), "/ready").body == R"({"database":"ok"})");
  CHECK(http_get(server.port(), "/db/organisations/1").body == R"({"name":"Acme"})");

  cluster.stop();
  for (const char* path : {"/ready", "/db/organisations/1"}) {
    auto started = std::chrono::steady_clock::now();
    HttpResult r = http_get(server.port(), path, 10000);
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(r.status == 503);
    CHECK(took < 3s);  // DB_CONNECT_TIMEOUT=2
  }
  HttpResult api = http_get(server.port(), "/db/organisations/1");
  CHECK(http_get(server.port(), "/health").status == 200);

  cluster.start();
  REQUIRE(wait_until([&] { return http_get(server.port(), "/ready").status == 200; }, 10s));
  int failed = 0;
  for (int i = 0; i < 20; ++i) {
    failed += http_get(server.port(), "/db/organisations/1").status != 200;
    failed += http_get(server.port(), "/ready").status != 200;
  }
  CHECK(failed == 0);
  CHECK(server.worker_pids() == workers);  // no restart
}

TEST_CASE("a database route answers 503 in the API's error shape while PostgreSQL is down",
          "[process]") {
  PrivateCluster cluster;
  migrate(cluster.url());
  ServerProcess server(database_server(cluster.url(), {"-w", "1"}));
  cluster.stop();
  HttpResult r = http_get(server.port(), "/api/v1/no-such-route-yet");
  CHECK(r.status == 404);
  CHECK(r.header("content-type") == "application/json");
  HttpResult db = http_get(server.port(), "/db/organisations/1");
  CHECK(db.status == 503);
  CHECK(db.header("retry-after") == "5");
}

TEST_CASE("connections terminated by the server between requests do not fail the next request",
          "[process]") {
  ScratchDatabase db;
  db.exec("INSERT INTO organisations (name) VALUES ('Acme')");
  ServerProcess server(database_server(db.url(), {"-w", "2"}));
  for (int i = 0; i < 6; ++i) REQUIRE(http_get(server.port(), "/db/organisations/1").status == 200);
  REQUIRE(connections_named(db.url(), "construction worker") >= 1);
  db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE application_name LIKE 'construction worker%'");
  REQUIRE(wait_until([&] { return connections_named(db.url(), "construction worker") == 0; }, 3s));
  for (int i = 0; i < 10; ++i) {
    HttpResult r = http_get(server.port(), "/db/organisations/1");
    CHECK(r.status == 200);
  }
}

TEST_CASE("two workers with pool 2 and overflow 1 never hold more than 6 connections",
          "[process]") {
  ScratchDatabase db;
  ServerProcess server(database_server(db.url(), {"-w", "2"},
                                       {{"SQLALCHEMY_POOL_SIZE", "2"}, {"SQLALCHEMY_MAX_OVERFLOW", "1"}}));
  std::atomic<bool> running{true};
  std::atomic<int> served{0}, exhausted{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 6; ++c)
    clients.emplace_back([&, c] {
      while (running) {
        // Each request holds 1–4 connections at once; 4 is more than 2 + 1.
        HttpResult r = http_get(server.port(), "/db/hold?leases=" + std::to_string(c % 4 + 1) + "&ms=20");
        (r.status == 200 ? served : exhausted)++;
      }
    });
  int most = 0;
  for (int i = 0; i < 40; ++i) {
    most = std::max(most, connections_named(db.url(), "construction worker"));
    std::this_thread::sleep_for(25ms);
  }
  running = false;
  for (auto& t : clients) t.join();
  CHECK(most >= 3);  // the pools were used
  CHECK(most <= 6);
  CHECK(served > 0);
  CHECK(exhausted > 0);  // asking for 4 at once is refused (503), not queued forever
}

TEST_CASE("a connection budget that does not fit max_connections refuses to start, with the numbers",
          "[process]") {
  ScratchDatabase db;
  ServerOptions o = database_server(db.url(), {"-w", "10"},
                                    {{"SQLALCHEMY_POOL_SIZE", "5"}, {"SQLALCHEMY_MAX_OVERFLOW", "10"}});
  o.wait_ready = false;
  ServerProcess server(o);
  auto status = server.wait_exit(15s);
  REQUIRE(status.has_value());
  CHECK(*status == 2);
  std::string log = server.error_log();
  CHECK(log.find("10 workers x (SQLALCHEMY_POOL_SIZE 5 + SQLALCHEMY_MAX_OVERFLOW 10) = 150 > max_connections 100") != std::string::npos);
  CHECK(log.find("max_connections") != std::string::npos);
  CHECK(log.find("SQLALCHEMY_POOL_SIZE") != std::string::npos);
}

TEST_CASE("TTIN that would pass the connection budget is ignored", "[process]") {
  ScratchDatabase db;
  // 100 max_connections - 3 superuser reserved - 10 = 87 available; 5 x 15 = 75 fits, 6 x 15 does not.
  ServerProcess server(database_server(db.url(), {"-w", "5"}));
  REQUIRE(server.wait_for_workers(5, 10s));
  server.signal(SIGTTIN);
  CHECK(server.wait_for_log("TTIN ignored: ", 10s));
  CHECK(server.worker_pids().size() == 5);
}

TEST_CASE("a worker finding the schema behind the binary refuses to boot: exit status 3",
          "[process]") {
  ScratchDatabase db(false);  // not migrated
  ServerOptions o = database_server(db.url(), {"-w", "1"});
  o.wait_ready = false;
  ServerProcess server(o);
  auto status = server.wait_exit(15s);
  REQUIRE(status.has_value());
  CHECK(*status == 3);
  CHECK(server.error_log().find("construction migrate") != std::string::npos);
}
