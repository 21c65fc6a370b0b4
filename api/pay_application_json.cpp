#include "api/pay_application_json.hpp"

#include "api/rfc3339.hpp"

namespace construction::api {

namespace {

std::optional<std::int64_t> optional_value(const std::optional<domain::Cents>& amount) {
  if (!amount) return std::nullopt;
  return amount->value;
}

}  // namespace

void write_pay_application_line(JsonWriter& w, const sql::PayApplicationLineRecord& line) {
  const sql::G703Record& f = line.figures;
  w.begin_object()
      .num("id", line.id)
      .num("pay_application_id", line.pay_application_id)
      .num("sov_line_id", line.sov_line_id)
      .num("item_no", line.item_no)
      .str("description", line.description)
      .num("scheduled_value_cents", f.scheduled_value_cents.value)
      .num("previous_cents", f.previous_cents.value)
      .num("this_period_cents", f.this_period_cents.value)
      .num("stored_cents", f.stored_cents.value)
      .num("completed_and_stored_cents", f.completed_and_stored_cents.value)
      .num("percent_complete_bps", f.percent_complete_bps)
      .num("balance_to_finish_cents", f.balance_to_finish_cents.value)
      .num("retainage_work_cents", f.retainage_work_cents.value)
      .num("retainage_stored_cents", f.retainage_stored_cents.value)
      .num("retainage_cents", f.retainage_cents.value)
      .num("version", line.version)
      .str("created_at", rfc3339(line.created_at))
      .str("updated_at", rfc3339(line.updated_at))
      .end_object();
}

void write_pay_application_fields(JsonWriter& w, const sql::PayApplicationRecord& a) {
  const sql::G702Record& g = a.g702;
  w.num("id", a.id)
      .num("project_id", a.project_id)
      .num("number", a.number)
      .str("period_to", domain::iso_date(a.period_to))
      .str("status", to_string(a.status))
      .num("retainage_work_bps", a.retainage_work_bps)
      .num("retainage_stored_bps", a.retainage_stored_bps)
      .opt_num("certified_cents", optional_value(a.certified_cents))
      .opt_str("submitted_at", rfc3339(a.submitted_at))
      .opt_str("certified_at", rfc3339(a.certified_at));
  w.key("g702")
      .begin_object()
      .num("original_contract_sum_cents", g.original_contract_sum_cents.value)
      .num("net_change_orders_cents", g.net_change_orders_cents.value)
      .num("contract_sum_to_date_cents", g.contract_sum_to_date_cents.value)
      .num("completed_and_stored_to_date_cents", g.completed_and_stored_to_date_cents.value)
      .num("retainage_work_cents", g.retainage_work_cents.value)
      .num("retainage_stored_cents", g.retainage_stored_cents.value)
      .num("retainage_cents", g.retainage_cents.value)
      .num("earned_less_retainage_cents", g.earned_less_retainage_cents.value)
      .num("previous_certificates_cents", g.previous_certificates_cents.value)
      .num("current_payment_due_cents", g.current_payment_due_cents.value)
      .num("balance_to_finish_cents", g.balance_to_finish_cents.value)
      .end_object();
  w.num("version", a.version)
      .str("created_at", rfc3339(a.created_at))
      .str("updated_at", rfc3339(a.updated_at));
}

std::string pay_application_json(const sql::PayApplicationRecord& application,
                                 const std::vector<sql::PayApplicationLineRecord>& lines) {
  JsonWriter w;
  w.begin_object();
  write_pay_application_fields(w, application);
  w.key("lines").begin_array();
  for (const auto& line : lines) write_pay_application_line(w, line);
  w.end_array().end_object();
  return std::move(w).text();
}

}  // namespace construction::api
