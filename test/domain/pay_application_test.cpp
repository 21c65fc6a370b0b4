#include "domain/pay_application.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "test/domain/domain_printers.hpp"
#include "test/domain/transition_table.hpp"

using namespace construction::domain;

namespace {

using S = PayApplicationStatus;
using A = PayApplicationAction;

constexpr RetainageRates kTenAndFive{BasisPoints{1000}, BasisPoints{500}};
constexpr RetainageRates kReleased{BasisPoints{0}, BasisPoints{0}};

G703Line computed(const G703Entry& entry, RetainageRates rates = kTenAndFive) {
  auto line = compute_g703_line(entry, rates);
  INFO("C " << entry.scheduled.value << " D " << entry.previous.value << " E "
            << entry.this_period.value << " F " << entry.stored.value);
  REQUIRE(line.ok());
  return line.value();
}

// The next application's line from this one's, with E and F as entered.
G703Line next(const G703Line& last, std::int64_t this_period, std::int64_t stored,
              RetainageRates rates = kTenAndFive) {
  G703Entry entry = next_entry(last);
  CHECK(entry.previous == last.previous + last.this_period);  // next D = D + E
  entry.this_period = Cents{this_period};
  entry.stored = Cents{stored};
  return computed(entry, rates);
}

G703Line fresh(std::int64_t scheduled, std::int64_t this_period, std::int64_t stored,
               RetainageRates rates = kTenAndFive) {
  G703Entry entry = first_entry(Cents{scheduled});
  entry.this_period = Cents{this_period};
  entry.stored = Cents{stored};
  return computed(entry, rates);
}

// What must hold on every G702/G703, whatever the figures.
void check_invariants(const G702& g, const std::vector<G703Line>& lines) {
  CentsSum c, g_sum, h, i, work, stored;
  for (const G703Line& line : lines) {
    CHECK(line.completed_and_stored == line.previous + line.this_period + line.stored);
    CHECK(line.balance_to_finish == line.scheduled - line.completed_and_stored);
    CHECK(line.retainage == line.retainage_work + line.retainage_stored);
    if (line.scheduled >= Cents{0}) {
      CHECK(line.completed_and_stored <= line.scheduled);  // G <= C
      CHECK(line.completed_and_stored >= Cents{0});
    } else {
      CHECK(line.completed_and_stored >= line.scheduled);  // credit: G >= C
      CHECK(line.completed_and_stored <= Cents{0});
    }
    c.add(line.scheduled);
    g_sum.add(line.completed_and_stored);
    h.add(line.balance_to_finish);
    i.add(line.retainage);
    work.add(line.retainage_work);
    stored.add(line.retainage_stored);
  }
  CHECK(g.contract_sum_to_date == g.original_contract_sum + g.net_change_orders);     // 3 = 1 + 2
  CHECK(c.total() == g.contract_sum_to_date);                                         // 3 = sum C
  CHECK(g_sum.total() == g.completed_and_stored_to_date);                             // 4 = sum G
  CHECK(work.total() == g.retainage_work);                                            // 5a
  CHECK(stored.total() == g.retainage_stored);                                        // 5b
  CHECK(g.retainage == g.retainage_work + g.retainage_stored);                        // 5 = 5a + 5b
  CHECK(i.total() == g.retainage);                                                    // 5 = sum I
  CHECK(g.earned_less_retainage == g.completed_and_stored_to_date - g.retainage);     // 6 = 4 - 5
  CHECK(g.current_payment_due == g.earned_less_retainage - g.previous_certificates);  // 8
  CHECK(g.balance_to_finish == g.contract_sum_to_date - g.earned_less_retainage);     // 9 = 3 - 6
  CHECK(g.balance_to_finish ==
        (g.contract_sum_to_date - g.completed_and_stored_to_date) + g.retainage);  // 9 = (3-4)+5
  CHECK(h.total() == g.contract_sum_to_date - g.completed_and_stored_to_date);     // sum H = 3 - 4
}

}  // namespace

