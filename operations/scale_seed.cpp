#include "operations/scale_seed.hpp"

#include "operations/authentication.hpp"
#include "operations/user_accounts.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

namespace {

using namespace std::chrono_literals;

// The day every history runs up to: fixed, so the same factor and seed give
// the same rows whatever day they are generated.
constexpr domain::Date kAsOf = 2026y / 11 / 30;

std::string other_name(int i) {
  return "Neighbour Builders " + std::to_string(i);
}
std::string other_owner(int i) {
  return "owner@neighbour-" + std::to_string(i) + ".example";
}

sql::UserRecord add_user(sql::Connection& db, std::int64_t org_id, const std::string& email,
                         const std::string& name, domain::Role role) {
  return create_user(db, org_id, {email, name, role, true}, std::string(kScalePassword));
}

}  // namespace

ScaleOrganisationExists::ScaleOrganisationExists()
    : std::runtime_error("the database already holds " + std::string(kScaleOrganisation) +
                         ": seed-scale fills an empty one (drop it, or use another database)") {}

sql::ScaleShape scale_shape(int factor) {
  return {.projects = 20 * factor, .active = std::max(3, factor * 3 / 2), .as_of = kAsOf};
}

ScaleSeedReport seed_scale(sql::Connection& db, const ScaleSeedOptions& options) {
  sql::Transaction tx(db);
  if (sql::organisation_exists(db, std::string(kScaleOrganisation)))
    throw ScaleOrganisationExists();
  ScaleSeedReport report;
  report.as_of = kAsOf;
  report.org_id = organisation_named(db, std::string(kScaleOrganisation)).id;
  sql::UserRecord owner = add_user(db, report.org_id, std::string(kScaleOwnerEmail), "Sam Okonkwo",
                                   domain::Role::owner);
  add_user(db, report.org_id, "scale-manager@example.com", "Rita Calloway", domain::Role::manager);
  add_user(db, report.org_id, "scale-field@example.com", "Joe Baptiste", domain::Role::field);

  sql::ScaleShape shape = scale_shape(options.factor);
  shape.org_id = report.org_id;
  shape.seed = options.seed;
  sql::insert_scale_history(db, shape);

  // The others share Scale Builders' size between them, each at least a
  // few projects with one under way.
  for (int i = 1; i <= options.others; ++i) {
    std::int64_t org_id = organisation_named(db, other_name(i)).id;
    add_user(db, org_id, other_owner(i), "Owner " + std::to_string(i), domain::Role::owner);
    sql::ScaleShape other = shape;
    other.org_id = org_id;
    other.projects = std::max(8, (shape.projects + options.others - 1) / options.others);
    other.active = std::max(1, (shape.active + options.others - 1) / options.others);
    other.seed = options.seed * 1000 + i;
    sql::insert_scale_history(db, other);
    report.other_org_ids.push_back(org_id);
  }

  auto token = issue_token(db, owner, "seed-scale");
  if (!token) throw std::logic_error("the scale owner changed while being seeded");
  report.token = token->text;
  report.counts = sql::count_scale_rows(db, {report.org_id});
  if (!report.other_org_ids.empty())
    report.others_counts = sql::count_scale_rows(db, report.other_org_ids);
  tx.commit();
  sql::analyze_scale_tables(db);
  return report;
}

}  // namespace construction::operations
