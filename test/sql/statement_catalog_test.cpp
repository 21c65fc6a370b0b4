// The catalog holds every statement the stores declare: it is read from the
// store files themselves, so a constant added to a store and left out of
// its list (sql/statement_catalog.hpp) fails here, by name. Statements
// outside the stores are few and read no table of the product; each is
// listed below with why the EXPLAIN check has nothing to plan in it, and a
// new one anywhere fails until it is either moved into a store or listed.
#include "sql/statement_catalog.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using construction::sql::statement_catalog;

namespace {

namespace fs = std::filesystem;

const fs::path kSource{CONSTRUCTION_SOURCE_DIR};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The data generator of the benches (`construction seed-scale`) writes years
// of history in one script, once, into an empty organisation; no request
// sends its statements, so the EXPLAIN check has nothing to plan there.
bool is_generator_file(const std::string& name) {
  return name == "scale_seed_store.cpp";
}

bool is_store_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return path.parent_path().filename() == "sql" && name.ends_with("_store.cpp") &&
         !is_generator_file(name);
}

// "project_store" -> the names its file declares at namespace scope:
// `constexpr std::string_view kFind = …`, and for a struct of statements
// (`constexpr Statements kLines …`) its name, whose members the catalog
// names "kLines.list".
std::map<std::string, std::set<std::string>> declared_statements() {
  static const std::regex constant{R"(\nconstexpr (?:std::string_view|Statements) (k\w+))"};
  std::map<std::string, std::set<std::string>> declared;
  for (const auto& entry : fs::directory_iterator(kSource / "sql")) {
    if (!is_store_file(entry.path())) continue;
    const std::string text = read_file(entry.path());
    std::set<std::string>& names = declared[entry.path().stem().string()];
    for (std::sregex_iterator m(text.begin(), text.end(), constant), end; m != end; ++m)
      names.insert((*m)[1].str());
  }
  return declared;
}

// The catalog's names per store, a struct's members folded into its name.
std::map<std::string, std::set<std::string>> catalogued_statements() {
  std::map<std::string, std::set<std::string>> catalogued;
  for (const auto& s : statement_catalog()) {
    const std::string name{s.name};
    catalogued[std::string(s.store)].insert(name.substr(0, name.find('.')));
  }
  return catalogued;
}

// Statement text outside the stores, by file, each with why it is not in the
// catalog. A literal counts when it begins as SQL does (the keyword and a
// space); the stores' files are left out (they are the catalog).
struct Exempt {
  std::string file;
  std::string text_start;
  std::string why;
};

const std::vector<Exempt>& exempt_statements() {
  static const std::vector<Exempt> exempt{
      {"sql/connection.cpp", "SELECT set_config('statement_timeout'",
       "a session setting, sent once per connection; reads no table"},
      {"sql/connection.hpp", "SELECT ... WHERE id = $1",
       "the example in the comment on Connection::exec"},
      {"sql/migrator.cpp", "SELECT to_regclass('schema_migrations')",
       "the migrator's, once per deploy; reads the catalog"},
      {"sql/migrator.cpp", "SELECT name, checksum, ",
       "the migrator's, once per deploy; schema_migrations has a row per migration"},
      {"sql/migrator.cpp", "INSERT INTO schema_migrations",
       "the migrator's, once per migration applied"},
      {"sql/migrator.cpp", "SELECT pg_advisory_lock(", "a lock, no table"},
      {"sql/migrator.cpp", "SELECT pg_advisory_unlock(", "a lock, no table"},
      {"sql/notifications.cpp", "LISTEN ", "a channel, no table"},
      {"sql/transaction.cpp", "BEGIN ISOLATION LEVEL", "transaction control"},
      {"sql/transaction.cpp", "SAVEPOINT ", "transaction control"},
      {"sql/transaction.cpp", "RELEASE SAVEPOINT ", "transaction control"},
      {"sql/transaction.cpp", "ROLLBACK TO SAVEPOINT ", "transaction control"},
      {"operations/outbox.cpp", "SELECT pg_notify(", "a notification, no table"},
      {"app/construction_application.cpp", "SELECT 1", "the readiness probe, no table"},
      {"mail/mailer.cpp", "SELECT set_config('synchronous_commit'",
       "the mailer's session setting, no table"},
  };
  return exempt;
}

bool is_exempt(const std::string& file, const std::string& text) {
  for (const Exempt& e : exempt_statements())
    if (e.file == file && text.starts_with(e.text_start)) return true;
  return false;
}

// "folder/file: text" of each SQL literal outside the stores that no
// exemption names.
std::vector<std::string> statements_outside_the_stores() {
  static const std::regex literal{
      R"re("((?:SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH|LOCK|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|LISTEN|SET) [^"]*)")re"};
  static const char* const layers[] = {"domain",  "sql",    "documents",  "operations",
                                       "runtime", "worker", "supervisor", "api",
                                       "views",   "app",    "mail",       "cli"};
  std::vector<std::string> found;
  for (const char* layer : layers) {
    for (const auto& entry : fs::recursive_directory_iterator(kSource / layer)) {
      const fs::path& path = entry.path();
      if (path.extension() != ".cpp" && path.extension() != ".hpp") continue;
      if (is_store_file(path) || is_generator_file(path.filename().string())) continue;
      const std::string file = fs::relative(path, kSource).string();
      const std::string text = read_file(path);
      for (std::sregex_iterator m(text.begin(), text.end(), literal), end; m != end; ++m)
        if (!is_exempt(file, (*m)[1].str())) found.push_back(file + ": " + (*m)[1].str());
    }
  }
  return found;
}

}  // namespace

TEST_CASE("the statement catalog names every constant of every store file", "[unit]") {
  const auto declared = declared_statements();
  const auto catalogued = catalogued_statements();
  REQUIRE(declared.size() >= 20);  // the files were found
  for (const auto& [store, names] : declared) {
    INFO("sql/" << store << ".cpp: its statements are listed at its end, in " << store
                << "_statements() (sql/statement_catalog.hpp)");
    REQUIRE(catalogued.contains(store));
    for (const std::string& name : names) {
      INFO(name);
      CHECK(catalogued.at(store).contains(name));
    }
  }
  for (const auto& [store, names] : catalogued) {
    INFO("the catalog names a store with no file: " << store);
    CHECK(declared.contains(store));
  }
}

TEST_CASE("the statement catalog holds each statement once, none of them empty", "[unit]") {
  std::set<std::string> seen;
  for (const auto& s : statement_catalog()) {
    INFO(s.store << " " << s.name);
    CHECK_FALSE(s.sql.empty());
    CHECK(seen.insert(std::string(s.store) + " " + std::string(s.name)).second);
  }
}

TEST_CASE("statements outside the stores are only the listed few that read no table", "[unit]") {
  const std::vector<std::string> found = statements_outside_the_stores();
  for (const std::string& statement : found) {
    INFO(
        "SQL outside sql/*_store.cpp is not in the statement catalog, so the EXPLAIN check "
        "never plans it: move it into a store (and its list), or name it in this test with why");
    FAIL_CHECK(statement);
  }
  CHECK(found.empty());
}
