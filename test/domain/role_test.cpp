#include "domain/role.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;

TEST_CASE("role names round-trip and unknown names are refused", "[unit]") {
  for (Role role : {Role::owner, Role::manager, Role::field})
    CHECK(parse_role(to_string(role)) == role);
  CHECK_FALSE(parse_role("admin"));
  CHECK_FALSE(parse_role("Owner"));
}

TEST_CASE("owners do everything, managers all but users, field reads projects and writes logs",
          "[unit]") {
  for (Permission p : {Permission::manage_users, Permission::read_users, Permission::read_projects,
                       Permission::write_projects, Permission::read_commercial,
                       Permission::write_commercial, Permission::write_field_records}) {
    CHECK(allows(Role::owner, p));
    CHECK(allows(Role::manager, p) == (p != Permission::manage_users));
    CHECK(allows(Role::field, p) ==
          (p == Permission::read_projects || p == Permission::write_field_records));
  }
}
