// PayApplication: progress billing in the AIA G702/G703 form.
//
// G703, per schedule-of-values line:
//   C scheduled value           D previous (= last application's D + E)
//   E work this period          F materials stored now (not in D or E)
//   G = D + E + F               percent = round(G x 10000 / C)   H = C - G
//   I = round((D + E) x retainage_work_bps / 10000) + round(F x retainage_stored_bps / 10000)
// G must lie between 0 and C: at most 100 % of a line, and for a credit line
// (C < 0) not beyond C in the negative direction.
//
// G702, the summary:
//   1 original contract sum        2 net change orders (approved only)
//   3 = 1 + 2 = sum of C           4 = sum of G
//   5a = sum of work retainage     5b = sum of stored retainage    5 = 5a + 5b = sum of I
//   6 = 4 - 5                      7 = sum of certified_cents of earlier applications
//   8 = 6 - 7                      9 = 3 - 6, which is (3 - 4) + 5
//
// Lifecycle: draft -submit-> submitted -certify-> certified; submitted
// -return-> draft. Only a draft's lines change; a new application needs the
// last one certified.
//
// Next application (next_entry): D = D + E, E = 0, and F carried over as it
// stood. F is the balance of materials stored on site at the end of the
// period; on the first day of the next period those materials are still on
// site, so the balance is still true. The contractor edits it: down as
// materials are installed (their value moves into E), up as more arrive.
// Starting F at 0 instead would make G drop and the new application claim
// less than was already certified until someone re-entered the stored
// materials, and the owner would be told the stored materials had vanished.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class PayApplicationStatus { draft, submitted, certified };
enum class PayApplicationAction { submit, certify, return_ };

std::string_view to_string(PayApplicationStatus status);
std::string_view to_string(PayApplicationAction action);
std::optional<PayApplicationStatus> parse_pay_application_status(std::string_view name);

Result<PayApplicationStatus, InvalidState> transition(PayApplicationStatus from,
                                                      PayApplicationAction action);

bool is_editable(PayApplicationStatus status);
std::optional<InvalidState> refuse_edit(PayApplicationStatus status);

// Whether a new application may be made after the project's latest one
// (nullopt: there is none yet). Only once the latest is certified.
std::optional<InvalidState> refuse_new_application(std::optional<PayApplicationStatus> latest);

struct RetainageRates {
  BasisPoints work;
  BasisPoints stored;
};

inline constexpr std::int64_t kMaxRetainageBps = 10'000;
// "retainage_work_bps" and "retainage_stored_bps" between 0 and 100 %.
FieldErrors validate_retainage_rates(std::int64_t work_bps, std::int64_t stored_bps);

// What a G703 line is made from: C and D from the schedule and the last
// application, E and F as the contractor entered them.
struct G703Entry {
  Cents scheduled;    // C
  Cents previous;     // D
  Cents this_period;  // E
  Cents stored;       // F
  friend bool operator==(const G703Entry&, const G703Entry&) = default;
};

struct G703Line {
  Cents scheduled;               // C
  Cents previous;                // D
  Cents this_period;             // E
  Cents stored;                  // F
  Cents completed_and_stored;    // G = D + E + F
  BasisPoints percent_complete;  // G / C; 0 when C is 0 (see the .cpp)
  Cents balance_to_finish;       // H = C - G
  Cents retainage_work;          // on D + E
  Cents retainage_stored;        // on F
  Cents retainage;               // I
  friend bool operator==(const G703Line&, const G703Line&) = default;
};

// Refused with field errors on "this_period_cents" and "stored_cents" (the
// fields a PATCH of the line sends) when the line would leave 0..C.
Validated<G703Line> compute_g703_line(const G703Entry& entry, RetainageRates rates);

// A line the schedule gained since the last application (or the first one).
G703Entry first_entry(Cents scheduled);
// The same line on the next application: D + E, nothing this period, F carried.
G703Entry next_entry(const G703Line& last);

// The G703's grand total row: every column summed, the percent of the sums
// (G / C, as a line's).
G703Line g703_totals(std::span<const G703Line> lines);

struct G702 {
  Cents original_contract_sum;         // 1
  Cents net_change_orders;             // 2
  Cents contract_sum_to_date;          // 3
  Cents completed_and_stored_to_date;  // 4
  Cents retainage_work;                // 5a
  Cents retainage_stored;              // 5b
  Cents retainage;                     // 5
  Cents earned_less_retainage;         // 6
  Cents previous_certificates;         // 7
  Cents current_payment_due;           // 8
  Cents balance_to_finish;             // 9
  friend bool operator==(const G702&, const G702&) = default;
};

// From computed lines and the certified_cents of every earlier application.
// The lines' C must sum to 1 + 2: a schedule that drifted from the contract
// sum is a bug (std::logic_error), as is a sum past kMaxCents
// (std::overflow_error), which the limit on contract sums rules out.
G702 compute_g702(Cents original_contract_sum, Cents net_change_orders,
                  std::span<const G703Line> lines, std::span<const Cents> earlier_certificates);

// The amount the architect certifies: between 0 and line 8 inclusive (a
// certificate may be less than requested, never more). Field "certified_cents".
Validated<Cents> validate_certified_amount(std::int64_t certified_cents, Cents current_payment_due);

}  // namespace construction::domain