TEST_CASE("pay application transitions: every status x every action", "[unit]") {
  check_transition_table<S, A>(
      {
          {S::draft, A::submit, S::submitted},
          {S::draft, A::certify, {}},
          {S::draft, A::return_, {}},
          {S::submitted, A::submit, {}},
          {S::submitted, A::certify, S::certified},
          {S::submitted, A::return_, S::draft},
          {S::certified, A::submit, {}},
          {S::certified, A::certify, {}},
          {S::certified, A::return_, {}},
      },
      3, 3);
  CHECK(transition(S::certified, A::return_).error().message ==
        "cannot return a pay application that is certified (only from submitted)");
}

TEST_CASE("only a draft pay application's lines change, figures freeze at submit", "[unit]") {
  CHECK(is_editable(S::draft));
  CHECK_FALSE(is_editable(S::submitted));
  CHECK_FALSE(is_editable(S::certified));
  CHECK(refuse_edit(S::submitted)->message ==
        "cannot edit a pay application that is submitted (only in draft)");
  CHECK(to_string(A::return_) == "return");
  CHECK(parse_pay_application_status("certified") == S::certified);
}

TEST_CASE("a new pay application needs the last one certified", "[unit]") {
  CHECK_FALSE(refuse_new_application(std::nullopt).has_value());
  CHECK_FALSE(refuse_new_application(S::certified).has_value());
  CHECK(refuse_new_application(S::draft)->message ==
        "cannot start a pay application while the last one is draft (it must be certified first)");
  CHECK(refuse_new_application(S::submitted).has_value());
}

TEST_CASE("retainage rates are between 0 and 100 %", "[unit]") {
  CHECK(validate_retainage_rates(1000, 500).empty());
  CHECK(validate_retainage_rates(0, 10000).empty());
  auto errors = validate_retainage_rates(-1, 10001);
  CHECK(errors.has("retainage_work_bps"));
  CHECK(errors.has("retainage_stored_bps"));
}

TEST_CASE("a G703 line, column by column", "[unit]") {
  // C 40,000.00, D 5,000.00, E 6,000.10, F 1,234.50
  // G = 5000.00 + 6000.10 + 1234.50 = 12,234.60; H = 27,765.40
  // percent = 1223460 x 10000 / 4000000 = 3058.65 -> 3059
  // work retainage 10 % of 11,000.10 = 1100.01; stored 5 % of 1234.50 = 61.725 -> 61.73
  // I = 1100.01 + 61.73 = 1161.74
  G703Line line = computed({Cents{4000000}, Cents{500000}, Cents{600010}, Cents{123450}});
  CHECK(line == G703Line{Cents{4000000}, Cents{500000}, Cents{600010}, Cents{123450},
                         Cents{1223460}, BasisPoints{3059}, Cents{2776540}, Cents{110001},
                         Cents{6173}, Cents{116174}});
}

TEST_CASE("retainage at exactly half a cent rounds away from zero, both signs", "[unit]") {
  // work: 10 % of 123,455 cents = 12,345.5 -> 12,346
  CHECK(fresh(1000000, 123455, 0).retainage_work == Cents{12346});
  // stored 5 % of 10,010 = 500.5 -> 501
  CHECK(fresh(1000000, 0, 10010).retainage_stored == Cents{501});
  // A credit line: 10 % of -1,005 = -100.5 -> -101.
  CHECK(fresh(-100000, -1005, 0).retainage_work == Cents{-101});
  // Work and stored round separately: 10 % of 5 = 0.5 -> 1; 5 % of 10 = 0.5 -> 1; I = 2.
  G703Line both = fresh(100, 5, 10);
  CHECK(both.retainage == Cents{2});
}

TEST_CASE("percent complete rounds to the basis point, a zero line is 0 %", "[unit]") {
  // 1 / 3 of $3.00: 100 / 300 = 3333.33 -> 3333
  CHECK(fresh(300, 100, 0).percent_complete == BasisPoints{3333});
  // 2 / 3: 6666.67 -> 6667
  CHECK(fresh(300, 200, 0).percent_complete == BasisPoints{6667});
  // 1 cent of $200.00: 0.5 bps -> 1
  CHECK(fresh(20000, 1, 0).percent_complete == BasisPoints{1});
  CHECK(fresh(20000, 20000, 0).percent_complete == BasisPoints{10000});
  // C = 0 (a change order for no money): G must be 0 too, and it is 0 %.
  G703Line zero = fresh(0, 0, 0);
  CHECK(zero.percent_complete == BasisPoints{0});
  CHECK(zero.balance_to_finish == Cents{0});
  // A credit line half done is 50 %, not -50 %.
  CHECK(fresh(-250000, -125000, 0).percent_complete == BasisPoints{5000});
}

