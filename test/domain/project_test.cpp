#include "domain/project.hpp"

#include <catch2/catch.hpp>

using namespace construction::domain;

TEST_CASE("every project status, contract type and party kind reads back from its name", "[unit]") {
  for (std::string_view name : project_status_names())
    CHECK(to_string(*parse_project_status(name)) == name);
  for (std::string_view name : contract_type_names())
    CHECK(to_string(*parse_contract_type(name)) == name);
  for (std::string_view name : party_kind_names())
    CHECK(to_string(*parse_party_kind(name)) == name);
  CHECK(project_status_names().size() == 6);
  CHECK(to_string(ProjectStatus::substantially_complete) == "substantially_complete");
  CHECK_FALSE(parse_party_kind("Client"));  // names are exact: the schema's CHECK compares them
}

TEST_CASE("a name nobody knows is refused with every name the field takes", "[unit]") {
  FieldErrors errors;
  CHECK(read_name("cost_plus", parse_contract_type, contract_type_names(), "contract_type",
                  errors) == ContractType::cost_plus);
  CHECK(errors.empty());
  CHECK_FALSE(read_name("", parse_party_kind, party_kind_names(), "kind", errors));
  CHECK(errors.message("kind") == "must be one of client, vendor, subcontractor, architect");
  CHECK_FALSE(read_name("done", parse_project_status, project_status_names(), "status", errors));
  CHECK(errors.message("status") ==
        "must be one of lead, estimating, active, substantially_complete, closed, cancelled");
}
