// An organisation with one project, for a store's test to hang its
// documents on.
#pragma once

#include <cstdint>
#include <string>

#include "sql/connection.hpp"
#include "sql/project_store.hpp"
#include "sql/user_store.hpp"

namespace construction::sql::test {

struct OrgWithProject {
  std::int64_t org = 0;
  std::int64_t project = 0;
};

inline OrgWithProject org_with_project(Connection& db, const std::string& org_name) {
  std::int64_t org = find_or_create_organisation(db, org_name).id;
  ProjectFields project;
  project.number = project.name = "J-1";
  return {org, insert_project(db, org, project).id};
}

}  // namespace construction::sql::test
