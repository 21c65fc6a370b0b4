// The server's configuration, with Gunicorn's names and precedence:
//   command-line flag > GUNICORN_CMD_ARGS > environment > .env file > default.
// Every setting is one row of the table in config.cpp, which drives parsing,
// validation and `check-config` alike, so the three cannot disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/env_file.hpp"
#include "runtime/log.hpp"

namespace construction {

struct Config {
  // Server (server.md, "Configuration").
  std::vector<std::string> bind;
  int workers = 2;
  int threads = 1;
  int timeout = 60;
  int graceful_timeout = 30;
  int client_timeout = 5;
  int keep_alive = 0;
  int max_requests = 0;
  int max_requests_jitter = 0;
  int max_worker_memory_mb = 0;
  int backlog = 2048;
  int max_queue_wait_ms = 500;  // 0: a request waits in the listen queue as long as it takes
  int limit_request_line = 4094;
  int limit_request_fields = 100;
  int limit_request_field_size = 8190;
  long long limit_request_body = 1048576;
  std::string pid_file;
  std::string access_logfile = "-";
  std::string error_logfile = "-";
  log::Level log_level = log::Level::info;
  std::vector<std::string> forwarded_allow_ips;

  // Database and application.
  std::string database_url;  // empty: built from the POSTGRES_* parts
  int pool_size = 5;
  int max_overflow = 10;
  int reserved_connections = 10;
  int statement_timeout_ms = 55000;
  int connect_timeout = 5;
  bool prepared_statements = true;
  std::string secret_key;
  std::string app_env = "production";

  // Email (documents.md, "Email"). public_url: where links in emails point
  // ("https://construction.example"), never a request's Host; no trailing
  // slash. smtp_url empty: the mailer writes .eml files under mail_dir
  // (development only).
  std::string public_url;
  std::string smtp_url;
  std::string mail_from;
  std::string mail_dir = ".local/mail";
  int mail_first_retry_seconds = 30;

  // Environment and .env merged by precedence, for the settings other layers
  // read by name (POSTGRES_USER, INFRA_HOST, …).
  Environment environment;

  bool development() const { return app_env == "development"; }
};

// One line of `check-config`: the setting, its effective value (secrets
// masked) and where the value came from.
struct EffectiveSetting {
  std::string name;
  std::string value;
  std::string source;  // "flag", "GUNICORN_CMD_ARGS", "environment", ".env", "default"
};

struct ConfigLoad {
  Config config;
  std::vector<EffectiveSetting> effective;
  std::vector<std::string> errors;  // one sentence per invalid value
  bool ok() const { return errors.empty(); }
};

// args: the flags after the subcommand (e.g. {"-w", "3"}).
ConfigLoad load_config(const std::vector<std::string>& args, const Environment& environment,
                       const Environment& env_file);

// The flags' usage text for --help.
std::string config_usage();

// Splits GUNICORN_CMD_ARGS like a shell would (quotes, backslashes).
std::vector<std::string> split_command_args(const std::string& text);

}  // namespace construction
