// Configuration precedence and validation, without starting anything.
#include <catch2/catch.hpp>

#include "runtime/config.hpp"

using namespace construction;

namespace {
const Environment dev = {{"APP_ENV", "development"}};

Environment with(Environment env, const Environment& more) {
  for (const auto& [k, v] : more) env[k] = v;
  return env;
}
}  // namespace

TEST_CASE("defaults are Gunicorn's", "[unit]") {
  ConfigLoad load = load_config({}, dev, {});
  REQUIRE(load.ok());
  const Config& c = load.config;
  CHECK(c.bind == std::vector<std::string>{"0.0.0.0:8000"});
  CHECK(c.workers == 2);
  CHECK(c.timeout == 60);
  CHECK(c.graceful_timeout == 30);
  CHECK(c.keep_alive == 0);
  CHECK(c.limit_request_line == 4094);
  CHECK(c.limit_request_fields == 100);
  CHECK(c.limit_request_field_size == 8190);
  CHECK(c.statement_timeout_ms == 55000);
  CHECK(c.forwarded_allow_ips == std::vector<std::string>{"127.0.0.1", "::1"});
}

TEST_CASE("flag > GUNICORN_CMD_ARGS > environment > .env > default", "[unit]") {
  Environment file = {{"GUNICORN_WORKERS", "5"}, {"GUNICORN_TIMEOUT", "20"},
                      {"GUNICORN_KEEPALIVE", "3"}, {"GUNICORN_BACKLOG", "64"}};
  Environment env = with(dev, {{"GUNICORN_WORKERS", "4"}, {"GUNICORN_TIMEOUT", "10"},
                               {"GUNICORN_CMD_ARGS", "--workers 7 --keep-alive=9"}});
  ConfigLoad load = load_config({"-w", "8"}, env, file);
  REQUIRE(load.ok());
  CHECK(load.config.workers == 8);      // flag
  CHECK(load.config.keep_alive == 9);   // GUNICORN_CMD_ARGS over .env
  CHECK(load.config.timeout == 10);     // environment over .env
  CHECK(load.config.backlog == 64);     // .env over default
  CHECK(load.config.max_requests == 0); // default
}

TEST_CASE("WEB_CONCURRENCY counts when GUNICORN_WORKERS is absent", "[unit]") {
  CHECK(load_config({}, with(dev, {{"WEB_CONCURRENCY", "3"}}), {}).config.workers == 3);
  CHECK(load_config({}, with(dev, {{"WEB_CONCURRENCY", "3"}, {"GUNICORN_WORKERS", "6"}}), {})
            .config.workers == 6);
}

TEST_CASE("bind: the flag repeats, addresses are checked", "[unit]") {
  ConfigLoad load = load_config({"-b", "127.0.0.1:9000", "--bind", "[::1]:9001", "-b", "unix:/tmp/c.sock"}, dev, {});
  REQUIRE(load.ok());
  CHECK(load.config.bind == std::vector<std::string>{"127.0.0.1:9000", "[::1]:9001", "unix:/tmp/c.sock"});
  CHECK_FALSE(load_config({"-b", "localhost"}, dev, {}).ok());
  CHECK_FALSE(load_config({"-b", "localhost:99999"}, dev, {}).ok());
}

TEST_CASE("statement_timeout follows the timeout unless set", "[unit]") {
  CHECK(load_config({"-t", "30"}, dev, {}).config.statement_timeout_ms == 25000);
  CHECK(load_config({"-t", "3"}, dev, {}).config.statement_timeout_ms == 1000);
  CHECK(load_config({"-t", "30"}, with(dev, {{"DB_STATEMENT_TIMEOUT_MS", "7000"}}), {})
            .config.statement_timeout_ms == 7000);
}

TEST_CASE("unknown and valueless flags are errors", "[unit]") {
  ConfigLoad load = load_config({"--wrokers=3", "--timeout"}, dev, {});
  REQUIRE(load.errors.size() == 2);
  CHECK(load.errors[0] == "Unknown option --wrokers (command line); see --help");
  CHECK(load.errors[1] == "Option --timeout needs a value (command line)");
}

TEST_CASE("SECRET_KEY: required in production, at least 32 bytes", "[unit]") {
  CHECK_FALSE(load_config({}, {}, {}).ok());
  CHECK(load_config({}, {{"SECRET_KEY", std::string(32, 'k')}}, {}).ok());
  ConfigLoad short_key = load_config({}, {{"SECRET_KEY", "short"}}, {});
  REQUIRE_FALSE(short_key.ok());
  CHECK(short_key.errors[0] ==
        "Invalid value for secret_key: \"****\" (from environment SECRET_KEY): must be at least 32 "
        "bytes long.");
}

TEST_CASE("GUNICORN_CMD_ARGS splits like a shell", "[unit]") {
  CHECK(split_command_args("-w 3  --bind='127.0.0.1:80' \"--log-level\" debug") ==
        std::vector<std::string>{"-w", "3", "--bind=127.0.0.1:80", "--log-level", "debug"});
}

TEST_CASE(".env files: comments, export, quotes", "[unit]") {
  Environment env = parse_env_file_text(
      "# comment\nexport A=1\nB = \"two words\"\nC='x # not a comment'\nD=plain # comment\n\nnot a line\n");
  CHECK(env == Environment{{"A", "1"}, {"B", "two words"}, {"C", "x # not a comment"}, {"D", "plain"}});
}

TEST_CASE("PUBLIC_URL: an http(s) address without its trailing slash", "[unit]") {
  // Development links point at the local server unless told otherwise.
  CHECK(load_config({}, dev, {}).config.public_url == "http://localhost:8000");
  ConfigLoad set = load_config({}, with(dev, {{"PUBLIC_URL", "https://build.example/app/"}}), {});
  REQUIRE(set.ok());
  CHECK(set.config.public_url == "https://build.example/app");
  // Production has none unless it is given: no link is guessed.
  Environment production = {{"SECRET_KEY", std::string(32, 'k')}};
  CHECK(load_config({}, production, {}).config.public_url.empty());
  for (const char* bad : {"build.example", "ftp://build.example", "https://", "http://a b.example"})
    CHECK_FALSE(load_config({}, with(dev, {{"PUBLIC_URL", bad}}), {}).ok());
}

TEST_CASE("SMTP_URL: smtp:// or smtps://, its password masked", "[unit]") {
  ConfigLoad load =
      load_config({}, with(dev, {{"SMTP_URL", "smtp://mailer:s3cret@relay.example:587"}}), {});
  REQUIRE(load.ok());
  CHECK(load.config.smtp_url == "smtp://mailer:s3cret@relay.example:587");
  for (const auto& setting : load.effective)
    if (setting.name == "smtp_url") CHECK(setting.value == "smtp://mailer:****@relay.example:587");
  CHECK_FALSE(load_config({}, with(dev, {{"SMTP_URL", "relay.example:25"}}), {}).ok());
  CHECK(load_config({}, dev, {}).config.mail_dir == ".local/mail");
}