TEST_CASE("a G703 line may reach 100 % and no further", "[unit]") {
  // Exactly C: allowed.
  CHECK(fresh(100000, 60000, 40000).completed_and_stored == Cents{100000});

  // Work alone past C: blamed on E.
  auto work = compute_g703_line({Cents{100000}, Cents{60000}, Cents{40001}, Cents{0}}, kTenAndFive);
  REQUIRE_FALSE(work.ok());
  CHECK(work.error().message("this_period_cents") ==
        "brings work completed to $1,000.01, outside $0.00 to the scheduled value, $1,000.00");
  CHECK(work.error().size() == 1);

  // Work fine, stored tips it over: blamed on F.
  auto stored =
      compute_g703_line({Cents{100000}, Cents{60000}, Cents{30000}, Cents{10001}}, kTenAndFive);
  REQUIRE_FALSE(stored.ok());
  CHECK(stored.error().message("stored_cents") ==
        "brings completed and stored to $1,000.01, beyond 100 % of the scheduled value, "
        "$1,000.00");
  CHECK_FALSE(stored.error().has("this_period_cents"));

  // Both wrong at once: both named.
  auto both = compute_g703_line({Cents{100000}, Cents{0}, Cents{100001}, Cents{-1}}, kTenAndFive);
  CHECK(both.error().size() == 2);

  // A zero line takes nothing.
  CHECK_FALSE(compute_g703_line({Cents{0}, Cents{0}, Cents{1}, Cents{0}}, kTenAndFive).ok());
}

TEST_CASE("a negative E corrects an earlier over-billing, but not below zero", "[unit]") {
  // D 500.00, E -200.00: work 300.00.
  G703Line corrected = computed({Cents{100000}, Cents{50000}, Cents{-20000}, Cents{0}});
  CHECK(corrected.completed_and_stored == Cents{30000});
  CHECK(corrected.retainage == Cents{3000});
  auto below =
      compute_g703_line({Cents{100000}, Cents{50000}, Cents{-50001}, Cents{0}}, kTenAndFive);
  CHECK(below.error().message("this_period_cents") ==
        "brings work completed to -$0.01, outside $0.00 to the scheduled value, $1,000.00");
  // Negative stored materials on an ordinary line mean nothing.
  auto stored = compute_g703_line({Cents{100000}, Cents{0}, Cents{0}, Cents{-1}}, kTenAndFive);
  CHECK(stored.error().message("stored_cents") ==
        "must lie between $0.00 and the scheduled value, $1,000.00");
}

TEST_CASE("a credit line runs from 0 down to C and no further", "[unit]") {
  // C -2,500.00: completing the credit entirely is G = C.
  CHECK(fresh(-250000, -250000, 0).completed_and_stored == Cents{-250000});
  CHECK(fresh(-250000, -250000, 0).balance_to_finish == Cents{0});
  // One cent beyond C in the negative direction is refused...
  auto beyond =
      compute_g703_line({Cents{-250000}, Cents{0}, Cents{-250001}, Cents{0}}, kTenAndFive);
  CHECK(beyond.error().has("this_period_cents"));
  // ...and so is billing a credit line as if it were an extra.
  auto positive = compute_g703_line({Cents{-250000}, Cents{0}, Cents{1}, Cents{0}}, kTenAndFive);
  CHECK(positive.error().has("this_period_cents"));
}

