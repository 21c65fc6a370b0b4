// The <option>s of a "party" select on a commitment's or a vendor bill's
// form: the organisation's subcontractors and vendors (domain::is_payee_kind),
// by name, the typed one selected.
#pragma once

#include <string>

#include "sql/party_store.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// The parties the options are chosen from, to fetch with a page's other reads.
sql::Query<sql::PageOf<sql::PartyRecord>> payee_candidates_query(const PageContext& page);

// Sets data[name] to the list of {value, label, selected} of the payees
// among `parties`.
void set_payee_options(Data& data, const std::string& name,
                       const sql::PageOf<sql::PartyRecord>& parties, const std::string& selected);
// The same, reading the parties first.
void set_payee_options(const PageContext& page, Data& data, const std::string& name,
                       const std::string& selected);

}  // namespace construction::views
