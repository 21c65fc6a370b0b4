// Shared by the [pg] tests of sql/: each test works in a schema of its own
// (created here, dropped at the end, first in search_path of every connection
// it opens), so tests run in parallel against one database without meeting.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <string>

#include "sql/connection.hpp"
#include "sql/database_settings.hpp"

namespace construction::sql::test {

inline std::string database_url() {
  const char* url = std::getenv("DATABASE_URL");
  if (!url || !*url) {
    FAIL(
        "DATABASE_URL is not set; start a cluster with "
        "`scripts/pg-cluster.sh start /tmp/pg-test --throwaway` and export what it prints");
  }
  return url;
}

// The URL with `options=-csearch_path=SCHEMA`, in URI or key=value form.
inline std::string with_search_path(const std::string& url, const std::string& schema) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema;
  }
  return url + " options='-csearch_path=" + schema + "'";
}

inline DatabaseSettings plain_settings() {
  DatabaseSettings settings;
  settings.url = database_url();
  settings.application_name = "construction-test";
  return settings;
}

// Nothing listens on port 1: connecting fails at once, as with a server down.
inline DatabaseSettings unreachable_settings() {
  DatabaseSettings settings;
  settings.url = "postgresql://construction@127.0.0.1:1/construction";
  settings.connect_timeout_s = 2;
  return settings;
}

// Statements this session has prepared (the count's own included).
inline std::int64_t prepared_statement_count(Connection& connection) {
  return connection.exec("SELECT count(*) AS n FROM pg_prepared_statements")
      .single_row()["n"]
      .int64();
}

class ScratchSchema {
 public:
  ScratchSchema() : name_(unique_name()), admin_(Connection::open(plain_settings())) {
    admin_.exec_script("CREATE SCHEMA " + name_);
  }
  ~ScratchSchema() {
    try {
      admin_.exec_script("DROP SCHEMA " + name_ + " CASCADE");
    } catch (const std::exception&) {
      // Left behind for a human to see; the name says which test made it.
    }
  }
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return name_; }

  // Settings whose connections see this schema first.
  DatabaseSettings settings() const {
    DatabaseSettings settings = plain_settings();
    settings.url = with_search_path(settings.url, name_);
    return settings;
  }
  Connection connect() const { return Connection::open(settings()); }

  // A connection outside the test's pools, for setup and for killing backends.
  Connection& admin() { return admin_; }

  // Terminates a backend from this side, as an operator or a server restart
  // would, and waits until it is gone.
  void terminate_backend(int pid) {
    REQUIRE(admin_.exec("SELECT pg_terminate_backend($1, 5000) AS done", pid)
                .single_row()["done"]
                .boolean());
  }

 private:
  static std::string unique_name() {
    std::random_device random;
    return "test_" + std::to_string(::getpid()) + "_" + std::to_string(random() % 1000000);
  }

  std::string name_;
  Connection admin_;
};

}  // namespace construction::sql::test
