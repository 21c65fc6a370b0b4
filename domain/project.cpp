#include "domain/project.hpp"

#include "domain/enum_names.hpp"

namespace construction::domain {
namespace {

using S = ProjectStatus;
using C = ContractType;
using K = PartyKind;

constexpr EnumNames kStatuses{std::array{
    EnumName<S>{S::lead, "lead"},
    EnumName<S>{S::estimating, "estimating"},
    EnumName<S>{S::active, "active"},
    EnumName<S>{S::substantially_complete, "substantially_complete"},
    EnumName<S>{S::closed, "closed"},
    EnumName<S>{S::cancelled, "cancelled"},
}};
constexpr EnumNames kContractTypes{std::array{
    EnumName<C>{C::fixed_price, "fixed_price"},
    EnumName<C>{C::cost_plus, "cost_plus"},
}};
constexpr EnumNames kPartyKinds{std::array{
    EnumName<K>{K::client, "client"},
    EnumName<K>{K::vendor, "vendor"},
    EnumName<K>{K::subcontractor, "subcontractor"},
    EnumName<K>{K::architect, "architect"},
}};

// The names columns, made once at compile time.
constexpr auto kStatusNames = kStatuses.names();
constexpr auto kContractTypeNames = kContractTypes.names();
constexpr auto kPartyKindNames = kPartyKinds.names();

}  // namespace

std::string_view to_string(ProjectStatus status) {
  return kStatuses.name(status);
}
std::string_view to_string(ContractType type) {
  return kContractTypes.name(type);
}
std::string_view to_string(PartyKind kind) {
  return kPartyKinds.name(kind);
}
std::optional<ProjectStatus> parse_project_status(std::string_view name) {
  return kStatuses.parse(name);
}
std::optional<ContractType> parse_contract_type(std::string_view name) {
  return kContractTypes.parse(name);
}
std::optional<PartyKind> parse_party_kind(std::string_view name) {
  return kPartyKinds.parse(name);
}

std::span<const std::string_view> project_status_names() {
  return kStatusNames;
}
std::span<const std::string_view> contract_type_names() {
  return kContractTypeNames;
}
std::span<const std::string_view> party_kind_names() {
  return kPartyKindNames;
}

}  // namespace construction::domain
