// The `construction` command line as an operator types it.
#include <catch2/catch.hpp>
#include <fstream>

#include "test/support/command.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {
CommandResult run_cli(std::vector<std::string> args,
                           std::map<std::string, std::string> env = {{"APP_ENV", "development"}}) {
  args.insert(args.begin(), CONSTRUCTION_BINARY);
  return run_command(args, env, make_temp_dir("cli"));
}
}  // namespace

TEST_CASE("serve refuses --threads 2 with a message that says why and what to do", "[process]") {
  CommandResult r = run_cli({"serve", "--threads", "2"});
  CHECK(r.status == 2);
  CHECK(r.err.find("Invalid value for threads: \"2\" (from command line): only 1 is valid: workers "
                   "are synchronous") != std::string::npos);
  CHECK(r.err.find("raise --workers") != std::string::npos);
}

TEST_CASE("serve refuses -w 0, naming the setting, the value and what is allowed", "[process]") {
  CommandResult r = run_cli({"serve", "-w", "0"});
  CHECK(r.status == 2);
  CHECK(r.err.find("Invalid value for workers: \"0\" (from command line): must be a whole number "
                   "from 1 to 256.") != std::string::npos);
  CommandResult env = run_cli({"serve"}, {{"APP_ENV", "development"}, {"GUNICORN_WORKERS", "many"}});
  CHECK(env.status == 2);
  CHECK(env.err.find("(from environment GUNICORN_WORKERS)") != std::string::npos);
}

TEST_CASE("every invalid value is reported at once", "[process]") {
  CommandResult r = run_cli({"check-config", "-w", "0", "--timeout", "-5", "--log-level", "loud",
                                  "--bind", "nowhere"});
  CHECK(r.status == 2);
  for (const char* name : {"workers", "timeout", "log_level", "bind"})
    CHECK(r.err.find(std::string("Invalid value for ") + name) != std::string::npos);
}

TEST_CASE("check-config prints the effective settings and where each came from", "[process]") {
  CommandResult r = run_cli({"check-config", "-w", "3"},
                                 {{"APP_ENV", "development"}, {"GUNICORN_TIMEOUT", "30"},
                                  {"SECRET_KEY", std::string(40, 's')},
                                  {"DATABASE_URL", "postgresql://app:hunter2@db:5432/construction"}});
  CHECK(r.status == 0);
  CHECK(r.out.find("workers = 3") != std::string::npos);
  CHECK(r.out.find("# command line") != std::string::npos);
  CHECK(r.out.find("timeout = 30") != std::string::npos);
  CHECK(r.out.find("# environment GUNICORN_TIMEOUT") != std::string::npos);
  CHECK(r.out.find("statement_timeout_ms = 25000") != std::string::npos);
  CHECK(r.out.find("bind = 0.0.0.0:8000") != std::string::npos);
  CHECK(r.out.find("secret_key = ****") != std::string::npos);
  CHECK(r.out.find("postgresql://app:****@db:5432/construction") != std::string::npos);
  CHECK(r.out.find("hunter2") == std::string::npos);
  CHECK(r.out.find(std::string(40, 's')) == std::string::npos);
}

TEST_CASE("production refuses to start without SECRET_KEY", "[process]") {
  CommandResult r = run_cli({"serve"}, {{"APP_ENV", "production"}});
  CHECK(r.status == 2);
  CHECK(r.err.find("SECRET_KEY is not set") != std::string::npos);
}

TEST_CASE("construction --version and --help", "[process]") {
  CHECK(run_cli({"--version"}).out.starts_with("construction "));
  CommandResult help = run_cli({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("--workers, $GUNICORN_WORKERS, $WEB_CONCURRENCY") != std::string::npos);
}

TEST_CASE(".env.example is a valid configuration once SECRET_KEY is filled in", "[process]") {
  std::string dir = make_temp_dir("envexample");
  std::string text = read_file(std::string(CONSTRUCTION_SOURCE_DIR) + "/.env.example");
  REQUIRE(text.find("\nSECRET_KEY=\n") != std::string::npos);
  text.replace(text.find("\nSECRET_KEY=\n"), 13, "\nSECRET_KEY=" + std::string(64, 'a') + "\n");
  std::ofstream(dir + "/.env") << text;
  CommandResult r = run_command({CONSTRUCTION_BINARY, "check-config"}, {}, dir);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("# .env GUNICORN_WORKERS") != std::string::npos);
  CHECK(r.out.find("prepared_statements = on") != std::string::npos);
}
