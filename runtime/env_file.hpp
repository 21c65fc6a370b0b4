// Reads a `.env` file: KEY=VALUE lines, optional `export `, `#` comments,
// values optionally in single or double quotes. It only supplies values that
// the real environment does not set (see config.hpp for the precedence).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace construction {

using Environment = std::map<std::string, std::string, std::less<>>;

Environment parse_env_file_text(std::string_view text);
// An absent file is an empty environment, not an error.
Environment read_env_file(const std::string& path);
// The process environment as a map.
Environment current_environment();

}  // namespace construction
