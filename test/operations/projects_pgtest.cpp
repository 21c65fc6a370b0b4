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
  std::int64_t theirs =
      create_party(db, other, {.kind = domain::PartyKind::client, .name = "Theirs"}).id;
  std::int64_t vendor =
      create_party(db, org, {.kind = domain::PartyKind::vendor, .name = "Supplier"}).id;

  // A status, a contract type and a date come typed: what a reader could
  // not read (domain::read_name's message, a day that is none) arrives as
  // `unread` and is refused with the rules' errors.
  domain::FieldErrors unread;
  CHECK_FALSE(domain::read_name("done", domain::parse_project_status,
                                domain::project_status_names(), "status", unread));
  CHECK_FALSE(domain::read_name("lump", domain::parse_contract_type, domain::contract_type_names(),
                                "contract_type", unread));
  unread.add("start_date", "must be a date (YYYY-MM-DD)");
  sql::ProjectFields bad{.number = " ",
                         .name = std::string(201, 'n'),
                         .client_id = theirs,
                         .site_address = std::string("a\0b", 3),
                         .retainage_work_bps = 10001,
                         .completion_date = domain::parse_date("2026-01-01")};
  domain::FieldErrors errors = refused_fields([&] { create_project(db, org, bad, unread); });
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
         .start_date = domain::parse_date("2026-03-02"),
         .completion_date = domain::parse_date("2026-03-01")};
  errors = refused_fields([&] { create_project(db, org, bad); });
  CHECK(errors.message("client_id") == "must be one of your organisation's clients");
  CHECK(errors.message("completion_date") == "must not be before start_date");
  CHECK(scratch.scalar("SELECT count(*) FROM projects") == "0");

  // What the reader could not read comes first; the rules add the rest.
  unread = {};
  unread.add("name", "must be a string, not a number");
  errors = refused_fields([&] { create_project(db, org, {.number = "P-1"}, unread); });
  CHECK(errors.message("name") == "must be a string, not a number");
  CHECK(errors.size() == 1);

  // Every status the product knows is one the schema stores and reads back.
  for (std::string_view name : domain::project_status_names()) {
    INFO(name);
    domain::ProjectStatus status = *domain::parse_project_status(name);
    sql::ProjectFields fine{.number = "S-" + std::string(name),
                            .name = "P",
                            .status = status,
                            .contract_type = domain::ContractType::cost_plus};
    CHECK(create_project(db, org, fine).fields.status == status);
  }
}

TEST_CASE("a project changes under its lock, at its version, its client checked when it changes",
          "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Change Org").id;
  std::int64_t client =
      create_party(db, org, {.kind = domain::PartyKind::client, .name = "Owner"}).id;
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
  change_party(db, org, client, {},
               sql::PartyFields{.kind = domain::PartyKind::vendor, .name = "Owner"});
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

TEST_CASE("a project's architect is one of the organisation's architects, checked when it changes",
          "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Architect Org").id;
  std::int64_t other = sql::find_or_create_organisation(db, "Other Architect Org").id;
  std::int64_t client =
      create_party(db, org, {.kind = domain::PartyKind::client, .name = "Owner"}).id;
  std::int64_t architect =
      create_party(db, org, {.kind = domain::PartyKind::architect, .name = "Lindqvist"}).id;
  std::int64_t theirs =
      create_party(db, other, {.kind = domain::PartyKind::architect, .name = "Theirs"}).id;
  const std::string message = "must be one of your organisation's architects";

  for (std::int64_t wrong : {client, theirs}) {
    domain::FieldErrors errors = refused_fields([&] {
      create_project(db, org,
                     {.number = "A-1", .name = "P", .client_id = client, .architect_id = wrong});
    });
    CHECK(errors.message("architect_id") == message);
    CHECK(errors.size() == 1);
  }
  CHECK(scratch.scalar("SELECT count(*) FROM projects") == "0");

  sql::ProjectRecord project = create_project(
      db, org, {.number = "A-1", .name = "P", .client_id = client, .architect_id = architect});
  CHECK(project.fields.architect_id == architect);
  CHECK(sql::find_project(db, org, project.id)->fields.architect_id == architect);

  // The architect has since become a vendor: the name still changes, a new
  // architect must still be an architect.
  change_party(db, org, architect, {},
               sql::PartyFields{.kind = domain::PartyKind::vendor, .name = "Lindqvist"});
  sql::ProjectRecord saved =
      change_project(db, org, project.id, {},
                     [](sql::ProjectFields& f, domain::FieldErrors&) { f.name = "Renamed"; });
  CHECK(saved.fields.architect_id == architect);
  domain::FieldErrors errors = refused_fields([&] {
    change_project(db, org, project.id, {},
                   [&](sql::ProjectFields& f, domain::FieldErrors&) { f.architect_id = theirs; });
  });
  CHECK(errors.message("architect_id") == message);
  saved = change_project(db, org, project.id, {},
                         [](sql::ProjectFields& f, domain::FieldErrors&) { f.architect_id = {}; });
  CHECK_FALSE(saved.fields.architect_id);
}

TEST_CASE("a party's rules are checked at once, on creation and on a change", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  std::int64_t org = sql::find_or_create_organisation(db, "Party Org").id;
  domain::FieldErrors unread;
  domain::read_name("friend", domain::parse_party_kind, domain::party_kind_names(), "kind", unread);
  domain::FieldErrors errors = refused_fields(
      [&] { create_party(db, org, {.name = "", .email = "no-at", .phone = "1"}, unread); });
  CHECK(errors.message("kind") == "must be one of client, vendor, subcontractor, architect");
  CHECK(errors.message("name") == "is required");
  CHECK(errors.message("email") == "must be an email address (name@example.com)");
  CHECK(errors.size() == 3);

  sql::PartyRecord party =
      create_party(db, org, {.kind = domain::PartyKind::architect, .name = "Studio"});
  errors = refused_fields([&] {
    change_party(db, org, party.id, party.version, [](sql::PartyFields& f, domain::FieldErrors&) {
      f.address = std::string(1001, 'a');
    });
  });
  CHECK(errors.message("address") == "must be at most 1000 characters");
  CHECK(refusal_of([&] { change_party(db, org, party.id, 2, party.fields); }) ==
        Refusal::Kind::stale_version);
  CHECK(
      change_party(db, org, party.id, 1, {.kind = domain::PartyKind::architect, .name = "Atelier"})
          .version == 2);
  operations::delete_party(db, org, party.id);
  CHECK(refusal_of([&] { operations::delete_party(db, org, party.id); }) ==
        Refusal::Kind::not_found);
}
