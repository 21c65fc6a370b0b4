// `construction create-user --org NAME --email E --role ROLE [--name N]
// [--password-stdin]`: adds a user to the organisation, creating the
// organisation when none has that name. Without --password-stdin a random
// password is generated and printed (once).
#include <iostream>
#include <map>

#include "app/database_config.hpp"
#include "cli/commands.hpp"
#include "domain/role.hpp"
#include "operations/password.hpp"
#include "operations/user_accounts.hpp"
#include "sql/connection.hpp"
#include "sql/error.hpp"

namespace construction::cli {

namespace {

constexpr std::string_view kUsage =
    "Usage: construction create-user --org NAME --email EMAIL --role owner|manager|field "
    "[--name NAME] [--password-stdin]\n";

std::string read_password_line() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace

int create_user(const std::vector<std::string>& args) {
  auto options =
      parse_options(args, {"--org", "--email", "--role", "--name"}, {"--password-stdin"});
  if (!options || !options->count("--org") || !options->count("--email") ||
      !options->count("--role")) {
    std::cerr << kUsage;
    return 2;
  }
  std::map<std::string, std::string>& o = *options;
  std::optional<domain::Role> role = domain::parse_role(o["--role"]);
  if (!role) {
    std::cerr << "Error: --role must be owner, manager or field\n";
    return 2;
  }
  bool generated = !o.count("--password-stdin");
  std::string password = generated ? operations::generate_password() : read_password_line();
  if (password.size() < operations::kMinPasswordLength) {
    std::cerr << "Error: the password must be at least " << operations::kMinPasswordLength
              << " characters\n";
    return 2;
  }

  Config config = load_command_config();
  sql::Connection db = sql::Connection::open(database_settings(config, "construction create-user"));
  operations::NewMember member;
  try {
    member = operations::create_member(db, o["--org"], {o["--email"], o["--name"], *role, true},
                                       password);
  } catch (const sql::UniqueViolation&) {
    std::cerr << "Error: a user with the email " << o["--email"] << " already exists\n";
    return 1;
  } catch (const sql::CheckViolation&) {
    std::cerr << "Error: not a valid email or name (an email is name@domain, at most 254 "
                 "characters; a name at most 200)\n";
    return 2;
  }
  if (member.organisation.created) std::cout << "Created organisation " << o["--org"] << "\n";
  const sql::UserRecord& user = member.user;
  std::cout << "Created user " << user.email << " (" << domain::to_string(user.role) << ", id "
            << user.id << ")\n";
  if (generated) std::cout << "Password: " << password << "\n";
  return 0;
}

}  // namespace construction::cli
