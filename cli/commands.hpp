// The subcommands other than serve and check-config (which live with the
// server core in supervisor/serve.hpp). Each returns the exit status.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runtime/config.hpp"

namespace construction::cli {

int migrate(const std::vector<std::string>& args);
int create_user(const std::vector<std::string>& args);
int create_token(const std::vector<std::string>& args);
int seed_demo(const std::vector<std::string>& args);
int seed_scale(const std::vector<std::string>& args);
int routes(const std::vector<std::string>& args);
// Runs until TERM: delivers the outbox (SMTP_URL, or .eml files in development).
int mailer(const std::vector<std::string>& args);

// "--name VALUE" or "--name=VALUE" for each of `with_value`, bare `flags`;
// nullopt on anything else (the caller prints its usage).
std::optional<std::map<std::string, std::string>> parse_options(
    const std::vector<std::string>& args, const std::set<std::string>& with_value,
    const std::set<std::string>& flags);

// The configuration a one-off command uses: environment and .env, no flags.
// Exits with status 2, after saying what is wrong, when it does not validate.
Config load_command_config();

}  // namespace construction::cli
