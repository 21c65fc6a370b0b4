// `construction mailer`: reads the configuration as the server does
// (environment > .env > default; --log-level and the other flags too),
// chooses where messages go, and runs the delivery loop (mail/mailer.hpp).
#include <iostream>

#include "app/database_config.hpp"
#include "app/mailer_duties.hpp"
#include "cli/commands.hpp"
#include "mail/eml_directory.hpp"
#include "mail/mailer.hpp"
#include "mail/smtp_transport.hpp"
#include "runtime/log.hpp"
#include "runtime/process_title.hpp"
#include "sql/message_store.hpp"

namespace construction::cli {

namespace {

// Development's sender when MAIL_FROM is unset (.invalid: nobody's domain).
constexpr std::string_view kDevelopmentFrom =
    "Construction (development) <mail@construction.invalid>";

}  // namespace

int mailer(const std::vector<std::string>& args) {
  Environment env = current_environment();
  Environment file = read_env_file(".env");
  // The mailer signs nothing: the server's SECRET_KEY rule is not its own.
  if (!env.contains("SECRET_KEY") && !file.contains("SECRET_KEY"))
    env["SECRET_KEY"] = std::string(32, '-');
  ConfigLoad load = load_config(args, env, file);
  if (!load.ok()) {
    for (const auto& e : load.errors) std::cerr << "Error: " << e << "\n";
    return 2;
  }
  const Config& config = load.config;
  log::configure(config.error_logfile, config.log_level);
  set_process_title("construction: mailer");

  std::string from_text = config.mail_from;
  if (from_text.empty() && config.development()) from_text = kDevelopmentFrom;
  auto from = mail::parse_mailbox(from_text);
  if (!from) {
    std::cerr << "Error: MAIL_FROM must be an address, or Name <address> (it is \"" << from_text
              << "\")\n";
    return 2;
  }
  std::unique_ptr<mail::Transport> transport;
  if (!config.smtp_url.empty()) {
    transport = std::make_unique<mail::SmtpTransport>(config.smtp_url);
  } else if (config.development()) {
    transport = std::make_unique<mail::EmlDirectory>(config.mail_dir);
  } else {
    std::cerr << "Error: SMTP_URL is not set: the mailer needs a relay "
                 "(smtp://user:password@host:587 or smtps://…). Only APP_ENV=development writes "
                 ".eml files under MAIL_DIR instead.\n";
    return 2;
  }
  mail::MailerOptions options;
  // Named, so that the smoke test (and pg_stat_activity) sees it running.
  options.database = database_settings(config, std::string(sql::kMailerApplicationName));
  options.from = *from;
  options.first_retry_seconds = config.mail_first_retry_seconds;
  // The outcome's UPDATE must never be cut short by the server's timeout.
  options.database.statement_timeout_ms = 0;
  options.queue_owed = mailer_duties(config);
  mail::Mailer mailer(std::move(options), std::move(transport));
  return mailer.run();
}

}  // namespace construction::cli
