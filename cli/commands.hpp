// The subcommands other than serve and check-config (which live with the
// server core in supervisor/serve.hpp). Each returns the exit status.
#pragma once

#include <string>
#include <vector>

#include "supervisor/config.hpp"

namespace construction::cli {

int migrate(const std::vector<std::string>& args);

// The configuration a one-off command uses: environment and .env, no flags.
// Exits with status 2, after saying what is wrong, when it does not validate.
Config load_command_config();

}  // namespace construction::cli
