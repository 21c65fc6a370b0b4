// `construction create-token --email E [--name N]`: a new API token for an
// active user, printed once on its own line (only its hash is kept).
#include <iostream>

#include "app/database_config.hpp"
#include "cli/commands.hpp"
#include "operations/authentication.hpp"
#include "sql/connection.hpp"
#include "sql/user_store.hpp"

namespace construction::cli {

int create_token(const std::vector<std::string>& args) {
  auto options = parse_options(args, {"--email", "--name"}, {});
  if (!options || !options->count("--email")) {
    std::cerr << "Usage: construction create-token --email EMAIL [--name NAME]\n";
    return 2;
  }
  Config config = load_command_config();
  sql::Connection db =
      sql::Connection::open(database_settings(config, "construction create-token"));
  auto user = sql::find_user_by_email(db, (*options)["--email"]);
  if (!user || !user->active) {
    std::cerr << "Error: no active user has the email " << (*options)["--email"] << "\n";
    return 1;
  }
  std::string name = options->count("--name") ? (*options)["--name"] : "command line";
  auto token = operations::issue_token(db, *user, name);
  if (!token) {
    std::cerr << "Error: the user " << (*options)["--email"] << " changed meanwhile; try again\n";
    return 1;
  }
  std::cout << token->text << "\n";
  return 0;
}

}  // namespace construction::cli
