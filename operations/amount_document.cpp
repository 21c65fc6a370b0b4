#include "operations/amount_document.hpp"

#include "domain/amount_line.hpp"

namespace construction::operations {

domain::Cents stored_lines_amount(const std::vector<sql::AmountLineRecord>& lines) {
  std::vector<domain::Cents> amounts;
  amounts.reserve(lines.size());
  for (const auto& line : lines) amounts.push_back(line.fields.amount_cents);
  auto amount = domain::document_amount(amounts);
  if (!amount) throw invalid_fields(amount.error());
  return amount.value();
}

}  // namespace construction::operations
