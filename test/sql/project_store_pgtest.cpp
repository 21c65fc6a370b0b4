// The project list's search: the name or the number containing the text
// as typed, in any case, through the trigram indexes' ILIKE (migration
// 0017); a % or a _ in the text is that character, not a wildcard.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql/project_store.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;

namespace {

void project(sql::Connection& db, std::int64_t org, const std::string& number,
             const std::string& name, std::string_view status = "lead") {
  sql::ProjectFields fields;
  fields.number = number;
  fields.name = name;
  fields.status = *domain::parse_project_status(status);
  sql::insert_project(db, org, fields);
}

// The numbers of the projects each of the four lists finds, checked equal.
std::vector<std::string> found(sql::Connection& db, std::int64_t org,
                               const sql::ProjectFilter& filter) {
  const sql::Page page{std::nullopt, 50};
  std::vector<std::string> numbers;
  for (const auto& p : sql::list_projects(db, org, filter, page).rows)
    numbers.push_back(p.fields.number);
  auto [listings, with_figures, listings_with_figures] =
      sql::fetch_together(db, sql::project_listings_query(org, filter, page),
                          sql::projects_with_figures_query(org, filter, page),
                          sql::project_listings_with_figures_query(org, filter, page));
  auto numbers_of = [](const auto& rows) {
    std::vector<std::string> n;
    for (const auto& p : rows) n.push_back(p.number);
    return n;
  };
  std::vector<std::string> figures;
  for (const auto& p : with_figures.rows) figures.push_back(p.fields.number);
  CHECK(numbers_of(listings.rows) == numbers);
  CHECK(figures == numbers);
  CHECK(numbers_of(listings_with_figures.rows) == numbers);
  return numbers;
}

using Numbers = std::vector<std::string>;

}  // namespace

TEST_CASE("a project search finds the name or the number containing the text, in any case",
          "[pg]") {
  ScratchDatabase database;
  auto db = database.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Search Builders").id;
  std::int64_t other = sql::find_or_create_organisation(db, "Other Builders").id;
  project(db, org, "2026-001", "Harbour Street clinic", "active");
  project(db, org, "2026-002", "Mill Road depot");
  project(db, org, "L-8", "Quarry offices", "active");
  project(db, other, "2026-003", "Harbour view");

  CHECK(found(db, org, {.text = "HARBOUR"}) == Numbers{"2026-001"});
  CHECK(found(db, org, {.text = "2026-00"}) == Numbers{"2026-001", "2026-002"});
  CHECK(found(db, org, {.text = "l-8"}) == Numbers{"L-8"});
  CHECK(found(db, org, {.text = "o"}) == Numbers{"2026-001", "2026-002", "L-8"});
  CHECK(found(db, org, {.text = "QU"}) == Numbers{"L-8"});
  CHECK(found(db, org, {.status = "active", .text = "r"}) == Numbers{"2026-001", "L-8"});
  CHECK(found(db, org, {.text = "nowhere"}).empty());
  CHECK(found(db, org, {}) == Numbers{"2026-001", "2026-002", "L-8"});
}

TEST_CASE("a project search's % and _ are the characters typed, not wildcards", "[pg]") {
  ScratchDatabase database;
  auto db = database.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Wildcard Builders").id;
  project(db, org, "W-1", "100% deposit tower");
  project(db, org, "W-2", "1000 Main Street");
  project(db, org, "W-3", "North_Wing");
  project(db, org, "W-4", "North Wing annex");
  project(db, org, "W_5", "Back\\slash yard");

  // Texts with a trigram (the trigram indexes' ILIKE) ...
  CHECK(found(db, org, {.text = "100%"}) == Numbers{"W-1"});
  CHECK(found(db, org, {.text = "h_wing"}) == Numbers{"W-3"});
  CHECK(found(db, org, {.text = "k\\sla"}) == Numbers{"W_5"});
  // ... and without one (strpos) find the same way.
  CHECK(found(db, org, {.text = "0%"}) == Numbers{"W-1"});
  CHECK(found(db, org, {.text = "h_w"}) == Numbers{"W-3"});
  CHECK(found(db, org, {.text = "w_"}) == Numbers{"W_5"});
  CHECK(found(db, org, {.text = "%"}) == Numbers{"W-1"});
  CHECK(found(db, org, {.text = "\\s"}) == Numbers{"W_5"});
}
