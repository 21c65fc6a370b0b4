// `construction seed-scale --factor N [--others K] [--seed S]`: migrates the
// database, then loads Scale Builders and its neighbours
// (operations/scale_seed.hpp) in one transaction and prints what it built
// as `key: value` lines, which the benches parse: the owner's email and
// password, an API token, each table's rows, the seconds taken.
#include <charconv>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "app/database_config.hpp"
#include "cli/commands.hpp"
#include "operations/scale_seed.hpp"
#include "sql/connection.hpp"
#include "sql/embedded_migrations.hpp"
#include "sql/migrator.hpp"

namespace construction::cli {

namespace {

constexpr std::string_view kUsage =
    "Usage: construction seed-scale --factor N [--others K] [--seed S]\n"
    "\n"
    "Loads \"Scale Builders\" into an empty database (DATABASE_URL), migrating it\n"
    "first: years of history, at factor 100 about 2 000 projects (150 active),\n"
    "100 000 estimate lines, 8 000 pay applications, 60 000 vendor bills and\n"
    "40 000 daily logs; factor 1 is a hundredth of that. K other organisations\n"
    "(default 3) hold as much again between them. The same factor and seed S\n"
    "(default 1) give the same rows. Refused (status 2) when Scale Builders is\n"
    "already there.\n"
    "\n"
    "Prints one `key: value` line per fact, for scripts to read: organisation,\n"
    "email, password, token (an API token of the owner), factor, seed, others,\n"
    "as_of (the day the history runs up to), one line per table with its rows\n"
    "in Scale Builders (projects: 2000) and in the others together\n"
    "(others.projects: 2001), and seconds.\n";

std::optional<std::int64_t> parse_number(const std::string& text, std::int64_t low,
                                         std::int64_t high) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

}  // namespace

int seed_scale(const std::vector<std::string>& args) {
  auto options = parse_options(args, {"--factor", "--others", "--seed"}, {"--help"});
  if (!options || options->count("--help") || !options->count("--factor")) {
    (options && options->count("--help") ? std::cout : std::cerr) << kUsage;
    return options && options->count("--help") ? 0 : 2;
  }
  operations::ScaleSeedOptions seed;
  auto factor = parse_number((*options)["--factor"], 1, 1000);
  auto others = options->count("--others") ? parse_number((*options)["--others"], 0, 100)
                                           : std::optional<std::int64_t>{seed.others};
  auto number = options->count("--seed") ? parse_number((*options)["--seed"], 0, 1000000)
                                         : std::optional<std::int64_t>{seed.seed};
  if (!factor || !others || !number) {
    std::cerr << "Error: --factor takes 1 to 1000, --others 0 to 100, --seed 0 to 1000000\n"
              << kUsage;
    return 2;
  }
  seed.factor = static_cast<int>(*factor);
  seed.others = static_cast<int>(*others);
  seed.seed = *number;

  Config config = load_command_config();
  sql::Connection db = sql::Connection::open(database_settings(config, "construction seed-scale"));
  sql::Migrator(db, sql::embedded_migrations()).up();
  auto started = std::chrono::steady_clock::now();
  operations::ScaleSeedReport report;
  try {
    report = operations::seed_scale(db, seed);
  } catch (const operations::ScaleOrganisationExists& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return 2;
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;

  std::cout << "organisation: " << operations::kScaleOrganisation << "\n"
            << "email: " << operations::kScaleOwnerEmail << "\n"
            << "password: " << operations::kScalePassword << "\n"
            << "token: " << report.token << "\n"
            << "factor: " << seed.factor << "\n"
            << "seed: " << seed.seed << "\n"
            << "others: " << seed.others << "\n"
            << "as_of: " << domain::iso_date(report.as_of) << "\n";
  for (const auto& count : report.counts) std::cout << count.table << ": " << count.rows << "\n";
  for (const auto& count : report.others_counts)
    std::cout << "others." << count.table << ": " << count.rows << "\n";
  std::cout << "seconds: " << std::fixed << std::setprecision(1) << took.count() << "\n";
  return 0;
}

}  // namespace construction::cli
