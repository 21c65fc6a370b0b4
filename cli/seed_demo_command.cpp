// `construction seed-demo`: loads the demo organisation of api.md ("Demo
// data") in one transaction: "Demo Builders", its owner demo@example.com, a
// manager and a field user, six parties, and two active projects priced from
// accepted estimates (domain/demo_estimate.hpp): the kitchen remodel and an
// office fit-out with 10 % retainage.
//
// Idempotent: every row is looked up by its natural key (an email, a party's
// kind and name, a project's number, a project's accepted estimate) before it
// is made, so a second run adds nothing and says so. The estimates go through
// the product's own operations (pricing, the state machine, operations/estimate_transitions.hpp),
// so the schedules of values and contract sums are those a user clicking
// through the API would get.
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/database_config.hpp"
#include "cli/commands.hpp"
#include "domain/demo_estimate.hpp"
#include "domain/estimate.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/password.hpp"
#include "sql/connection.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"

namespace construction::cli {

namespace {

constexpr std::string_view kOrganisation = "Demo Builders";
constexpr std::string_view kOwnerEmail = "demo@example.com";
// Shorter than the API's minimum of operations::kMinPasswordLength characters: the
// seed writes the hash itself, so this one demo password, easy to type on a
// laptop at a trade show, is allowed here and nowhere else (the API and
// create-user refuse it).
constexpr std::string_view kDemoPassword = "demo";

// Every demo user has the demo password, so each role can be tried.
const std::vector<sql::UserFields> kUsers = {
    {std::string(kOwnerEmail), "Dana Whitfield", "owner", true},
    {"manager@example.com", "Marco Reyes", "manager", true},
    {"field@example.com", "Tess Okafor", "field", true},
};

const sql::PartyFields kHomeowner = {"client", "Emma and James Harper", "harpers@example.com",
                                     "(503) 555-0142", "2217 NE Alameda St, Portland, OR 97212"};
const sql::PartyFields kCommercialClient = {"client", "Northwind Legal LLP",
                                            "facilities@northwind-legal.example", "(503) 555-0190",
                                            "1120 SW 5th Ave, Suite 800, Portland, OR 97204"};
const std::vector<sql::PartyFields> kOtherParties = {
    {"architect", "Lindqvist Architecture", "studio@lindqvist.example", "(503) 555-0117",
     "733 SW Oak St, Portland, OR 97205"},
    {"subcontractor", "Summit Drywall & Paint", "bids@summitdrywall.example", "(503) 555-0163",
     "4410 SE Division St, Portland, OR 97206"},
    {"subcontractor", "Brightline Electric", "office@brightline-electric.example", "(503) 555-0178",
     "9005 N Columbia Blvd, Portland, OR 97203"},
    {"vendor", "Cedar Supply Co.", "orders@cedarsupply.example", "(503) 555-0125",
     "2600 NW Yeon Ave, Portland, OR 97210"},
};

struct DemoProject {
  sql::ProjectFields fields;  // client_id filled in at run time
  std::string_view estimate_title;
  domain::BasisPoints tax_rate;
  std::vector<domain::CostLineInput> lines;
};

// A homeowner's remodel is billed on invoices, without retainage.
DemoProject kitchen_remodel(std::int64_t client_id) {
  sql::ProjectFields f{.number = "2026-014",
                       .name = "Harper kitchen remodel",
                       .client_id = client_id,
                       .site_address = "2217 NE Alameda St, Portland, OR 97212",
                       .status = "active",
                       .retainage_work_bps = 0,
                       .retainage_stored_bps = 0,
                       .start_date = "2026-03-02",
                       .completion_date = "2026-05-29"};
  return {f, domain::kDemoEstimateTitle, domain::kDemoEstimateTaxRate,
          domain::demo_estimate_lines()};
}

// A commercial fit-out is billed on pay applications with 10 % retainage.
DemoProject office_fit_out(std::int64_t client_id) {
  sql::ProjectFields f{.number = "2026-021",
                       .name = "Northwind Legal office fit-out",
                       .client_id = client_id,
                       .site_address = "1120 SW 5th Ave, Suite 800, Portland, OR 97204",
                       .status = "active",
                       .retainage_work_bps = 1000,
                       .retainage_stored_bps = 1000,
                       .start_date = "2026-02-16",
                       .completion_date = "2026-06-26"};
  return {f, domain::kDemoFitOutTitle, domain::kDemoFitOutTaxRate, domain::demo_fit_out_lines()};
}

// The open transaction and what this run has added, to report.
struct Seed {
  sql::Connection& db;
  std::int64_t org_id = 0;
  std::vector<std::string> created;
};

void seed_user(Seed& s, const sql::UserFields& fields) {
  if (auto user = sql::find_user_by_email(s.db, fields.email)) {
    if (user->org_id == s.org_id) return;
    throw std::runtime_error(fields.email + " belongs to another organisation: nothing was loaded");
  }
  sql::insert_user(s.db, s.org_id, fields, operations::hash_password(kDemoPassword));
  s.created.push_back("user " + fields.email + " (" + fields.role + ")");
}

std::int64_t seed_party(Seed& s, const sql::PartyFields& fields) {
  sql::Page page{.limit = 200};
  for (const auto& party : sql::list_parties(s.db, s.org_id, {fields.kind, fields.name}, page).rows)
    if (party.fields.name == fields.name) return party.id;
  s.created.push_back("party " + fields.name + " (" + fields.kind + ")");
  return sql::insert_party(s.db, s.org_id, fields).id;
}

std::int64_t seed_project(Seed& s, const sql::ProjectFields& fields) {
  sql::Page page{.limit = 200};
  for (const auto& project : sql::list_projects(s.db, s.org_id, {.text = fields.number}, page).rows)
    if (project.fields.number == fields.number) return project.id;
  s.created.push_back("project " + fields.number + " " + fields.name + " (" + fields.status + ")");
  return sql::insert_project(s.db, s.org_id, fields).id;
}

domain::EstimateStatus advance(domain::EstimateStatus from, domain::EstimateAction action) {
  auto next = domain::transition(from, action);
  if (!next) throw std::logic_error("demo estimate: " + next.error().message);
  return next.value();
}

// Draft, sent, accepted: the estimate's life as the API leads it, ending in
// accept's schedule of values and original contract sum.
void seed_accepted_estimate(Seed& s, std::int64_t project_id, const DemoProject& demo) {
  if (sql::project_has_accepted_estimate(s.db, s.org_id, project_id)) return;
  std::vector<sql::LineFields> lines;
  for (const domain::CostLineInput& input : demo.lines) {
    auto line = operations::price_line_fields(input, static_cast<std::int64_t>(lines.size()) + 1);
    if (!line) throw std::logic_error("demo estimate line " + input.cost_code + " is refused");
    lines.push_back(line.value());
  }
  sql::EstimateFields fields{sql::next_estimate_number(s.db, s.org_id, project_id),
                             std::string(demo.estimate_title), std::nullopt, demo.tax_rate.value,
                             ""};
  operations::EstimateDocument draft =
      operations::insert_estimate_document(s.db, s.org_id, project_id, fields, lines);
  auto sent = advance(domain::EstimateStatus::draft, domain::EstimateAction::send);
  advance(sent, domain::EstimateAction::accept);
  sql::EstimateRecord estimate = sql::set_estimate_status(s.db, s.org_id, draft.estimate.id,
                                                          std::string(domain::to_string(sent)));
  if (!operations::accept_estimate(s.db, s.org_id, estimate))
    throw std::logic_error("demo project " + demo.fields.number + " has an accepted estimate");
  s.created.push_back("estimate " + fields.number + " " + fields.title + " (accepted, " +
                      domain::format_cents(domain::Cents{estimate.totals.total_cents}) + ")");
}

void seed_project_with_estimate(Seed& s, const DemoProject& demo) {
  seed_accepted_estimate(s, seed_project(s, demo.fields), demo);
}

void seed(Seed& s) {
  for (const auto& user : kUsers) seed_user(s, user);
  std::int64_t homeowner = seed_party(s, kHomeowner);
  std::int64_t commercial_client = seed_party(s, kCommercialClient);
  for (const auto& party : kOtherParties) seed_party(s, party);
  seed_project_with_estimate(s, kitchen_remodel(homeowner));
  seed_project_with_estimate(s, office_fit_out(commercial_client));
  // Still to come, each with its table and store (api.md, "Demo data"), in
  // this same transaction and looked up before it is made:
  //  - change orders on the kitchen remodel, one extra and one credit, each
  //    approved and adding its schedule of values line;
  //  - pay applications on the office fit-out at its 10 % retainage, and the
  //    progress invoices certifying them creates;
  //  - tasks and a week of daily logs on both projects.
}

}  // namespace

int seed_demo(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "Usage: construction seed-demo\n";
    return 2;
  }
  Config config = load_command_config();
  sql::Connection db = sql::Connection::open(database_settings(config, "construction seed-demo"));
  sql::Transaction tx(db);
  Seed s{db};
  sql::OrganisationRef org = sql::find_or_create_organisation(db, std::string(kOrganisation));
  s.org_id = org.id;
  if (org.created) s.created.push_back("organisation " + std::string(kOrganisation));
  seed(s);
  tx.commit();

  for (const auto& what : s.created) std::cout << "created  " << what << "\n";
  if (s.created.empty()) std::cout << "Nothing to load: the demo organisation is already there\n";
  std::cout << "Log in as " << kOwnerEmail << " with the password: " << kDemoPassword << "\n"
            << "(" << kUsers[1].email << " and " << kUsers[2].email << " have the same password)\n";
  return 0;
}

}  // namespace construction::cli
