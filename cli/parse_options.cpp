#include "cli/commands.hpp"

namespace construction::cli {

std::optional<std::map<std::string, std::string>> parse_options(
    const std::vector<std::string>& args, const std::set<std::string>& with_value,
    const std::set<std::string>& flags) {
  std::map<std::string, std::string> options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    if (flags.count(arg)) {
      options[arg] = "";
    } else if (with_value.count(name) && eq != std::string::npos) {
      options[name] = arg.substr(eq + 1);
    } else if (with_value.count(arg) && i + 1 < args.size()) {
      options[arg] = args[++i];
    } else {
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace construction::cli
