// Projects. The original contract sum is not among the fields a client
// writes: accepting the project's estimate sets it (estimate_store.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/connection.hpp"
#include "sql/page.hpp"

namespace construction::sql {

struct ProjectFields {
  std::string number;
  std::string name;
  std::optional<std::int64_t> client_id;
  std::string site_address;
  std::string status = "lead";
  std::string contract_type = "fixed_price";
  std::int64_t retainage_work_bps = 1000;
  std::int64_t retainage_stored_bps = 1000;
  std::optional<std::string> start_date;  // YYYY-MM-DD
  std::optional<std::string> completion_date;
};

struct ProjectRecord {
  std::int64_t id = 0;
  ProjectFields fields;
  std::int64_t original_contract_sum_cents = 0;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

struct ProjectFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> client_id;
  std::optional<std::string> text;  // in the name or the number, any case
};

ProjectRecord insert_project(Connection& db, std::int64_t org_id, const ProjectFields& fields);
std::optional<ProjectRecord> find_project(Connection& db, std::int64_t org_id, std::int64_t id,
                                          bool for_update = false);
PageOf<ProjectRecord> list_projects(Connection& db, std::int64_t org_id,
                                    const ProjectFilter& filter, const Page& page);
ProjectRecord update_project(Connection& db, std::int64_t org_id, std::int64_t id,
                             const ProjectFields& fields);
void set_original_contract_sum(Connection& db, std::int64_t org_id, std::int64_t id,
                               std::int64_t cents);
bool delete_project(Connection& db, std::int64_t org_id, std::int64_t id);

}  // namespace construction::sql
