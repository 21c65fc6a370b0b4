// An organisation with years of history, for measuring what a page costs as
// a contractor's data grows (`construction seed-scale`, the pg tests and the
// benches): "Scale Builders", whose history at factor N holds about N times
// a hundredth of: 2 000 projects (150 active), 100 000 estimate lines, 5 000
// change orders, 8 000 pay applications with their lines, 10 000 invoices and
// as many payments, 60 000 vendor bills, 40 000 daily logs with crew rows.
// Beside it, `others` organisations share as much again between them, so a
// query that forgets its org filter reads twice the rows and shows it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"
#include "sql/scale_seed_store.hpp"

namespace construction::operations {

inline constexpr std::string_view kScaleOrganisation = "Scale Builders";
inline constexpr std::string_view kScaleOwnerEmail = "scale@example.com";
// Fixed, as the demo's is: the benches log in with it.
inline constexpr std::string_view kScalePassword = "scale-password";
inline constexpr int kDefaultScaleOthers = 3;

struct ScaleSeedOptions {
  int factor = 1;                    // 1 to 1000
  int others = kDefaultScaleOthers;  // 0 to 100
  std::int64_t seed = 1;
};

struct ScaleSeedReport {
  std::int64_t org_id = 0;
  std::vector<std::int64_t> other_org_ids;
  std::vector<sql::TableCount> counts;         // Scale Builders'
  std::vector<sql::TableCount> others_counts;  // the other organisations', together
  std::string token;                           // an API token of the owner, shown once
  domain::Date as_of;
};

// The database already holds Scale Builders: seeding again would double it.
class ScaleOrganisationExists : public std::runtime_error {
 public:
  ScaleOrganisationExists();
};

// Scale Builders (its owner, a manager and a field user, all with
// kScalePassword) and the others, each with an owner, in one transaction.
// Throws ScaleOrganisationExists, having written nothing, when it is there.
ScaleSeedReport seed_scale(sql::Connection& db, const ScaleSeedOptions& options);

// The history's shape at `factor`: a hundredth of the figures above per
// factor, but at least 3 active projects.
sql::ScaleShape scale_shape(int factor);

}  // namespace construction::operations
