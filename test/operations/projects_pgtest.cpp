// The rules of a project and a party, as the API and the pages both meet
// them: every bad field named at once, what a reader could not read kept
// before the rules' messages, another organisation's party no client, a
// change at a stale version refused with nothing written.
#include <catch2/catch.hpp>

#include "domain/project.hpp"
#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "sql/user_store.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using namespace construction::operations;
using construction::testing::ScratchDatabase;

namespace {

domain::FieldErrors refused_fields(const std::function<void()>& work) {
  try {
    work();
  } catch (const Refusal& refusal) {
    if (refusal.kind == Refusal::Kind::invalid_fields) return refusal.fields;
    throw;
  }
  FAIL("nothing was refused");
  return {};
}

Refusal::Kind refusal_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const Refusal& refusal) {
    return refusal.kind;
  }
  FAIL("nothing was refused");
  return Refusal::Kind::invalid_fields;
}

}  // namespace

TEST_CASE("a project's rules are checked at once, each bad field named", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Rules Org").id;
  std::int64_t other = sql::find_or_create_organisation(db, "Other Org").id;
  std::int64_t theirs = create_party(db, other, {.kind = "client", .name = "Theirs"}).id;
  std::int64_t vendor = create_party(db, org, {.kind = "vendor", .name = "Supplier"}).id;

  sql::ProjectFields bad{.number = " ",
                         .name = std::string(201, 'n'),
                         .client_id = theirs,
                         .site_address = std::string("a\0b", 3),
                         .status = "done",
                         .contract_type = "lump",
                         .retainage_work_bps = 10001,
                         .start_date = "2026-02-30",
                         .completion_date = "2026-01-01"};
  domain::FieldErrors errors = refused_fields([&] { create_project(db, org, bad); });
  CHECK(errors.message("number") == "is required");
  CHECK(errors.message("name") == "must be at most 200 characters");
  CHECK(errors.message("client_id") == "must be one of your organisation's clients");
  CHECK(errors.message("site_address") == "must not contain the NUL character");
  CHECK(errors.message("status") ==
        "must be one of lead, estimating, active, substantially_complete, closed, cancelled");
  CHECK(errors.message("contract_type") == "must be one of fixed_price, cost_plus");
  CHECK(errors.message("retainage_work_bps") == "must be between 0 and 10000");
  CHECK(errors.message("start_date") == "must be a date (YYYY-MM-DD)");
  CHECK_FALSE(errors.has("completion_date"));  // not judged against a start that is no day
  CHECK(errors.size() == 8);

  bad = {.number = "P-1",
         .name = "P",
         .client_id = vendor,
         .start_date = "2026-03-02",
         .completion_date = "2026-03-01"};
  errors = refused_fields([&] { create_project(db, org, bad); });
  CHECK(errors.message("client_id") == "must be one of your organisation's clients");
  CHECK(errors.message("completion_date") == "must not be before start_date");
  CHECK(scratch.scalar("SELECT count(*) FROM projects") == "0");

  // What the reader could not read comes first; the rules add the rest.
  domain::FieldErrors unread;
  unread.add("name", "must be a string, not a number");
  errors = refused_fields([&] { create_project(db, org, {.number = "P-1"}, unread); });
  CHECK(errors.message("name") == "must be a string, not a number");
  CHECK(errors.size() == 1);

  for (std::string_view status : domain::kProjectStatuses) {
    INFO(status);
    sql::ProjectFields fine{.number = "S-" + std::string(status),
                            .name = "P",
                            .status = std::string(status),
                            .contract_type = "cost_plus"};
    CHECK(create_project(db, org, fine).fields.status == status);
  }
}

TEST_CASE("a project changes under its lock, at its version, its client checked when it changes",
          "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Change Org").id;
  std::int64_t client = create_party(db, org, {.kind = "client", .name = "Owner"}).id;
  sql::ProjectRecord project =
      create_project(db, org, {.number = "C-1", .name = "Before", .client_id = client});
  auto rename = [](std::string name) {
    return [name](sql::ProjectFields& f, domain::FieldErrors&) { f.name = name; };
  };

  CHECK(refusal_of([&] { change_project(db, org, project.id, 7, rename("x")); }) ==
        Refusal::Kind::stale_version);
  CHECK(refusal_of([&] { change_project(db, org + 1, project.id, {}, rename("x")); }) ==
        Refusal::Kind::not_found);
  CHECK(scratch.scalar("SELECT name FROM projects") == "Before");

  // The client has since become a vendor: the name still changes, a new
  // client must still be a client.
  change_party(db, org, client, {}, sql::PartyFields{.kind = "vendor", .name = "Owner"});
  sql::ProjectRecord saved = change_project(db, org, project.id, 1, rename("After"));
  CHECK(saved.fields.name == "After");
  CHECK(saved.version == 2);
  domain::FieldErrors errors = refused_fields([&] {
    change_project(db, org, project.id, {},
                   [](sql::ProjectFields& f, domain::FieldErrors&) { f.client_id = 999999; });
  });
  CHECK(errors.message("client_id") == "must be one of your organisation's clients");

  operations::delete_project(db, org, project.id);
  CHECK(refusal_of([&] { operations::delete_project(db, org, project.id); }) ==
        Refusal::Kind::not_found);
}

TEST_CASE("a party's rules are checked at once, on creation and on a change", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Party Org").id;
  domain::FieldErrors errors = refused_fields([&] {
    create_party(db, org, {.kind = "friend", .name = "", .email = "no-at", .phone = "1"});
  });
  CHECK(errors.message("kind") == "must be one of client, vendor, subcontractor, architect");
  CHECK(errors.message("name") == "is required");
  CHECK(errors.message("email") == "must be an email address (name@example.com)");
  CHECK(errors.size() == 3);

  sql::PartyRecord party = create_party(db, org, {.kind = "architect", .name = "Studio"});
  errors = refused_fields([&] {
    change_party(db, org, party.id, party.version, [](sql::PartyFields& f, domain::FieldErrors&) {
      f.address = std::string(1001, 'a');
    });
  });
  CHECK(errors.message("address") == "must be at most 1000 characters");
  CHECK(refusal_of([&] { change_party(db, org, party.id, 2, party.fields); }) ==
        Refusal::Kind::stale_version);
  CHECK(change_party(db, org, party.id, 1, {.kind = "architect", .name = "Atelier"}).version == 2);
  operations::delete_party(db, org, party.id);
  CHECK(refusal_of([&] { operations::delete_party(db, org, party.id); }) ==
        Refusal::Kind::not_found);
}
