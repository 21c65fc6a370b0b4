// Pay applications (G702) and their lines (G703), with the figures
// domain/pay_application computed. An application's summary is saved whole
// (set_pay_application_g702) after every change to its lines while it is a
// draft; from submit on nothing but its status and certificate changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "domain/pay_application.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct G702Record {
  domain::Cents original_contract_sum_cents;
  domain::Cents net_change_orders_cents;
  domain::Cents contract_sum_to_date_cents;
  domain::Cents completed_and_stored_to_date_cents;
  domain::Cents retainage_work_cents;
  domain::Cents retainage_stored_cents;
  domain::Cents retainage_cents;
  domain::Cents earned_less_retainage_cents;
  domain::Cents previous_certificates_cents;
  domain::Cents current_payment_due_cents;
  domain::Cents balance_to_finish_cents;
};

struct PayApplicationRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 1;
  domain::Date period_to;
  domain::PayApplicationStatus status = domain::PayApplicationStatus::draft;
  std::int64_t retainage_work_bps = 0;
  std::int64_t retainage_stored_bps = 0;
  G702Record g702;
  std::optional<domain::Cents> certified_cents;
  std::optional<domain::Timestamp> submitted_at;
  std::optional<domain::Timestamp> certified_at;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

// E and F as entered, and what the domain made of them.
struct G703Record {
  domain::Cents scheduled_value_cents;       // C
  domain::Cents previous_cents;              // D
  domain::Cents this_period_cents;           // E
  domain::Cents stored_cents;                // F
  domain::Cents completed_and_stored_cents;  // G
  std::int64_t percent_complete_bps = 0;
  domain::Cents balance_to_finish_cents;  // H
  domain::Cents retainage_work_cents;
  domain::Cents retainage_stored_cents;
  domain::Cents retainage_cents;  // I
};

struct PayApplicationLineRecord {
  std::int64_t id = 0;
  std::int64_t pay_application_id = 0;
  std::int64_t sov_line_id = 0;
  int item_no = 0;
  std::string description;
  G703Record figures;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

struct NewPayApplication {
  int number = 1;
  domain::Date period_to;
  std::int64_t retainage_work_bps = 0;
  std::int64_t retainage_stored_bps = 0;
};

PayApplicationRecord insert_pay_application(Connection& db, std::int64_t org_id,
                                            std::int64_t project_id,
                                            const NewPayApplication& application);
std::optional<PayApplicationRecord> find_pay_application(Connection& db, std::int64_t org_id,
                                                         std::int64_t id, bool for_update = false);
struct PayApplicationWithLines {
  PayApplicationRecord application;
  std::vector<PayApplicationLineRecord> lines;  // in item order
  std::optional<std::int64_t> invoice_id;       // the invoice its certificate made
  std::string invoice_number;
};
// The application, its lines and its certificate's invoice in one round trip.
std::optional<PayApplicationWithLines> find_pay_application_with_lines(Connection& db,
                                                                       std::int64_t org_id,
                                                                       std::int64_t id);
Query<std::optional<PayApplicationWithLines>> pay_application_with_lines_query(std::int64_t org_id,
                                                                               std::int64_t id);
std::optional<PayApplicationRecord> find_pay_application_by_number(Connection& db,
                                                                   std::int64_t org_id,
                                                                   std::int64_t project_id,
                                                                   int number);
// The project's application with the highest number.
std::optional<PayApplicationRecord> latest_pay_application(Connection& db, std::int64_t org_id,
                                                           std::int64_t project_id);
PageOf<PayApplicationRecord> list_pay_applications(Connection& db, std::int64_t org_id,
                                                   std::int64_t project_id, const Page& page);
Query<PageOf<PayApplicationRecord>> pay_applications_query(std::int64_t org_id,
                                                           std::int64_t project_id,
                                                           const Page& page);
// The certified_cents of the project's applications numbered below `number`.
std::vector<domain::Cents> earlier_certificates(Connection& db, std::int64_t org_id,
                                                std::int64_t project_id, int number);
PayApplicationRecord set_pay_application_g702(Connection& db, std::int64_t org_id, std::int64_t id,
                                              const G702Record& g702);
// submitted_at / certified_at follow the status; certified_cents only with certified.
PayApplicationRecord set_pay_application_status(Connection& db, std::int64_t org_id,
                                                std::int64_t id,
                                                domain::PayApplicationStatus status,
                                                std::optional<domain::Cents> certified_cents);

// In item order.
std::vector<PayApplicationLineRecord> list_pay_application_lines(Connection& db,
                                                                 std::int64_t org_id,
                                                                 std::int64_t pay_application_id);
std::optional<PayApplicationLineRecord> find_pay_application_line(Connection& db,
                                                                  std::int64_t org_id,
                                                                  std::int64_t pay_application_id,
                                                                  std::int64_t id);
PayApplicationLineRecord insert_pay_application_line(Connection& db, std::int64_t org_id,
                                                     std::int64_t pay_application_id,
                                                     std::int64_t sov_line_id, int item_no,
                                                     const std::string& description,
                                                     const G703Record& figures);
PayApplicationLineRecord update_pay_application_line(Connection& db, std::int64_t org_id,
                                                     std::int64_t id, const G703Record& figures);

}  // namespace construction::sql
