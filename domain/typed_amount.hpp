// What a person types for an amount ("$1,234.50") or a rate ("12.5 %"),
// read by one rule for every form of the product, and refused with what was
// not understood rather than guessed at:
//   - an optional sign, then for an amount an optional "$";
//   - digits, with commas only as thousands separators in whole groups of
//     three ("1,234,567.89"; not "5,00", "1,5", "12,34,567", "1,,234",
//     "0,500"): a comma that groups anything else is a European decimal, and
//     reading it as a separator makes the amount 100 times too large;
//   - at most one decimal point and two decimals (cents, or hundredths of a
//     per cent): "1.500" is refused, since it is 1.5 or 1500 depending on who
//     typed it;
//   - nothing after the number, except a "%" after a rate: an amount takes no
//     unit ("12.5%", "5 USD", "5k").
// The value must lie within +/- kMaxCents hundredths (the API's bound on
// every *_cents field), so neither the parse nor a sum of two can overflow.
// Whether a sign or zero is allowed is the caller's rule, as in the API.
#pragma once

#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"

namespace construction::domain {

// The cents, or a FieldErrors message ("must be an amount such as
// 1,234.50: the comma in “5,00” does not group thousands").
Result<Cents, std::string> parse_amount(std::string_view typed);

// The basis points of "12.5", "12.5%" or "12.50 %" (1250), or a message.
Result<BasisPoints, std::string> parse_rate(std::string_view typed);

}  // namespace construction::domain
