// The pay application laid out like the AIA G702 (the application and
// certificate for payment: lines 1 to 9, the certificate block) followed by
// the G703 continuation sheet (columns A to I, a row per line of the
// schedule of values, the grand total tying to the G702's lines 4 and 5).
// Every figure is the stored one or the domain's (domain/pay_application).
#pragma once

#include <string>
#include <vector>

#include "documents/letterhead.hpp"
#include "domain/pay_application.hpp"
#include "sql/pay_application_store.hpp"

namespace construction::documents {

struct G703Row {
  int item_no = 0;
  std::string description;
  domain::G703Line figures;
};

struct PayApplicationSheet {
  sql::PayApplicationRecord application;
  std::vector<G703Row> rows;
  domain::G703Line totals;  // domain::g703_totals of the rows
  std::string architect;    // the project's architect's name, "" without one
};

// "P-001 Application 3": the project's number and the application's.
std::string pay_application_number(const sql::ProjectRecord& project,
                                   const sql::PayApplicationRecord& application);
std::string pay_application_pdf(const Letterhead& letterhead, const PayApplicationSheet& sheet);

}  // namespace construction::documents
