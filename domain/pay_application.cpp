#include "domain/pay_application.hpp"

#include <stdexcept>

namespace construction::domain {
namespace {

using S = PayApplicationStatus;
using A = PayApplicationAction;

constexpr StateMachine kPayApplication{"a pay application",
                                       EnumNames{std::array{
                                           EnumName<S>{S::draft, "draft"},
                                           EnumName<S>{S::submitted, "submitted"},
                                           EnumName<S>{S::certified, "certified"},
                                       }},
                                       EnumNames{std::array{
                                           EnumName<A>{A::submit, "submit"},
                                           EnumName<A>{A::certify, "certify"},
                                           EnumName<A>{A::return_, "return"},
                                       }},
                                       std::array{
                                           Edge<S, A>{S::draft, A::submit, S::submitted},
                                           Edge<S, A>{S::submitted, A::certify, S::certified},
                                           Edge<S, A>{S::submitted, A::return_, S::draft},
                                       }};

// Between 0 and bound inclusive, on whichever side of 0 the bound is.
bool between_zero_and(Cents value, Cents bound) {
  return bound.value >= 0 ? value >= Cents{0} && value <= bound
                          : value <= Cents{0} && value >= bound;
}

// E and F are what the user typed; bound them before adding anything, so
// that D + E + F (D is bound by C already) cannot overflow.
void check_entered_amount(std::string_view field, Cents amount, FieldErrors& errors) {
  if (!to_cents(amount.value)) errors.add(field, too_large_message());
}

void check_line_limits(const G703Entry& entry, FieldErrors& errors) {
  Cents work = entry.previous + entry.this_period;
  Cents completed = work + entry.stored;
  std::string scheduled = format_cents(entry.scheduled);
  bool work_fits = between_zero_and(work, entry.scheduled);
  if (!work_fits) {
    errors.add("this_period_cents", "brings work completed to " + format_cents(work) +
                                        ", outside $0.00 to the scheduled value, " + scheduled);
  }
  if (!between_zero_and(entry.stored, entry.scheduled)) {
    errors.add("stored_cents", "must lie between $0.00 and the scheduled value, " + scheduled);
  } else if (work_fits && !between_zero_and(completed, entry.scheduled)) {
    errors.add("stored_cents", "brings completed and stored to " + format_cents(completed) +
                                   ", beyond 100 % of the scheduled value, " + scheduled);
  }
}

Cents sum_of(std::span<const G703Line> lines, Cents G703Line::*column) {
  CentsSum sum;
  for (const G703Line& line : lines) sum.add(line.*column);
  return sum.checked_total();
}

}  // namespace

std::string_view to_string(PayApplicationStatus status) {
  return kPayApplication.name(status);
}
std::string_view to_string(PayApplicationAction action) {
  return kPayApplication.name(action);
}
std::optional<PayApplicationStatus> parse_pay_application_status(std::string_view name) {
  return kPayApplication.parse_status(name);
}

Result<PayApplicationStatus, InvalidState> transition(PayApplicationStatus from,
                                                      PayApplicationAction action) {
  return kPayApplication.apply(from, action);
}

bool is_editable(PayApplicationStatus status) {
  return status == S::draft;
}

std::optional<InvalidState> refuse_edit(PayApplicationStatus status) {
  return kPayApplication.require(status, S::draft, "edit");
}

std::optional<InvalidState> refuse_new_application(std::optional<PayApplicationStatus> latest) {
  if (!latest || *latest == S::certified) return std::nullopt;
  return InvalidState{"cannot start a pay application while the last one is " +
                      std::string(to_string(*latest)) + " (it must be certified first)"};
}

FieldErrors validate_retainage_rates(std::int64_t work_bps, std::int64_t stored_bps) {
  FieldErrors errors;
  if (work_bps < 0 || work_bps > kMaxRetainageBps) {
    errors.add("retainage_work_bps", "must be between 0 and 10000");
  }
  if (stored_bps < 0 || stored_bps > kMaxRetainageBps) {
    errors.add("retainage_stored_bps", "must be between 0 and 10000");
  }
  return errors;
}

Validated<G703Line> compute_g703_line(const G703Entry& entry, RetainageRates rates) {
  FieldErrors errors;
  check_entered_amount("this_period_cents", entry.this_period, errors);
  check_entered_amount("stored_cents", entry.stored, errors);
  if (errors.empty()) check_line_limits(entry, errors);
  if (!errors.empty()) return errors;

  // Within 0..C now, so every figure below is an amount and cannot overflow.
  Cents work = entry.previous + entry.this_period;
  Cents completed = work + entry.stored;
  Cents retainage_work = *apply_rate(work, rates.work);
  Cents retainage_stored = *apply_rate(entry.stored, rates.stored);
  // A line scheduled at 0 can only be 0 % complete: G is bound to 0 as well,
  // and 0 % never claims work that was not done (ratio_bps gives 0).
  BasisPoints percent = ratio_bps(completed, entry.scheduled);
  return G703Line{entry.scheduled,
                  entry.previous,
                  entry.this_period,
                  entry.stored,
                  completed,
                  percent,
                  entry.scheduled - completed,
                  retainage_work,
                  retainage_stored,
                  retainage_work + retainage_stored};
}

G703Entry first_entry(Cents scheduled) {
  return G703Entry{scheduled, Cents{0}, Cents{0}, Cents{0}};
}

G703Entry next_entry(const G703Line& last) {
  return G703Entry{last.scheduled, last.previous + last.this_period, Cents{0}, last.stored};
}

G703Line g703_totals(std::span<const G703Line> lines) {
  G703Line t{};
  t.scheduled = sum_of(lines, &G703Line::scheduled);
  t.previous = sum_of(lines, &G703Line::previous);
  t.this_period = sum_of(lines, &G703Line::this_period);
  t.stored = sum_of(lines, &G703Line::stored);
  t.completed_and_stored = sum_of(lines, &G703Line::completed_and_stored);
  t.percent_complete = ratio_bps(t.completed_and_stored, t.scheduled);
  t.balance_to_finish = sum_of(lines, &G703Line::balance_to_finish);
  t.retainage_work = sum_of(lines, &G703Line::retainage_work);
  t.retainage_stored = sum_of(lines, &G703Line::retainage_stored);
  t.retainage = sum_of(lines, &G703Line::retainage);
  return t;
}

G702 compute_g702(Cents original_contract_sum, Cents net_change_orders,
                  std::span<const G703Line> lines, std::span<const Cents> earlier_certificates) {
  G702 g;
  g.original_contract_sum = original_contract_sum;
  g.net_change_orders = net_change_orders;
  g.contract_sum_to_date = original_contract_sum + net_change_orders;
  if (sum_of(lines, &G703Line::scheduled) != g.contract_sum_to_date) {
    throw std::logic_error("G703 scheduled values do not sum to the contract sum to date");
  }
  g.completed_and_stored_to_date = sum_of(lines, &G703Line::completed_and_stored);
  g.retainage_work = sum_of(lines, &G703Line::retainage_work);
  g.retainage_stored = sum_of(lines, &G703Line::retainage_stored);
  g.retainage = g.retainage_work + g.retainage_stored;
  g.earned_less_retainage = g.completed_and_stored_to_date - g.retainage;
  CentsSum certified;
  for (Cents amount : earlier_certificates) certified.add(amount);
  g.previous_certificates = certified.checked_total();
  g.current_payment_due = g.earned_less_retainage - g.previous_certificates;
  g.balance_to_finish = g.contract_sum_to_date - g.earned_less_retainage;
  return g;
}

Validated<Cents> validate_certified_amount(std::int64_t certified_cents,
                                           Cents current_payment_due) {
  if (between_zero_and(Cents{certified_cents}, current_payment_due)) return Cents{certified_cents};
  FieldErrors errors;
  errors.add("certified_cents", "must lie between $0.00 and the current payment due, " +
                                    format_cents(current_payment_due));
  return errors;
}

}  // namespace construction::domain
