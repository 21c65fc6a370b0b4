#include "documents/change_order_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

std::string change_order_pdf(const Letterhead& letterhead, const sql::ChangeOrderRecord& order,
                             const std::vector<sql::ChangeOrderLineRecord>& lines) {
  const std::string& number = order.fields.number;
  DocumentLayout layout({"Change order " + number, letterhead.organisation, order.updated_at},
                        page_header(letterhead, "Change order", number));
  (void)lines;
  layout.fields({{"Amount", domain::format_cents(order.amount_cents)}});
  return layout.pdf();
}

}  // namespace construction::documents
