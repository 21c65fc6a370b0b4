// A project's and a party's closed vocabularies, as the schema's CHECK
// constraints hold them (sql/migrations/0002_parties_projects.sql): what a
// project's status and contract type and a party's kind may be. Their names
// are read and written here once (domain/enum_names.hpp); a page shows each
// value's label (views/format.hpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/validation.hpp"

namespace construction::domain {

enum class ProjectStatus { lead, estimating, active, substantially_complete, closed, cancelled };
enum class ContractType { fixed_price, cost_plus };
enum class PartyKind { client, vendor, subcontractor, architect };

std::string_view to_string(ProjectStatus status);
std::string_view to_string(ContractType type);
std::string_view to_string(PartyKind kind);
std::optional<ProjectStatus> parse_project_status(std::string_view name);
std::optional<ContractType> parse_contract_type(std::string_view name);
std::optional<PartyKind> parse_party_kind(std::string_view name);

// "lead, estimating, …": every name in the table's order, for the message
// that refuses a name that is none of them and for the API's list filters.
std::span<const std::string_view> project_status_names();
std::span<const std::string_view> contract_type_names();
std::span<const std::string_view> party_kind_names();

// The value `parse` reads from `text` (a form's or a body's name), or nothing
// with "must be one of lead, estimating, …" noted under `field`: the one
// message every reader of these names gives.
template <class Parse>
auto read_name(std::string_view text, Parse parse, std::span<const std::string_view> names,
               std::string_view field, FieldErrors& errors) -> decltype(parse(text)) {
  auto value = parse(text);
  if (!value) {
    std::string list;
    for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
    errors.add(field, "must be one of " + list);
  }
  return value;
}

}  // namespace construction::domain