TEST_CASE("an amount typed past the limit is refused before any arithmetic", "[unit]") {
  auto line = compute_g703_line(
      {Cents{100000}, Cents{100000}, Cents{std::numeric_limits<std::int64_t>::max()},
       Cents{std::numeric_limits<std::int64_t>::min()}},
      kTenAndFive);
  REQUIRE_FALSE(line.ok());
  CHECK(line.error().message("this_period_cents") ==
        "exceeds the largest amount, $10,000,000,000,000.00");
  CHECK(line.error().has("stored_cents"));
}

TEST_CASE("the next application carries D + E and the stored balance F", "[unit]") {
  G703Line last = computed({Cents{4000000}, Cents{500000}, Cents{600010}, Cents{123450}});
  CHECK(next_entry(last) == G703Entry{Cents{4000000}, Cents{1100010}, Cents{0}, Cents{123450}});
  CHECK(first_entry(Cents{77700}) == G703Entry{Cents{77700}, Cents{0}, Cents{0}, Cents{0}});
  // Untouched, the carried line claims what the last one did: G unchanged.
  CHECK(computed(next_entry(last)).completed_and_stored == last.completed_and_stored);
}

TEST_CASE("certification: up to the payment due, never more", "[unit]") {
  CHECK(validate_certified_amount(240111700, Cents{240111700}).value() == Cents{240111700});
  CHECK(validate_certified_amount(230000000, Cents{240111700}).value() == Cents{230000000});
  CHECK(validate_certified_amount(0, Cents{240111700}).value() == Cents{0});
  CHECK(validate_certified_amount(240111701, Cents{240111700}).error().message("certified_cents") ==
        "must lie between $0.00 and the current payment due, $2,401,117.00");
  CHECK(validate_certified_amount(-1, Cents{240111700}).error().has("certified_cents"));
  // When the work went backward the payment due is negative: a credit to certify.
  CHECK(validate_certified_amount(-500, Cents{-1000}).value() == Cents{-500});
  CHECK(validate_certified_amount(1, Cents{-1000}).error().has("certified_cents"));
}

TEST_CASE("a G702 whose schedule drifted from the contract sum is a bug", "[unit]") {
  std::vector<G703Line> lines = {fresh(100000, 0, 0)};
  CHECK_THROWS_AS(compute_g702(Cents{100001}, Cents{0}, lines, {}), std::logic_error);
}

