#include "documents/pay_application_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

namespace {

using domain::format_cents;

std::string rate(std::int64_t bps) {
  return domain::format_bps(domain::BasisPoints{bps});
}

std::string period_to(const sql::PayApplicationRecord& a) {
  return "Period to " + domain::display_date(a.period_to);
}

// The G702's parties and dates, as the form's top half lays them out.
void g702_parties(DocumentLayout& layout, const Letterhead& letterhead,
                  const PayApplicationSheet& sheet) {
  const sql::PayApplicationRecord& a = sheet.application;
  const sql::ProjectFields& project = letterhead.project.fields;
  layout.columns({"To owner\n" + client_block(letterhead.client),
                  "Project\n" + project_block(letterhead.project),
                  "From contractor\n" + organisation_block(letterhead)});
  std::string contract_date =
      project.start_date ? domain::display_date(*project.start_date) : std::string("—");
  layout.columns({"Application no. " + std::to_string(a.number) + "\n" + period_to(a) +
                      "\nContract date " + contract_date,
                  "Via architect\n" + sheet.architect, "Contract for\n" + project.name});
  layout.space(6);
}

// Lines 1 to 9, each figure as stored on the application (save_g702 keeps
// them equal to what domain/pay_application makes of the lines).
void g702_lines(DocumentLayout& layout, const sql::PayApplicationRecord& a) {
  const sql::G702Record& g = a.g702;
  layout.text("Contractor's application for payment", TextStyle::bold);
  layout.text(
      "Application is made for payment, as shown below, in connection with the contract. "
      "The continuation sheet is attached.",
      TextStyle::small);
  layout.fields(
      {{"1. Original contract sum", format_cents(g.original_contract_sum_cents)},
       {"2. Net change by change orders", format_cents(g.net_change_orders_cents)},
       {"3. Contract sum to date (line 1 ± 2)", format_cents(g.contract_sum_to_date_cents)},
       {"4. Total completed & stored to date (column G)",
        format_cents(g.completed_and_stored_to_date_cents)},
       {"5. Retainage:", ""},
       {"      a. " + rate(a.retainage_work_bps) + " of completed work (columns D + E)",
        format_cents(g.retainage_work_cents)},
       {"      b. " + rate(a.retainage_stored_bps) + " of stored material (column F)",
        format_cents(g.retainage_stored_cents)},
       {"   Total retainage (lines 5a + 5b, column I)", format_cents(g.retainage_cents)},
       {"6. Total earned less retainage (line 4 less line 5 total)",
        format_cents(g.earned_less_retainage_cents)},
       {"7. Less previous certificates for payment (line 6 from prior certificate)",
        format_cents(g.previous_certificates_cents)}},
      0.72);
  layout.fields({{"8. Current payment due", format_cents(g.current_payment_due_cents)}}, 0.72,
                TextStyle::total);
  layout.fields({{"9. Balance to finish, including retainage (line 3 less line 6)",
                  format_cents(g.balance_to_finish_cents)}},
                0.72);
}

void g702_certificates(DocumentLayout& layout, const sql::PayApplicationRecord& a) {
  layout.space(6);
  layout.columns(
      {"Contractor\nThe undersigned contractor certifies that to the best of the contractor's "
       "knowledge, information and belief the work covered by this application for payment has "
       "been completed in accordance with the contract documents, that all amounts have been "
       "paid by the contractor for work for which previous certificates for payment were issued "
       "and payments received from the owner, and that current payment shown herein is now "
       "due.\n\nBy: ______________________________\nDate: ______________",
       "Architect's certificate for payment\nIn accordance with the contract documents, based "
       "on on-site observations and the data comprising this application, the architect "
       "certifies to the owner that to the best of the architect's knowledge, information and "
       "belief the work has progressed as indicated, the quality of the work is in accordance "
       "with the contract documents, and the contractor is entitled to payment of the amount "
       "certified.\n\nAmount certified: " +
           (a.certified_cents ? format_cents(*a.certified_cents) : "$ ______________") +
           "\n\nArchitect: ______________________________\nDate: ______________"},
      TextStyle::small);
}

std::vector<std::string> g703_cells(std::string item, std::string description,
                                    const domain::G703Line& f) {
  return {std::move(item),
          std::move(description),
          format_cents(f.scheduled),
          format_cents(f.previous),
          format_cents(f.this_period),
          format_cents(f.stored),
          format_cents(f.completed_and_stored),
          domain::format_bps(f.percent_complete),
          format_cents(f.balance_to_finish),
          format_cents(f.retainage)};
}

Table g703_table(const PayApplicationSheet& sheet) {
  auto money = [](const char* header) { return Column{header, 1.25, Align::right}; };
  Table table{{{"A\nItem no.", 0.5},
               {"B\nDescription of work", 2.6},
               money("C\nScheduled value"),
               money("D\nFrom previous application (D + E)"),
               money("E\nThis period"),
               money("F\nMaterials presently stored (not in D or E)"),
               money("G\nTotal completed and stored to date (D + E + F)"),
               {"G ÷ C\n%", 0.8, Align::right},
               money("H\nBalance to finish (C − G)"),
               money("I\nRetainage")},
              {},
              {g703_cells("", "Grand total", sheet.totals)},
              "No lines."};
  for (const auto& row : sheet.rows)
    table.rows.push_back(g703_cells(std::to_string(row.item_no), row.description, row.figures));
  return table;
}

}  // namespace

std::string pay_application_number(const sql::ProjectRecord& project,
                                   const sql::PayApplicationRecord& application) {
  return project.fields.number + " Application " + std::to_string(application.number);
}

std::string pay_application_pdf(const Letterhead& letterhead, const PayApplicationSheet& sheet) {
  const sql::PayApplicationRecord& a = sheet.application;
  std::string number = pay_application_number(letterhead.project, a);
  DocumentLayout layout(
      {"Application and certificate for payment " + number, letterhead.organisation, a.updated_at},
      page_header(letterhead, "Application and certificate for payment",
                  "Application no. " + std::to_string(a.number), {period_to(a)}));
  g702_parties(layout, letterhead, sheet);
  g702_lines(layout, a);
  g702_certificates(layout, a);
  // The G703 on its own pages, landscape as the form is, its header row on each.
  layout.section(page_header(letterhead, "Continuation sheet",
                             "Application no. " + std::to_string(a.number), {period_to(a)}),
                 Orientation::landscape);
  layout.table(g703_table(sheet));
  return layout.pdf();
}

}  // namespace construction::documents
