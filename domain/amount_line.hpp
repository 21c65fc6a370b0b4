// AmountLine: a line of a commitment or a vendor bill, an amount charged to a
// budget line (cost code and cost type) with a description. Unlike an
// estimate's line it has no quantity or markup: a subcontract or a supplier's
// bill states the amount. A commitment's line is positive; a bill's may be
// negative (a credit) but not zero.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

struct AmountLineInput {
  std::string cost_code;
  std::string cost_type;
  std::string description;
  std::int64_t amount_cents = 0;
};

enum class AmountSign { positive, credit_allowed };

// Checks every field and names each bad one (API names, no prefix).
FieldErrors check_amount_line(const AmountLineInput& line, AmountSign sign);

// Σ amounts of a document's lines; refused (field "lines") beyond kMaxCents.
Validated<Cents> document_amount(std::span<const Cents> amounts);

}  // namespace construction::domain