// Three applications on one contract, worked by hand, retainage 10 % on work
// and 5 % on stored materials.
//
// Original contract $100,000.00 over four SOV lines:
//   1 General conditions $10,000.00   2 Concrete $30,000.00
//   3 Carpentry $40,000.00            4 Finishes $20,000.00
// Before application 2 the owner approves CO-001 (+$5,000.00, line 5) and
// CO-002 (a credit, -$2,500.00, line 6): net change orders $2,500.00. A
// third order, pending, is not on the schedule and not in line 2.
TEST_CASE("three applications: G702 and G703 worked by hand", "[unit]") {
  // ---- Application 1 -------------------------------------------------
  //        C            E           F          G      %     H            I
  // 1  1,000,000    300,000         0    300,000  3000   700,000    30,000
  // 2  3,000,000  1,234,565         0  1,234,565  4115 1,765,435   123,457 (123,456.5)
  // 3  4,000,000    500,000   600,010  1,100,010  2750 2,899,990    80,001 (50,000 + 30,000.5)
  // 4  2,000,000          0         0          0     0 2,000,000         0
  // percent line 2: 1,234,565 / 3,000,000 = 4115.2 -> 4115; line 3: 2750.025 -> 2750
  std::vector<G703Line> app1 = {fresh(1000000, 300000, 0), fresh(3000000, 1234565, 0),
                                fresh(4000000, 500000, 600010), fresh(2000000, 0, 0)};
  CHECK(app1[1].retainage == Cents{123457});
  CHECK(app1[1].percent_complete == BasisPoints{4115});
  CHECK(app1[2].retainage_work == Cents{50000});
  CHECK(app1[2].retainage_stored == Cents{30001});
  CHECK(app1[2].percent_complete == BasisPoints{2750});

  // 4 = 300,000 + 1,234,565 + 1,100,010 = 2,634,575
  // 5a = 30,000 + 123,457 + 50,000 = 203,457; 5b = 30,001; 5 = 233,458
  // 6 = 2,634,575 - 233,458 = 2,401,117; 7 = 0; 8 = 2,401,117
  // 9 = 10,000,000 - 2,401,117 = 7,598,883 = (10,000,000 - 2,634,575) + 233,458
  G702 g1 = compute_g702(Cents{10000000}, Cents{0}, app1, {});
  CHECK(g1 == G702{Cents{10000000}, Cents{0}, Cents{10000000}, Cents{2634575}, Cents{203457},
                   Cents{30001}, Cents{233458}, Cents{2401117}, Cents{0}, Cents{2401117},
                   Cents{7598883}});
  check_invariants(g1, app1);
  // The architect disputes part of line 2 and certifies $23,000.00 of $24,011.17.
  Cents certified1 = validate_certified_amount(2300000, g1.current_payment_due).value();

  // ---- Application 2: COs approved, lines 5 and 6 added ----------------
  //        C           D          E         F          G      %          H          I
  // 1  1,000,000    300,000    200,000        0    500,000  5000    500,000     50,000
  // 2  3,000,000  1,234,565  1,000,000        0  2,234,565  7449    765,435    223,457 (223,456.5)
  // 3  4,000,000    500,000    600,010  200,000  1,300,010  3250  2,699,990    120,001
  // 4  2,000,000          0    150,000        0    150,000   750  1,850,000     15,000
  // 5    500,000          0    250,000        0    250,000  5000    250,000     25,000
  // 6   -250,000          0   -125,000        0   -125,000  5000   -125,000    -12,500
  // Line 3: 400,010 of the 600,010 stored was installed (into E with 200,000 of
  // labour), leaving F = 200,000. Line 2's percent 7448.55 -> 7449 (half up).
  // Line 3: work retainage 110,001; stored 5 % of 200,000 = 10,000.
  std::vector<G703Line> app2 = {next(app1[0], 200000, 0),      next(app1[1], 1000000, 0),
                                next(app1[2], 600010, 200000), next(app1[3], 150000, 0),
                                fresh(500000, 250000, 0),      fresh(-250000, -125000, 0)};
  CHECK(app2[2].previous == Cents{500000});
  CHECK(app2[1].percent_complete == BasisPoints{7449});
  CHECK(app2[2].retainage == Cents{120001});
  CHECK(app2[5].retainage == Cents{-12500});
  CHECK(app2[5].percent_complete == BasisPoints{5000});

  // 4 = 500,000 + 2,234,565 + 1,300,010 + 150,000 + 250,000 - 125,000 = 4,309,575
  // 5a = 50,000 + 223,457 + 110,001 + 15,000 + 25,000 - 12,500 = 410,958; 5b = 10,000
  // 6 = 4,309,575 - 420,958 = 3,888,617; 7 = 2,300,000 (what was certified, not requested)
  // 8 = 1,588,617: this period's earnings plus the 101,117 not certified last time
  // 9 = 10,250,000 - 3,888,617 = 6,361,383 = (10,250,000 - 4,309,575) + 420,958
  std::vector<Cents> earlier2 = {certified1};
  G702 g2 = compute_g702(Cents{10000000}, Cents{250000}, app2, earlier2);
  CHECK(g2 == G702{Cents{10000000}, Cents{250000}, Cents{10250000}, Cents{4309575}, Cents{410958},
                   Cents{10000}, Cents{420958}, Cents{3888617}, Cents{2300000}, Cents{1588617},
                   Cents{6361383}});
  check_invariants(g2, app2);
  Cents certified2 = validate_certified_amount(1588617, g2.current_payment_due).value();

  // ---- Application 3: everything complete --------------------------------
  // Every line to G = C, the last stored materials installed (F = 0):
  //   E = 500,000; 765,435; 2,899,990 (2,699,990 + the 200,000 stored); 1,850,000;
  //       250,000; -125,000
  // 4 = 10,250,000; 5a = 10 % of each C = 1,025,000; 5b = 0
  // 6 = 9,225,000; 7 = 2,300,000 + 1,588,617 = 3,888,617; 8 = 5,336,383
  // 9 = 1,025,000: what is left to pay is exactly the retainage held.
  std::vector<G703Line> app3 = {next(app2[0], 500000, 0),  next(app2[1], 765435, 0),
                                next(app2[2], 2899990, 0), next(app2[3], 1850000, 0),
                                next(app2[4], 250000, 0),  next(app2[5], -125000, 0)};
  for (const G703Line& line : app3) {
    CHECK(line.percent_complete == BasisPoints{10000});
    CHECK(line.balance_to_finish == Cents{0});
  }
  std::vector<Cents> earlier3 = {certified1, certified2};
  G702 g3 = compute_g702(Cents{10000000}, Cents{250000}, app3, earlier3);
  CHECK(g3 == G702{Cents{10000000}, Cents{250000}, Cents{10250000}, Cents{10250000}, Cents{1025000},
                   Cents{0}, Cents{1025000}, Cents{9225000}, Cents{3888617}, Cents{5336383},
                   Cents{1025000}});
  check_invariants(g3, app3);
  Cents certified3 = validate_certified_amount(5336383, g3.current_payment_due).value();

  // ---- Retainage release: the rates set to 0, a fourth application --------
  // Nothing billed this period; 5 = 0, so 6 = 4 = 10,250,000;
  // 7 = 2,300,000 + 1,588,617 + 5,336,383 = 9,225,000; 8 = 1,025,000 released; 9 = 0.
  std::vector<G703Line> app4;
  for (const G703Line& line : app3) app4.push_back(next(line, 0, 0, kReleased));
  std::vector<Cents> earlier4 = {certified1, certified2, certified3};
  G702 g4 = compute_g702(Cents{10000000}, Cents{250000}, app4, earlier4);
  CHECK(g4.retainage == Cents{0});
  CHECK(g4.previous_certificates == Cents{9225000});
  CHECK(g4.current_payment_due == Cents{1025000});
  CHECK(g4.balance_to_finish == Cents{0});
  check_invariants(g4, app4);
}

