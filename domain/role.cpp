#include "domain/role.hpp"

#include "domain/enum_names.hpp"

namespace construction::domain {
namespace {

constexpr EnumNames kRoles{std::array{
    EnumName<Role>{Role::owner, "owner"},
    EnumName<Role>{Role::manager, "manager"},
    EnumName<Role>{Role::field, "field"},
}};

}  // namespace

std::string_view to_string(Role role) {
  return kRoles.name(role);
}
std::optional<Role> parse_role(std::string_view name) {
  return kRoles.parse(name);
}

bool allows(Role role, Permission permission) {
  switch (role) {
    case Role::owner:
      return true;
    case Role::manager:
      return permission != Permission::manage_users;
    case Role::field:
      return permission == Permission::read_projects ||
             permission == Permission::write_field_records;
  }
  return false;
}

}  // namespace construction::domain
