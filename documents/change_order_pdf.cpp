#include "documents/change_order_pdf.hpp"

#include "documents/priced_lines.hpp"
#include "domain/money.hpp"

namespace construction::documents {

namespace {

// "+12 days", "-3 days", "No change".
std::string contract_time(std::int64_t days) {
  if (days == 0) return "No change";
  std::string unit = days == 1 || days == -1 ? " day" : " days";
  return (days > 0 ? "+" : "") + std::to_string(days) + unit;
}

}  // namespace

std::string change_order_pdf(const Letterhead& letterhead, const sql::ChangeOrderRecord& order,
                             const std::vector<sql::ChangeOrderLineRecord>& lines) {
  using domain::format_cents;
  const std::string& number = order.fields.number;
  std::vector<std::string> dates{"Dated " + domain::display_date(order.created_at)};
  if (order.approved_at) dates.push_back("Approved " + domain::display_date(*order.approved_at));
  DocumentLayout layout({"Change order " + number, letterhead.organisation, order.updated_at},
                        page_header(letterhead, "Change order", number, dates));
  layout.columns({"To owner\n" + client_block(letterhead.client),
                  "Project\n" + project_block(letterhead.project)});
  layout.space(6);
  if (!order.fields.title.empty()) layout.text(order.fields.title, TextStyle::bold);
  if (!order.fields.reason.empty()) layout.text("Reason: " + order.fields.reason);
  // Prices only, as on the estimate.
  Table table = priced_lines_table(
      {{"Change to the contract sum", format_cents(order.amount_cents)}}, "No lines.");
  for (const auto& line : lines) add_priced_line(table, line.fields);
  layout.table(std::move(table));
  layout.fields({{"Change to the contract time", contract_time(order.fields.days_delta)}}, 0.5);
  layout.space(18);
  layout.columns({"Owner: ______________________________\nDate: ______________",
                  "Contractor: ______________________________\nDate: ______________"});
  return layout.pdf();
}

}  // namespace construction::documents