TEST_CASE("a G702 with sums near 10^12 cents stays exact", "[unit]") {
  // Four lines of $2.5 billion each, half done: C = 250,000,000,000 cents each.
  // 3 = 10^12; 4 = 5 x 10^11; 5 = 10 % = 5 x 10^10; 6 = 4.5 x 10^11; 9 = 5.5 x 10^11.
  std::vector<G703Line> lines(4, fresh(250'000'000'000, 125'000'000'000, 0));
  G702 g = compute_g702(Cents{1'000'000'000'000}, Cents{0}, lines, {});
  CHECK(g.completed_and_stored_to_date == Cents{500'000'000'000});
  CHECK(g.retainage == Cents{50'000'000'000});
  CHECK(g.current_payment_due == Cents{450'000'000'000});
  CHECK(g.balance_to_finish == Cents{550'000'000'000});
  check_invariants(g, lines);
}

TEST_CASE("the G703's total row sums every column, its percent is of the sums", "[unit]") {
  // 10,000.00 half done (5,000 retainage 10 % = 500); 3,000.00 with 1,000
  // stored (retainage 5 % = 50); a credit line of -1,000.00 untouched.
  std::vector<G703Line> lines = {
      computed({Cents{1'000'000}, Cents{200'000}, Cents{300'000}, Cents{0}}),
      computed({Cents{300'000}, Cents{0}, Cents{0}, Cents{100'000}}),
      computed({Cents{-100'000}, Cents{0}, Cents{0}, Cents{0}})};
  G703Line t = g703_totals(lines);
  CHECK(t.scheduled == Cents{1'200'000});
  CHECK(t.previous == Cents{200'000});
  CHECK(t.this_period == Cents{300'000});
  CHECK(t.stored == Cents{100'000});
  CHECK(t.completed_and_stored == Cents{600'000});
  CHECK(t.percent_complete == BasisPoints{5000});
  CHECK(t.balance_to_finish == Cents{600'000});
  CHECK(t.retainage_work == Cents{50'000});
  CHECK(t.retainage_stored == Cents{5'000});
  CHECK(t.retainage == Cents{55'000});
  CHECK(g703_totals({}).percent_complete == BasisPoints{0});
}
