// A project's and a party's closed vocabularies, as the schema's CHECK
// constraints hold them (sql/migrations/0002_parties_projects.sql): what
// operations/projects.hpp accepts and the API's list filters offer. The
// pages pair each value with its label (views/project_pages.cpp,
// views/party_pages.cpp).
#pragma once

#include <array>
#include <string_view>

namespace construction::domain {

inline constexpr std::array<std::string_view, 6> kProjectStatuses = {
    "lead", "estimating", "active", "substantially_complete", "closed", "cancelled"};
inline constexpr std::array<std::string_view, 2> kContractTypes = {"fixed_price", "cost_plus"};
inline constexpr std::array<std::string_view, 4> kPartyKinds = {"client", "vendor", "subcontractor",
                                                                "architect"};

}  // namespace construction::domain
