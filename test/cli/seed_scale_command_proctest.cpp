// `construction seed-scale` as the benches run it: into a database never
// migrated, its facts as `key: value` lines a script can read (the owner's
// email and password, an API token, each table's rows, the seconds), and a
// second run or a wrong argument refused with status 2.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "test/support/command.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

CommandResult seed_scale(const ScratchDatabase& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {CONSTRUCTION_BINARY, "seed-scale"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, {{"DATABASE_URL", db.url()}}, make_temp_dir("seedscale"));
}

std::map<std::string, std::string> facts(const std::string& out) {
  std::map<std::string, std::string> by_key;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto colon = line.find(": ");
    if (colon != std::string::npos) by_key[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return by_key;
}

}  // namespace

TEST_CASE("seed-scale migrates, prints its facts as key: value lines, and refuses a second run",
          "[process]") {
  ScratchDatabase db(false);
  CommandResult first = seed_scale(db, {"--factor", "1", "--others=1"});
  INFO(first.err);
  REQUIRE(first.status == 0);
  auto fact = facts(first.out);
  CHECK(fact["organisation"] == "Scale Builders");
  CHECK(fact["email"] == "scale@example.com");
  CHECK(fact["password"] == "scale-password");
  CHECK(fact["token"].starts_with("cst_"));
  CHECK(fact["token"].size() == 47);
  CHECK(fact["factor"] == "1");
  CHECK(fact["seed"] == "1");
  CHECK(fact["others"] == "1");
  CHECK(fact["as_of"] == "2026-11-30");
  CHECK(fact["projects"] == "20");
  CHECK(fact["projects"] == db.scalar("SELECT count(*) FROM projects p JOIN organisations o ON "
                                      "o.id = p.org_id WHERE o.name = 'Scale Builders'"));
  CHECK(fact["estimate_lines"] == db.scalar("SELECT count(*) FROM estimate_lines l JOIN "
                                            "organisations o ON o.id = l.org_id WHERE o.name = "
                                            "'Scale Builders'"));
  CHECK(std::stoll(fact["others.projects"]) >= 20);
  CHECK(!fact["seconds"].empty());

  CommandResult again = seed_scale(db, {"--factor", "1"});
  CHECK(again.status == 2);
  CHECK(again.err.find("already holds Scale Builders") != std::string::npos);
  CHECK(again.out.empty());
  CHECK(db.scalar("SELECT count(*) FROM organisations") == "2");

  for (const std::vector<std::string>& wrong : {std::vector<std::string>{},
                                                {"--factor", "0"},
                                                {"--factor", "x"},
                                                {"--factor", "1", "--what"}}) {
    CommandResult refused = seed_scale(db, wrong);
    CHECK(refused.status == 2);
    CHECK(refused.err.find("Usage: construction seed-scale --factor N") != std::string::npos);
  }
  CommandResult help = seed_scale(db, {"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("key: value") != std::string::npos);
}
