// `construction migrate [up|status]`: applies the migrations compiled into
// the binary, or lists which are applied and which pending.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/database_config.hpp"
#include "cli/commands.hpp"
#include "domain/calendar.hpp"
#include "sql/connection.hpp"
#include "sql/migrator.hpp"

namespace construction::cli {

namespace {

// "2026-12-05 10:04:31 UTC": when a migration was applied, to the second.
std::string applied_on(domain::Timestamp instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::hh_mm_ss time{instant - day};
  char clock[9];
  std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return domain::iso_date(day) + " " + clock + " UTC";
}

int print_status(sql::Migrator& migrator) {
  int pending = 0;
  for (const auto& m : migrator.status()) {
    std::cout << std::string(sql::to_string(m.state))
              << std::string(9 - sql::to_string(m.state).size(), ' ') << m.name
              << (m.applied_at ? "  (" + applied_on(*m.applied_at) + ")" : "") << "\n";
    pending += m.state == sql::MigrationState::pending;
  }
  std::cout << pending << " pending\n";
  return 0;
}

int apply(sql::Migrator& migrator) {
  sql::MigrationReport report = migrator.up();
  for (const auto& name : report.changed)
    std::cerr << "Warning: " << name
              << " was edited after it was applied; the database has the old text\n";
  for (const auto& name : report.applied) std::cout << "applied  " << name << "\n";
  if (report.applied.empty()) std::cout << "Nothing to apply: the schema is up to date\n";
  return 0;
}

}  // namespace

int migrate(const std::vector<std::string>& args) {
  std::string action = args.empty() ? "up" : args[0];
  if (args.size() > 1 || (action != "up" && action != "status")) {
    std::cerr << "Usage: construction migrate [up|status]\n";
    return 2;
  }
  Config config = load_command_config();
  sql::Connection connection =
      sql::Connection::open(database_settings(config, "construction migrate"));
  sql::Migrator migrator(connection, sql::embedded_migrations());
  return action == "status" ? print_status(migrator) : apply(migrator);
}

}  // namespace construction::cli
