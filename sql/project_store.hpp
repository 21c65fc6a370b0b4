// Projects. The original contract sum is not among the fields a client
// writes: accepting the project's estimate sets it (estimate_store.hpp).
//
// A project can be read with the figures of its documents, the inputs of
// its `financials` block (operations/project_financials.hpp): per project,
// its change orders' amounts summed by status, its invoices' totals and
// payments by status, and the retainage held on its latest certified pay
// application, in the same query as the projects, for one project or a page
// (whole projects for the API, listings for the dashboard).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "domain/project.hpp"
#include "domain/project_financials.hpp"
#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct ProjectFields {
  std::string number;
  std::string name;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> architect_id;  // a party of kind architect
  std::string site_address;
  domain::ProjectStatus status = domain::ProjectStatus::lead;
  domain::ContractType contract_type = domain::ContractType::fixed_price;
  std::int64_t retainage_work_bps = 1000;
  std::int64_t retainage_stored_bps = 1000;
  std::optional<domain::Date> start_date;
  std::optional<domain::Date> completion_date;
};

struct ProjectRecord {
  std::int64_t id = 0;
  ProjectFields fields;
  domain::Cents original_contract_sum_cents;
  int version = 1;
  domain::Timestamp created_at{};
  domain::Timestamp updated_at{};
};

// A project as a list of other records names it.
struct ProjectName {
  std::int64_t id = 0;
  std::string number;
  std::string name;
};

// A row of the projects page's list: what it shows of a project and no more
// (DESIGN.md, "Two round trips a page, or one").
struct ProjectListing {
  std::int64_t id = 0;
  std::string number;
  std::string name;
  domain::ProjectStatus status = domain::ProjectStatus::lead;
  domain::Cents original_contract_sum_cents;
  std::optional<domain::Date> start_date;
};

// The figures of a project's documents, typed as the domain computes with
// them (domain/project_financials.hpp): its change orders' amounts and its
// invoices' totals and payments summed by status, and its latest certified
// pay application.
struct DocumentFigures {
  std::vector<domain::ChangeOrderFigures> change_orders;
  std::vector<domain::InvoiceFigures> invoices;
  std::vector<domain::PayApplicationFigures> pay_applications;
};

struct ProjectWithFigures : ProjectRecord {
  std::string client_name;     // "" without a client
  std::string architect_name;  // "" without an architect
  DocumentFigures figures;
};

// A listing with the figures of its documents: what the dashboard shows.
struct ProjectListingWithFigures : ProjectListing {
  DocumentFigures figures;
};

struct ProjectFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> client_id;
  std::optional<std::string> text;  // in the name or the number, any case
};

// The project columns `p.id`, `p.number` and `p.name` of a joined row.
ProjectName project_name_from(const Row& row);

ProjectRecord insert_project(Connection& db, std::int64_t org_id, const ProjectFields& fields);
std::optional<ProjectRecord> find_project(Connection& db, std::int64_t org_id, std::int64_t id,
                                          bool for_update = false);
PageOf<ProjectRecord> list_projects(Connection& db, std::int64_t org_id,
                                    const ProjectFilter& filter, const Page& page);
Query<PageOf<ProjectRecord>> projects_query(std::int64_t org_id, const ProjectFilter& filter,
                                            const Page& page);
Query<PageOf<ProjectListing>> project_listings_query(std::int64_t org_id,
                                                     const ProjectFilter& filter, const Page& page);
// The project of pay application, change order or invoice `id`: read with
// the document, in the same round trip, by its page.
Query<std::optional<ProjectRecord>> project_of_pay_application_query(std::int64_t org_id,
                                                                     std::int64_t id);
Query<std::optional<ProjectRecord>> project_of_change_order_query(std::int64_t org_id,
                                                                  std::int64_t id);
Query<std::optional<ProjectRecord>> project_of_invoice_query(std::int64_t org_id, std::int64_t id);
Query<std::optional<ProjectWithFigures>> project_with_figures_query(std::int64_t org_id,
                                                                    std::int64_t id);
Query<PageOf<ProjectWithFigures>> projects_with_figures_query(std::int64_t org_id,
                                                              const ProjectFilter& filter,
                                                              const Page& page);
Query<PageOf<ProjectListingWithFigures>> project_listings_with_figures_query(
    std::int64_t org_id, const ProjectFilter& filter, const Page& page);
ProjectRecord update_project(Connection& db, std::int64_t org_id, std::int64_t id,
                             const ProjectFields& fields);
void set_original_contract_sum(Connection& db, std::int64_t org_id, std::int64_t id,
                               domain::Cents amount);
bool delete_project(Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::sql
