// `construction seed-demo`: loads the demo organisation of api.md ("Demo
// data") in one transaction: "Demo Builders" (with its address), its owner demo@example.com, a
// manager and a field user, six parties, and two active projects priced from
// accepted estimates (domain/demo_estimate.hpp): the kitchen remodel, with an
// extra and a credit change order approved, and an office fit-out with 10 %
// retainage billed on two certified pay applications whose invoices are
// sent and paid (the second in part); both with tasks, the fit-out with a
// week of daily logs, and its job costing: two subcontracts and a purchase
// order approved, and a month of vendor bills against them and direct, a
// credit among them, which take the partitions (09-210) over budget.
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
#include "domain/commitment.hpp"
#include "domain/demo_estimate.hpp"
#include "domain/estimate.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/commitment_transitions.hpp"
#include "operations/daily_log_document.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/invoice_document.hpp"
#include "operations/organisation.hpp"
#include "operations/pay_application_transitions.hpp"
#include "operations/projects.hpp"
#include "operations/task_schedule.hpp"
#include "operations/user_accounts.hpp"
#include "operations/vendor_bill_transitions.hpp"
#include "sql/connection.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"
#include "sql/vendor_bill_store.hpp"

namespace construction::cli {

namespace {

constexpr std::string_view kOrganisation = "Demo Builders";
constexpr std::string_view kOwnerEmail = "demo@example.com";
// Shorter than the API's minimum of operations::kMinPasswordLength characters:
// operations::create_user leaves the length to its callers, so this one demo
// password, easy to type on a laptop at a trade show, is allowed here and
// nowhere else (the API and create-user refuse it).
constexpr std::string_view kDemoPassword = "demo";

// Every demo user has the demo password, so each role can be tried.
const std::vector<sql::UserFields> kUsers = {
    {std::string(kOwnerEmail), "Dana Whitfield", domain::Role::owner, true},
    {"manager@example.com", "Marco Reyes", domain::Role::manager, true},
    {"field@example.com", "Tess Okafor", domain::Role::field, true},
};

const sql::PartyFields kHomeowner = {domain::PartyKind::client, "Emma and James Harper",
                                     "harpers@example.com", "(503) 555-0142",
                                     "2217 NE Alameda St, Portland, OR 97212"};
const sql::PartyFields kCommercialClient = {domain::PartyKind::client, "Northwind Legal LLP",
                                            "facilities@northwind-legal.example", "(503) 555-0190",
                                            "1120 SW 5th Ave, Suite 800, Portland, OR 97204"};
const std::vector<sql::PartyFields> kOtherParties = {
    {domain::PartyKind::architect, "Lindqvist Architecture", "studio@lindqvist.example",
     "(503) 555-0117", "733 SW Oak St, Portland, OR 97205"},
    {domain::PartyKind::subcontractor, "Summit Drywall & Paint", "bids@summitdrywall.example",
     "(503) 555-0163", "4410 SE Division St, Portland, OR 97206"},
    {domain::PartyKind::subcontractor, "Brightline Electric", "office@brightline-electric.example",
     "(503) 555-0178", "9005 N Columbia Blvd, Portland, OR 97203"},
    {domain::PartyKind::vendor, "Cedar Supply Co.", "orders@cedarsupply.example", "(503) 555-0125",
     "2600 NW Yeon Ave, Portland, OR 97210"},
};

struct DemoProject {
  sql::ProjectFields fields;  // client_id and architect_id filled in at run time
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
                       .status = domain::ProjectStatus::active,
                       .retainage_work_bps = 0,
                       .retainage_stored_bps = 0,
                       .start_date = domain::parse_date("2026-03-02"),
                       .completion_date = domain::parse_date("2026-05-29")};
  return {f, domain::kDemoEstimateTitle, domain::kDemoEstimateTaxRate,
          domain::demo_estimate_lines()};
}

// A commercial fit-out is billed on pay applications with 10 % retainage,
// certified by its architect.
DemoProject office_fit_out(std::int64_t client_id, std::int64_t architect_id) {
  sql::ProjectFields f{.number = "2026-021",
                       .name = "Northwind Legal office fit-out",
                       .client_id = client_id,
                       .architect_id = architect_id,
                       .site_address = "1120 SW 5th Ave, Suite 800, Portland, OR 97204",
                       .status = domain::ProjectStatus::active,
                       .retainage_work_bps = 1000,
                       .retainage_stored_bps = 1000,
                       .start_date = domain::parse_date("2026-02-16"),
                       .completion_date = domain::parse_date("2026-06-26")};
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
  operations::create_user(s.db, s.org_id, fields, std::string(kDemoPassword));
  s.created.push_back("user " + fields.email + " (" + std::string(to_string(fields.role)) + ")");
}

std::int64_t seed_party(Seed& s, const sql::PartyFields& fields) {
  sql::Page page{.limit = 200};
  for (const auto& party :
       sql::list_parties(s.db, s.org_id, {std::string(to_string(fields.kind)), fields.name}, page)
           .rows)
    if (party.fields.name == fields.name) return party.id;
  s.created.push_back("party " + fields.name + " (" + std::string(to_string(fields.kind)) + ")");
  return operations::create_party(s.db, s.org_id, fields).id;
}

std::int64_t seed_project(Seed& s, const sql::ProjectFields& fields) {
  sql::Page page{.limit = 200};
  for (const auto& project : sql::list_projects(s.db, s.org_id, {.text = fields.number}, page).rows)
    if (project.fields.number == fields.number) return project.id;
  s.created.push_back("project " + fields.number + " " + fields.name + " (" +
                      std::string(to_string(fields.status)) + ")");
  return operations::create_project(s.db, s.org_id, fields).id;
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
  operations::transition_estimate(s.db, s.org_id, draft.estimate.id, domain::EstimateAction::send);
  const sql::EstimateRecord estimate =
      operations::transition_estimate(s.db, s.org_id, draft.estimate.id,
                                      domain::EstimateAction::accept)
          .estimate;
  s.created.push_back("estimate " + fields.number + " " + fields.title + " (accepted, " +
                      domain::format_cents(estimate.totals.total) + ")");
}

std::int64_t seed_project_with_estimate(Seed& s, const DemoProject& demo) {
  std::int64_t id = seed_project(s, demo.fields);
  seed_accepted_estimate(s, id, demo);
  return id;
}
// ---- Billing, schedule and site records (issue 9), each through the
// product's operations inside the seed's transaction (a Transaction opened
// inside another is a savepoint), each looked up before it is made.

// Kitchen: one extra and one credit change order, both approved.
void seed_change_order(Seed& s, std::int64_t project_id, const std::string& title,
                       const std::string& reason, const domain::CostLineInput& input) {
  operations::NewChangeOrder order;
  order.fields = {"", title, reason, 0};
  auto line = operations::price_line_fields(input, 1, domain::UnitCostSign::credit_allowed);
  if (!line) throw std::logic_error("demo change order line " + input.description + " is refused");
  order.lines.push_back(line.value());
  auto created = operations::create_change_order(s.db, s.org_id, project_id, [&] { return order; });
  operations::transition_change_order(s.db, s.org_id, created.order.id,
                                      domain::ChangeOrderAction::submit);
  auto approved = operations::transition_change_order(s.db, s.org_id, created.order.id,
                                                      domain::ChangeOrderAction::approve);
  s.created.push_back("change order " + approved.order.fields.number + " " + title +
                      " (approved, " + domain::format_cents(approved.order.amount_cents) + ")");
}

void seed_change_orders(Seed& s, std::int64_t project_id) {
  if (!sql::list_change_orders(s.db, s.org_id, project_id, {.limit = 1}).rows.empty()) return;
  seed_change_order(
      s, project_id, "Under-cabinet lighting", "Owner request after demolition",
      {"26-050", "subcontract", "LED under-cabinet lights, 4 runs", "4", "ea", 18500, 1500, false});
  seed_change_order(
      s, project_id, "Owner-supplied range hood", "Credit: the owners bought it",
      {"06-400", "material", "Range hood allowance credited", "1", "ls", -65000, 2000, false});
}

// Office fit-out: two certified pay applications at 10 % retainage, their
// invoices sent, the first paid, the second partly; the second certified a
// little under what was asked (the architect held back part of the doors).
struct DemoPeriod {
  domain::Date period_to;
  std::vector<int> percent_this_period;  // of each SOV line's value, in item order
  std::vector<int> percent_stored;
  std::int64_t held_back_cents;  // certified = payment due - this
  domain::Date paid_on;
  int percent_paid;
};

using namespace std::chrono_literals;
const std::vector<DemoPeriod> kFitOutPeriods = {
    {2026y / 3 / 31,
     {30, 40, 0, 45, 10, 0, 0, 25},
     {0, 0, 50, 0, 0, 20, 0, 0},
     0,
     2026y / 4 / 24,
     100},
    {2026y / 4 / 30,
     {35, 30, 10, 45, 55, 40, 50, 45},
     {0, 0, 20, 0, 0, 30, 0, 0},
     250000,
     2026y / 5 / 27,
     60},
};

std::int64_t percent_of(std::int64_t cents, int percent) {
  return cents * percent / 100;  // whole cents, rounded down: a bill never rounds up
}

void seed_pay_application(Seed& s, std::int64_t project_id, const DemoPeriod& period) {
  auto app = operations::create_pay_application(s.db, s.org_id, project_id,
                                                [&] { return period.period_to; });
  for (std::size_t k = 0; k < app.lines.size(); ++k) {
    const auto& line = app.lines[k];
    std::int64_t c = line.figures.scheduled_value_cents.value;
    operations::LineAmounts amounts{percent_of(c, period.percent_this_period.at(k)),
                                    percent_of(c, period.percent_stored.at(k))};
    // Materials stored last period and installed now leave F for E.
    amounts.this_period_cents += line.figures.stored_cents.value;
    operations::change_pay_application_line(s.db, s.org_id, app.application.id, line.id,
                                            std::nullopt, [&](const auto&) { return amounts; });
  }
  using domain::PayApplicationAction;
  operations::transition_pay_application(s.db, s.org_id, app.application.id,
                                         PayApplicationAction::submit);
  auto submitted = operations::load_pay_application(s.db, s.org_id, app.application.id);
  std::int64_t certified =
      submitted.application.g702.current_payment_due_cents.value - period.held_back_cents;
  auto done = operations::transition_pay_application(s.db, s.org_id, app.application.id,
                                                     PayApplicationAction::certify, std::nullopt,
                                                     [&] { return certified; });
  s.created.push_back("pay application " + std::to_string(done.application.number) + " to " +
                      domain::iso_date(period.period_to) + " (certified, " +
                      domain::format_cents(domain::Cents{certified}) + ")");
  auto invoice = sql::find_invoice_of_pay_application(s.db, s.org_id, app.application.id);
  operations::transition_invoice(s.db, s.org_id, invoice->id, domain::InvoiceAction::send);
  sql::PaymentFields payment{domain::Cents{percent_of(certified, period.percent_paid)},
                             period.paid_on, domain::PaymentMethod::ach, "Northwind remittance"};
  operations::record_payment(s.db, s.org_id, invoice->id, std::nullopt, [&] { return payment; });
  s.created.push_back("invoice " + invoice->fields.number + " (sent, " +
                      domain::format_cents(payment.amount_cents) + " paid)");
}

void seed_pay_applications(Seed& s, std::int64_t project_id) {
  if (sql::latest_pay_application(s.db, s.org_id, project_id)) return;
  for (const auto& period : kFitOutPeriods) seed_pay_application(s, project_id, period);
}

// Tasks: each project's schedule as a chain, each task after the one before.
struct DemoTask {
  std::string name, start, end;
  int percent;
};

void seed_tasks(Seed& s, std::int64_t project_id, std::string_view number,
                const std::vector<DemoTask>& tasks) {
  if (!sql::list_tasks(s.db, s.org_id, project_id, {.limit = 1}).rows.empty()) return;
  std::optional<std::int64_t> previous;
  for (const auto& t : tasks) {
    sql::TaskFields fields{
        t.name,   domain::parse_date(t.start), domain::parse_date(t.end), std::nullopt, previous,
        t.percent};
    previous = operations::create_task(s.db, s.org_id, project_id, [&] { return fields; }).id;
  }
  s.created.push_back(std::to_string(tasks.size()) + " tasks on project " + std::string(number));
}

const std::vector<DemoTask> kKitchenTasks = {
    {"Protection and demolition", "2026-03-02", "2026-03-06", 100},
    {"Framing and rough-in", "2026-03-09", "2026-03-20", 100},
    {"Drywall", "2026-03-23", "2026-04-03", 80},
    {"Cabinets and countertops", "2026-04-06", "2026-04-24", 20},
    {"Tile, flooring and paint", "2026-04-27", "2026-05-22", 0},
    {"Punch list and handover", "2026-05-25", "2026-05-29", 0},
};
const std::vector<DemoTask> kFitOutTasks = {
    {"Partitions and ceilings framing", "2026-02-16", "2026-03-27", 100},
    {"Electrical rough-in", "2026-03-16", "2026-04-10", 90},
    {"Board, tape and paint", "2026-04-06", "2026-05-08", 50},
    {"Doors, ceilings and flooring", "2026-05-04", "2026-06-12", 10},
    {"Commissioning and punch list", "2026-06-15", "2026-06-26", 0},
};

// A week of daily logs on the fit-out, Monday to Friday; all but the last
// submitted, as a superintendent leaves Friday's open until Monday.
struct DemoLog {
  std::string date, weather;
  std::int64_t high, low;
  std::string work, delays;
};

const std::vector<DemoLog> kFitOutWeek = {
    {"2026-03-16", "Rain", 11, 6, "Stud framing, level 8 east; electrical rough-in started", ""},
    {"2026-03-17", "Showers", 12, 5, "Framing east offices; ceiling grid layout", ""},
    {"2026-03-18", "Overcast", 14, 7, "Framing complete east; rough-in conference rooms",
     "Freight elevator out of service until 11:00"},
    {"2026-03-19", "Partly sunny", 16, 8, "Rough-in inspection passed east side", ""},
    {"2026-03-20", "Sunny", 17, 8, "Board hanging started east; doors delivered and stored", ""},
};

void seed_daily_logs(Seed& s, std::int64_t project_id, std::int64_t drywall,
                     std::int64_t electric) {
  for (std::size_t i = 0; i < kFitOutWeek.size(); ++i) {
    const DemoLog& d = kFitOutWeek[i];
    domain::Date day = *domain::parse_date(d.date);
    if (sql::daily_log_exists(s.db, s.org_id, project_id, day, 0)) continue;
    operations::DailyLogInput input{{day, d.weather, d.high, d.low, d.work, d.delays},
                                    std::vector<sql::CrewRow>{{drywall, "Framers", 4, "32"},
                                                              {electric, "Electricians", 2, "16"},
                                                              {std::nullopt, "Laborer", 1, "8"}}};
    auto log = operations::create_daily_log(s.db, s.org_id, project_id, [&] { return input; });
    if (i + 1 < kFitOutWeek.size()) operations::submit_daily_log(s.db, s.org_id, log.id);
    s.created.push_back("daily log " + d.date);
  }
}

// ---- Job costing (issue 13): the fit-out's commitments and a month of
// bills. The drywall subcontract was let at $480.00 over the estimate's
// partitions, so 09-210 runs over budget once it is billed in full.
struct DemoCommitment {
  domain::CommitmentKind kind;
  std::size_t party;  // index into kOtherParties
  std::string title;
  std::vector<sql::AmountLineFields> lines;
};

const std::vector<DemoCommitment> kFitOutCommitments = {
    {domain::CommitmentKind::subcontract,
     1,
     "Partitions, gypsum board and paint",
     {{"09-210", "subcontract", "Metal studs and gypsum board, 3,200 sf", 2240000},
      {"09-910", "subcontract", "Paint partitions and door frames", 900000}}},
    {domain::CommitmentKind::subcontract,
     2,
     "Lighting, power and data",
     {{"26-050", "subcontract", "Rough-in and trim, 4,800 sf", 5250000}}},
    {domain::CommitmentKind::purchase_order,
     3,
     "Doors, frames and hardware",
     {{"08-140", "material", "14 solid-core doors, frames and hardware sets", 1185000}}},
};

struct DemoBill {
  std::string number;
  std::size_t party;                      // index into kOtherParties
  std::optional<std::size_t> commitment;  // index into kFitOutCommitments
  std::string bill_date, due_date;
  bool paid;
  std::vector<sql::AmountLineFields> lines;
};

const std::vector<DemoBill> kFitOutBills = {
    {"SD-2231",
     1,
     0,
     "2026-03-06",
     "2026-04-05",
     true,
     {{"09-210", "subcontract", "Partitions, east offices (40 %)", 880000}}},
    {"CS-77812",
     3,
     2,
     "2026-03-10",
     "2026-04-09",
     true,
     {{"08-140", "material", "Doors and frames, first delivery", 620000}}},
    {"BE-1043",
     2,
     1,
     "2026-03-13",
     "2026-04-12",
     false,
     {{"26-050", "subcontract", "Rough-in, floors 8 east", 1400000}}},
    {"CS-78120",
     3,
     std::nullopt,
     "2026-03-20",
     "2026-04-19",
     false,
     {{"01-500", "other", "Dumpster swaps and floor protection", 65000}}},
    {"CS-78001",
     3,
     2,
     "2026-03-24",
     "2026-04-23",
     false,
     {{"08-140", "material", "Credit: returned hinge sets", -31000}}},
    {"SD-2260",
     1,
     0,
     "2026-03-27",
     "2026-04-26",
     false,
     {{"09-210", "subcontract", "Partitions, west offices and corridor (60 %)", 1360000},
      {"09-910", "subcontract", "Prime coat, east offices", 180000}}},
};

void seed_job_costing(Seed& s, std::int64_t project_id, const std::vector<std::int64_t>& parties) {
  if (!sql::fetch(s.db, sql::commitments_query(s.org_id, project_id, {.limit = 1})).rows.empty())
    return;
  std::vector<std::int64_t> commitments;
  for (const auto& c : kFitOutCommitments) {
    operations::NewCommitment input;
    input.fields = {"", c.kind, parties.at(c.party), c.title, 0};
    input.lines = c.lines;
    auto made = operations::create_commitment(s.db, s.org_id, project_id, [&] { return input; });
    auto approved = operations::transition_commitment(s.db, s.org_id, made.commitment.id,
                                                      domain::CommitmentAction::approve);
    commitments.push_back(approved.commitment.id);
    s.created.push_back("commitment " + approved.commitment.fields.number + " " + c.title +
                        " (approved, " + domain::format_cents(approved.commitment.amount_cents) +
                        ")");
  }
  for (const auto& b : kFitOutBills) {
    operations::NewVendorBill input;
    input.fields = {b.number, parties.at(b.party), std::nullopt,
                    domain::parse_date(b.bill_date).value(), domain::parse_date(b.due_date)};
    if (b.commitment) input.fields.commitment_id = commitments.at(*b.commitment);
    input.lines = b.lines;
    auto made = operations::create_vendor_bill(s.db, s.org_id, project_id, [&] { return input; });
    auto done = operations::transition_vendor_bill(s.db, s.org_id, made.bill.id,
                                                   domain::VendorBillAction::approve);
    if (b.paid)
      done = operations::transition_vendor_bill(s.db, s.org_id, made.bill.id,
                                                domain::VendorBillAction::pay);
    s.created.push_back("vendor bill " + b.number + " (" +
                        std::string(to_string(done.bill.status)) + ", " +
                        domain::format_cents(done.bill.amounts.amount_cents) + ")");
  }
}

void seed(Seed& s) {
  for (const auto& user : kUsers) seed_user(s, user);
  std::int64_t homeowner = seed_party(s, kHomeowner);
  std::int64_t commercial_client = seed_party(s, kCommercialClient);
  std::vector<std::int64_t> others;
  for (const auto& party : kOtherParties) others.push_back(seed_party(s, party));
  std::int64_t kitchen = seed_project_with_estimate(s, kitchen_remodel(homeowner));
  std::int64_t office =
      seed_project_with_estimate(s, office_fit_out(commercial_client, others.at(0)));  // Lindqvist
  seed_change_orders(s, kitchen);
  seed_pay_applications(s, office);
  seed_tasks(s, kitchen, "2026-014", kKitchenTasks);
  seed_tasks(s, office, "2026-021", kFitOutTasks);
  seed_daily_logs(s, office, others.at(1), others.at(2));
  seed_job_costing(s, office, others);
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
  sql::OrganisationRef org = operations::organisation_named(db, std::string(kOrganisation));
  s.org_id = org.id;
  if (org.created) {
    s.created.push_back("organisation " + std::string(kOrganisation));
    operations::change_organisation_address(db, org.id, std::nullopt,
                                            "1200 Commerce Street, Suite 300\nAustin, TX 78701");
  }
  seed(s);
  tx.commit();

  for (const auto& what : s.created) std::cout << "created  " << what << "\n";
  if (s.created.empty()) std::cout << "Nothing to load: the demo organisation is already there\n";
  std::cout << "Log in as " << kOwnerEmail << " with the password: " << kDemoPassword << "\n"
            << "(" << kUsers[1].email << " and " << kUsers[2].email << " have the same password)\n";
  return 0;
}

}  // namespace construction::cli
