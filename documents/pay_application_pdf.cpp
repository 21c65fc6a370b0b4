#include "documents/pay_application_pdf.hpp"

#include "domain/money.hpp"

namespace construction::documents {

std::string pay_application_number(const sql::ProjectRecord& project,
                                   const sql::PayApplicationRecord& application) {
  return project.fields.number + " Application " + std::to_string(application.number);
}

std::string pay_application_pdf(const Letterhead& letterhead, const PayApplicationSheet& sheet) {
  const sql::PayApplicationRecord& a = sheet.application;
  std::string number = pay_application_number(letterhead.project, a);
  DocumentLayout layout(
      {"Application for payment " + number, letterhead.organisation, a.updated_at},
      page_header(letterhead, "Application for payment", number));
  layout.fields(
      {{"8. Current payment due", domain::format_cents(a.g702.current_payment_due_cents)}});
  return layout.pdf();
}

}  // namespace construction::documents
