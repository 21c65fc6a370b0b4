// scripts/smoke-test.sh against the real server: passes when all is well
// (a mailer connected included), and says which check failed when
// something is not.
#include <signal.h>

#include <catch2/catch.hpp>

#include "test/support/command.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"
#include "test/support/smtp_sink.hpp"

using namespace construction::testing;

namespace {
const std::string script = std::string(CONSTRUCTION_SOURCE_DIR) + "/scripts/smoke-test.sh";

std::string token_for(const ScratchDatabase& db) {
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};
  CommandResult user = run_command({CONSTRUCTION_BINARY, "create-user", "--org", "Smoke Builders",
                                    "--email", "smoke@example.com", "--role", "owner",
                                    "--password-stdin"},
                                   env, "", "a long enough password\n");
  REQUIRE(user.status == 0);
  CommandResult token =
      run_command({CONSTRUCTION_BINARY, "create-token", "--email", "smoke@example.com"}, env);
  REQUIRE(token.status == 0);
  std::string t = token.out;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}
}  // namespace

TEST_CASE("the smoke test passes against a healthy server and names what fails", "[process]") {
  ScratchDatabase db;
  std::string token = token_for(db);
  ServerProcess server({.binary = CONSTRUCTION_BINARY, .args = {"-w", "1"},
                        .env = {{"DATABASE_URL", db.url()}}});
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());

  // No mailer: email would stay queued, and the smoke test says so.
  CommandResult no_mailer = run_command({script, base, token});
  CHECK(no_mailer.status != 0);
  CHECK(no_mailer.err.find("FAIL: no mailer is connected to the database") != std::string::npos);
  CommandResult optional = run_command({script, base, token}, {{"SMOKE_MAILER", "optional"}});
  CHECK(optional.status == 0);
  CHECK(optional.err.find("WARN  no mailer is connected") != std::string::npos);

  auto mailer = start_mailer(db.url(), "", {{"APP_ENV", "development"}});
  CommandResult good = run_command({script, base, token});
  INFO(good.out << good.err);
  CHECK(good.status == 0);
  CHECK(good.out.find("ok    GET /api/v1/me (token accepted)") != std::string::npos);
  CHECK(good.out.find("smoke test passed") != std::string::npos);
  CHECK(good.out.find("ok    mailer running (1 connected") != std::string::npos);

  CommandResult bad_token = run_command({script, base, "cst_not-a-real-token"});
  CHECK(bad_token.status != 0);
  CHECK(bad_token.err.find("FAIL: " + base + "/api/v1/me refused the token") != std::string::npos);

  server.signal(SIGTERM);
  REQUIRE(server.wait_exit(10s) == 0);
  CommandResult down = run_command({script, base});
  CHECK(down.status != 0);
  CHECK(down.err.find("FAIL: " + base + "/health did not answer 200") != std::string::npos);
}
