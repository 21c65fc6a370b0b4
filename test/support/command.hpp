// Runs a command to completion and keeps what it printed, for tests of the
// command line (check-config, migrate, create-user, …).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace construction::testing {

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& cwd = "", const std::string& stdin_text = "");

}  // namespace construction::testing
