// Role: what a user of an organisation may do. Owners and managers do
// everything in their organisation, except that only owners manage its
// users; field users read projects and write daily logs and tasks.
#pragma once

#include <optional>
#include <string_view>

namespace construction::domain {

enum class Role { owner, manager, field };

enum class Permission {
  manage_users,         // create, change, deactivate users
  read_users,           // list the organisation's users
  read_projects,        // projects, as a field crew needs them
  write_projects,       // projects and parties
  read_commercial,      // parties, estimates, schedule of values: prices and margins;
                        // and every amount or rate of a project (its contract sum,
                        // retainage, financials), wherever a project is shown
  write_commercial,     // estimates and their lines and transitions
  write_field_records,  // tasks and daily logs: what a field crew keeps on site
};

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view name);
bool allows(Role role, Permission permission);

}  // namespace construction::domain
