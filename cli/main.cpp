// The `construction` command: one binary, several subcommands (server.md,
// "Subcommands").
#include <iostream>
#include <string>
#include <vector>

#include "app/construction_application.hpp"
#include "cli/commands.hpp"
#include "runtime/config.hpp"
#include "runtime/process_title.hpp"
#include "runtime/version.hpp"
#include "sql/error.hpp"
#include "supervisor/serve.hpp"

namespace {

void print_usage() {
  std::cout << "Usage: construction COMMAND [OPTIONS]\n\n"
               "Commands:\n"
               "  serve [OPTIONS]   run the server: a master and its sync workers\n"
               "  check-config      print the effective configuration, or what is invalid\n"
               "  migrate [up|status]  apply the database migrations, or list them\n"
               "  create-user --org NAME --email E --role owner|manager|field [--name N]\n"
               "              [--password-stdin]   add a user (and the organisation if new)\n"
               "  create-token --email E [--name N]  print a new API token for the user\n"
               "  seed-demo         load the demo organisation (idempotent)\n"
               "  seed-scale --factor N [--others K] [--seed S]  load years of history into an\n"
               "                    empty database, for benches (see seed-scale --help)\n"
               "  routes            list every route: method, pattern, access, handler's file\n"
               "  mailer [OPTIONS]  deliver the outbox's email (SMTP_URL; in development\n"
               "                    without it, .eml files under MAIL_DIR) until TERM\n"
               "  --version         print the version\n"
               "  --help            this text\n\n"
               "Options of serve and check-config (flag > GUNICORN_CMD_ARGS > environment >\n"
               ".env > default):\n"
            << construction::config_usage();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args = construction::init_process_title(argc, argv);
  if (args.size() < 2 || args[1] == "--help" || args[1] == "-h") {
    print_usage();
    return args.size() < 2 ? 2 : 0;
  }
  const std::string& command = args[1];
  std::vector<std::string> rest(args.begin() + 2, args.end());
  try {
    if (command == "--version" || command == "-v") {
      std::cout << "construction " << CONSTRUCTION_VERSION << "\n";
      return 0;
    }
    if (command == "serve") {
      construction::ConstructionApplication app;
      return construction::serve(args, rest, app);
    }
    if (command == "check-config") return construction::check_config(rest);
    if (command == "migrate") return construction::cli::migrate(rest);
    if (command == "create-user") return construction::cli::create_user(rest);
    if (command == "create-token") return construction::cli::create_token(rest);
    if (command == "seed-demo") return construction::cli::seed_demo(rest);
    if (command == "seed-scale") return construction::cli::seed_scale(rest);
    if (command == "routes") return construction::cli::routes(rest);
    if (command == "mailer") return construction::cli::mailer(rest);
  } catch (const construction::sql::Error& e) {
    std::cerr << "Database error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "Unknown command: " << command << " (see construction --help)\n";
  return 2;
}
