#include "operations/pay_application_document.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "domain/pay_application.hpp"
#include "operations/refusal.hpp"
#include "sql/change_order_store.hpp"
#include "sql/project_store.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::Cents;

domain::RetainageRates rates_of(const sql::PayApplicationRecord& a) {
  return {domain::BasisPoints{a.retainage_work_bps}, domain::BasisPoints{a.retainage_stored_bps}};
}

sql::G703Record record_of(const domain::G703Line& l) {
  return {l.scheduled,
          l.previous,
          l.this_period,
          l.stored,
          l.completed_and_stored,
          l.percent_complete.value,
          l.balance_to_finish,
          l.retainage_work,
          l.retainage_stored,
          l.retainage};
}

sql::G702Record record_of(const domain::G702& g) {
  return {g.original_contract_sum,
          g.net_change_orders,
          g.contract_sum_to_date,
          g.completed_and_stored_to_date,
          g.retainage_work,
          g.retainage_stored,
          g.retainage,
          g.earned_less_retainage,
          g.previous_certificates,
          g.current_payment_due,
          g.balance_to_finish};
}

domain::G703Entry entry_of(const sql::G703Record& r) {
  return {r.scheduled_value_cents, r.previous_cents, r.this_period_cents, r.stored_cents};
}

// A line made by the code from the schedule and the last application, not
// typed by anyone: the domain refusing it is a bug.
sql::G703Record computed(const domain::G703Entry& entry, domain::RetainageRates rates) {
  auto line = domain::compute_g703_line(entry, rates);
  if (!line) throw std::logic_error("a carried G703 line is out of bounds");
  return record_of(line.value());
}

// One line per SOV line the application lacks: carried from the last
// application's line when it had one, else starting at 0.
void add_missing_lines(sql::Connection& db, std::int64_t org_id,
                       const sql::PayApplicationRecord& application,
                       const std::map<std::int64_t, domain::G703Line>& carried) {
  std::set<std::int64_t> present;
  for (const auto& line : sql::list_pay_application_lines(db, org_id, application.id))
    present.insert(line.sov_line_id);
  for (const auto& sov : sql::list_sov_lines(db, org_id, application.project_id)) {
    if (present.contains(sov.id)) continue;
    auto last = carried.find(sov.id);
    domain::G703Entry entry = last == carried.end() ? domain::first_entry(sov.scheduled_value_cents)
                                                    : domain::next_entry(last->second);
    sql::insert_pay_application_line(db, org_id, application.id, sov.id, sov.item_no,
                                     sov.description, computed(entry, rates_of(application)));
  }
}

std::map<std::int64_t, domain::G703Line> lines_by_sov_line(
    const std::vector<sql::PayApplicationLineRecord>& lines) {
  std::map<std::int64_t, domain::G703Line> by_sov;
  for (const auto& line : lines) by_sov.emplace(line.sov_line_id, g703_line_of(line.figures));
  return by_sov;
}

sql::PayApplicationRecord lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto application = sql::find_pay_application(db, org_id, id, true);
  if (!application) throw not_found();
  if (auto refusal = domain::refuse_edit(application->status))
    throw invalid_state(refusal->message);
  return *application;
}

}  // namespace

domain::G703Line g703_line_of(const sql::G703Record& r) {
  return {r.scheduled_value_cents,      r.previous_cents,
          r.this_period_cents,          r.stored_cents,
          r.completed_and_stored_cents, domain::BasisPoints{r.percent_complete_bps},
          r.balance_to_finish_cents,    r.retainage_work_cents,
          r.retainage_stored_cents,     r.retainage_cents};
}

sql::PayApplicationRecord save_g702(sql::Connection& db, std::int64_t org_id,
                                    const sql::PayApplicationRecord& application) {
  auto project = sql::find_project(db, org_id, application.project_id);
  std::vector<domain::G703Line> lines;
  for (const auto& line : sql::list_pay_application_lines(db, org_id, application.id))
    lines.push_back(g703_line_of(line.figures));
  std::vector<Cents> certificates =
      sql::earlier_certificates(db, org_id, application.project_id, application.number);
  domain::G702 g702 = domain::compute_g702(
      project->original_contract_sum_cents,
      sql::approved_change_orders_cents(db, org_id, project->id), lines, certificates);
  return sql::set_pay_application_g702(db, org_id, application.id, record_of(g702));
}

PayApplicationDocument create_pay_application(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t project_id,
                                              const std::function<domain::Date()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id, true);
  if (!project) throw not_found();
  auto latest = sql::latest_pay_application(db, org_id, project->id);
  std::optional<domain::PayApplicationStatus> latest_status;
  if (latest) latest_status = latest->status;
  if (auto refusal = domain::refuse_new_application(latest_status))
    throw invalid_state(refusal->message);
  if (sql::list_sov_lines(db, org_id, project->id).empty())
    throw invalid_state("The project has no schedule of values yet: accept its estimate first");
  domain::Date period_to = read();
  if (latest && period_to <= latest->period_to)
    throw field_error("period_to", "must be after the last application's, " +
                                       domain::iso_date(latest->period_to));

  sql::PayApplicationRecord application = sql::insert_pay_application(
      db, org_id, project->id,
      {latest ? latest->number + 1 : 1, period_to, project->fields.retainage_work_bps,
       project->fields.retainage_stored_bps});
  std::map<std::int64_t, domain::G703Line> carried;
  if (latest) carried = lines_by_sov_line(sql::list_pay_application_lines(db, org_id, latest->id));
  add_missing_lines(db, org_id, application, carried);
  application = save_g702(db, org_id, application);
  auto lines = sql::list_pay_application_lines(db, org_id, application.id);
  tx.commit();
  return {application, lines};
}

PayApplicationDocument load_pay_application(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t id) {
  auto found = sql::find_pay_application_with_lines(db, org_id, id);
  if (!found) throw not_found();
  return {std::move(found->application), std::move(found->lines)};
}

PayApplicationLineChange change_pay_application_line(
    sql::Connection& db, std::int64_t org_id, std::int64_t pay_application_id, std::int64_t line_id,
    std::optional<int> expected_version,
    const std::function<LineAmounts(const LineAmounts&)>& edit) {
  sql::Transaction tx(db);
  auto application = sql::find_pay_application(db, org_id, pay_application_id, true);
  auto line = application ? sql::find_pay_application_line(db, org_id, application->id, line_id)
                          : std::nullopt;
  if (!line) throw not_found();
  check_version(expected_version, line->version);
  lock_draft(db, org_id, application->id);
  LineAmounts amounts =
      edit({line->figures.this_period_cents.value, line->figures.stored_cents.value});
  domain::G703Entry entry = entry_of(line->figures);
  entry.this_period = Cents{amounts.this_period_cents};
  entry.stored = Cents{amounts.stored_cents};
  auto computed_line = domain::compute_g703_line(entry, rates_of(*application));
  if (!computed_line) throw invalid_fields(computed_line.error());
  sql::PayApplicationLineRecord saved =
      sql::update_pay_application_line(db, org_id, line->id, record_of(computed_line.value()));
  sql::PayApplicationRecord summary = save_g702(db, org_id, *application);
  tx.commit();
  return {saved, summary};
}

void refresh_draft_pay_application(sql::Connection& db, std::int64_t org_id,
                                   std::int64_t project_id) {
  auto latest = sql::latest_pay_application(db, org_id, project_id);
  if (!latest || latest->status != domain::PayApplicationStatus::draft) return;
  add_missing_lines(db, org_id, *latest, {});
  save_g702(db, org_id, *latest);
}

}  // namespace construction::operations
