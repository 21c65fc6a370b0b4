#include "domain/amount_line.hpp"

namespace construction::domain {

FieldErrors check_amount_line(const AmountLineInput& line, AmountSign sign) {
  FieldErrors errors;
  check_cost_key(line.cost_code, line.cost_type, errors);
  if (is_blank(line.description)) errors.add("description", "is required");
  if (count_characters(line.description) > kMaxDescriptionLength)
    errors.add("description", "must be at most 500 characters");
  if (line.amount_cents > kMaxCents || line.amount_cents < -kMaxCents)
    errors.add("amount_cents", too_large_message());
  else if (sign == AmountSign::positive && line.amount_cents <= 0)
    errors.add("amount_cents", "must be more than 0");
  else if (line.amount_cents == 0)
    errors.add("amount_cents", "must not be 0 (a credit is negative)");
  return errors;
}

Validated<Cents> document_amount(std::span<const Cents> amounts) {
  CentsSum sum;
  for (Cents amount : amounts) sum.add(amount);
  if (auto total = sum.total()) return *total;
  FieldErrors errors;
  errors.add("lines", "the amount " + too_large_message());
  return errors;
}

}  // namespace construction::domain
