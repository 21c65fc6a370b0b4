#include "runtime/log.hpp"

#include <time.h>
#include <unistd.h>

#include <optional>

namespace construction::log {

namespace {
std::unique_ptr<LogFile>& destination() {
  static std::unique_ptr<LogFile> file = std::make_unique<LogFile>("-", 2);
  return file;
}
Level& threshold() {
  static Level level = Level::info;
  return level;
}
}  // namespace

std::optional<Level> parse_level(std::string_view name) {
  for (Level l : {Level::debug, Level::info, Level::warning, Level::error, Level::critical})
    if (level_name(l) == name) return l;
  return std::nullopt;
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
    case Level::critical: return "critical";
  }
  return "info";
}

void configure(const std::string& path, Level level) {
  destination() = std::make_unique<LogFile>(path, 2);
  threshold() = level;
}

void reopen() { destination()->reopen(); }

bool enabled(Level level) { return level >= threshold(); }

std::string timestamp(long long unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  strftime(buf, sizeof buf, "[%Y-%m-%d %H:%M:%S +0000]", &tm);
  return buf;
}

void write(Level level, std::string_view message) {
  std::string upper(level_name(level));
  for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
  std::string line = timestamp(::time(nullptr));
  line += " [" + std::to_string(::getpid()) + "] [" + upper + "] ";
  line += message;
  line += '\n';
  destination()->write(line);
}

}  // namespace construction::log
