#include "runtime/env_file.hpp"

#include <fstream>
#include <sstream>

extern char** environ;

namespace construction {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    return std::string(value.substr(1, value.size() - 2));
  // An unquoted value ends at a " #" comment.
  if (auto hash = value.find(" #"); hash != std::string_view::npos) value = value.substr(0, hash);
  return std::string(trim(value));
}
}  // namespace

Environment parse_env_file_text(std::string_view text) {
  Environment env;
  std::istringstream lines{std::string(text)};
  for (std::string raw; std::getline(lines, raw);) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    env[std::string(trim(line.substr(0, eq)))] = unquote(trim(line.substr(eq + 1)));
  }
  return env;
}

Environment read_env_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return parse_env_file_text(text.str());
}

Environment current_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string_view::npos) env[std::string(entry.substr(0, eq))] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace construction
