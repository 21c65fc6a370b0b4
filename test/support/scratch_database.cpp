#include "test/support/scratch_database.hpp"

#include <sys/random.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "domain/hex.hpp"
#include "sql/connection.hpp"
#include "test/support/command.hpp"

namespace construction::testing {

namespace {
sql::DatabaseSettings settings_for(const std::string& url) {
  sql::DatabaseSettings s;
  s.url = url;
  s.application_name = "construction test";
  s.statement_timeout_ms = 60000;
  return s;
}

std::string unique_name() {
  unsigned char bytes[6];
  if (::getrandom(bytes, sizeof bytes, 0) != sizeof bytes) return "test_fallback";
  return "test_" + domain::hex_digits(bytes);
}
}  // namespace

std::string cluster_url() {
  const char* url = std::getenv("DATABASE_URL");
  if (!url || !*url) FAIL("DATABASE_URL is not set: run the tests through ./scripts/test.sh");
  return url;
}

std::string with_database(const std::string& url, const std::string& database) {
  // postgresql://user@host:port/dbname[?params]
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?');
  std::string base = slash == std::string::npos ? url : url.substr(0, slash);
  std::string params = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + params;
}

ScratchDatabase::ScratchDatabase(bool migrate)
    : admin_url_(cluster_url()), name_(unique_name()), url_(with_database(admin_url_, name_)) {
  auto admin = sql::Connection::open(settings_for(admin_url_));
  admin.exec_script("CREATE DATABASE " + name_);
  if (migrate) {
    CommandResult r = run_command({CONSTRUCTION_BINARY, "migrate", "up"}, {{"DATABASE_URL", url_}});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
  }
}

ScratchDatabase::~ScratchDatabase() {
  try {
    auto admin = sql::Connection::open(settings_for(admin_url_));
    admin.exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // A database left behind dies with the throwaway cluster.
  }
}

std::string ScratchDatabase::scalar(const std::string& sql) const {
  auto connection = sql::Connection::open(settings_for(url_));
  sql::Result r = connection.exec_script(sql);
  if (r.rows() == 0 || r[0][0].is_null()) return "";
  return std::string(r[0][0].text());
}

void ScratchDatabase::exec(const std::string& sql) const {
  exec_on(url_, sql);
}

sql::Connection ScratchDatabase::connect() const {
  return sql::Connection::open(settings_for(url_));
}

void ScratchDatabase::exec_on(const std::string& url, const std::string& sql) {
  auto connection = sql::Connection::open(settings_for(url));
  connection.exec_script(sql);
}

}  // namespace construction::testing
