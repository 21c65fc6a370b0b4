// `construction migrate` against a real database.
#include <catch2/catch.hpp>
#include <thread>

#include "sql/embedded_migrations.hpp"
#include "test/support/command.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction::testing;

namespace {
CommandResult migrate(const std::string& url, std::vector<std::string> args = {}) {
  args.insert(args.begin(), {CONSTRUCTION_BINARY, "migrate"});
  return run_command(args, {{"DATABASE_URL", url}});
}
}  // namespace

TEST_CASE("migrate lists pending migrations, applies them, and a second run does nothing",
          "[process]") {
  ScratchDatabase db(false);
  size_t total = construction::sql::embedded_migrations().size();
  REQUIRE(total >= 1);
  CommandResult before = migrate(db.url(), {"status"});
  CHECK(before.status == 0);
  CHECK(before.out.find("pending  0001_organisations_users_tokens") != std::string::npos);
  CHECK(before.out.find(std::to_string(total) + " pending") != std::string::npos);

  CommandResult up = migrate(db.url());
  CHECK(up.status == 0);
  CHECK(up.out.find("applied  0001_organisations_users_tokens") != std::string::npos);

  CommandResult again = migrate(db.url(), {"up"});
  CHECK(again.status == 0);
  CHECK(again.out == "Nothing to apply: the schema is up to date\n");
  CommandResult after = migrate(db.url(), {"status"});
  CHECK(after.out.find("applied  0001_organisations_users_tokens") != std::string::npos);
  CHECK(after.out.find("0 pending") != std::string::npos);
}

TEST_CASE("two migrate commands at the same moment apply each migration exactly once", "[process]") {
  ScratchDatabase db(false);
  CommandResult a, b;
  std::thread first([&] { a = migrate(db.url()); });
  std::thread second([&] { b = migrate(db.url()); });
  first.join();
  second.join();
  CHECK(a.status == 0);
  CHECK(b.status == 0);
  size_t total = construction::sql::embedded_migrations().size();
  CHECK(db.scalar("SELECT count(*) FROM schema_migrations") == std::to_string(total));
  CHECK(db.scalar("SELECT count(DISTINCT name) FROM schema_migrations") == std::to_string(total));
  // One of them did the work, the other found it done.
  bool one_applied = (a.out.find("applied  0001") != std::string::npos) !=
                     (b.out.find("applied  0001") != std::string::npos);
  CHECK(one_applied);
}

TEST_CASE("migrate explains an unreachable database", "[process]") {
  CommandResult r = migrate("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  CHECK(r.status == 1);
  CHECK(r.err.find("Database error: ") != std::string::npos);
}
