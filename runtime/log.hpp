// The error log, in Gunicorn's format:
//   [2026-11-25 12:00:00 +0000] [PID] [LEVEL] message
// One per process (the master's and each worker's share the destination).
#pragma once

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "runtime/log_file.hpp"

namespace construction::log {

enum class Level { debug, info, warning, error, critical };

std::optional<Level> parse_level(std::string_view name);
std::string_view level_name(Level level);

// Points the error log at path ("-" is stderr) and sets the threshold.
void configure(const std::string& path, Level threshold);
void reopen();
bool enabled(Level level);
void write(Level level, std::string_view message);

// "[2026-11-25 12:00:00 +0000]" for the given UNIX time (UTC).
std::string timestamp(long long unix_seconds);

// Builds a message from pieces: log::info("Booting worker with pid: ", pid).
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

template <typename... Parts>
void debug(const Parts&... parts) {
  if (enabled(Level::debug)) write(Level::debug, concat(parts...));
}
template <typename... Parts>
void info(const Parts&... parts) {
  if (enabled(Level::info)) write(Level::info, concat(parts...));
}
template <typename... Parts>
void warning(const Parts&... parts) {
  if (enabled(Level::warning)) write(Level::warning, concat(parts...));
}
template <typename... Parts>
void error(const Parts&... parts) {
  if (enabled(Level::error)) write(Level::error, concat(parts...));
}
template <typename... Parts>
void critical(const Parts&... parts) {
  write(Level::critical, concat(parts...));
}

}  // namespace construction::log
