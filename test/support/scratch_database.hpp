// A database of its own for one test, on the cluster $DATABASE_URL points
// at: created with a unique name, optionally migrated with the binary's
// migrations, dropped (WITH FORCE) when the test ends. Tests that run at the
// same time never see each other's rows.
#pragma once

#include <string>

#include "sql/connection.hpp"

namespace construction::testing {

class ScratchDatabase {
 public:
  // migrate: run `construction migrate up` against it.
  explicit ScratchDatabase(bool migrate = true);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // Runs SQL through psql-free libpq and returns the first column of the
  // first row as text ("" when there is none). For assertions on stored rows.
  std::string scalar(const std::string& sql) const;
  void exec(const std::string& sql) const;
  // A connection of its own to the database.
  sql::Connection connect() const;
  // The same on any database by URL.
  static void exec_on(const std::string& url, const std::string& sql);

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// $DATABASE_URL, or a failed test that says it is missing.
std::string cluster_url();
// The URL with its database replaced by `database`.
std::string with_database(const std::string& url, const std::string& database);

}  // namespace construction::testing
