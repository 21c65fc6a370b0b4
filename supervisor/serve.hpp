// `construction serve`: loads the configuration, makes the development
// secret if needed, and hands over to the arbiter. Shared by the production
// binary and the tests' server, which differ only in their Application.
#pragma once

#include <string>
#include <vector>

#include "worker/application.hpp"

namespace construction {

// original_argv: the whole command line; serve_args: the flags after "serve".
int serve(const std::vector<std::string>& original_argv,
          const std::vector<std::string>& serve_args, Application& application);

// `check-config`: prints the effective settings (exit 0) or every invalid
// value (exit 2).
int check_config(const std::vector<std::string>& args);

}  // namespace construction
