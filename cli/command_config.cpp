#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"

namespace construction::cli {

Config load_command_config() {
  Environment env = current_environment();
  // A one-off command signs nothing: it needs no SECRET_KEY.
  env.try_emplace("APP_ENV", "development");
  ConfigLoad load = load_config({}, env, read_env_file(".env"));
  if (!load.ok()) {
    for (const auto& e : load.errors) std::cerr << "Error: " << e << "\n";
    std::exit(2);
  }
  return load.config;
}

}  // namespace construction::cli
