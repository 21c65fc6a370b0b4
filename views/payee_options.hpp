// The <option>s of a "party" select on a commitment's or a vendor bill's
// form: the organisation's subcontractors and vendors (domain::is_payee_kind),
// by name, the typed one selected.
#pragma once

#include <string>

#include "views/page_context.hpp"

namespace construction::views {

// Sets data[name] to the list of {value, label, selected}.
void set_payee_options(const PageContext& page, Data& data, const std::string& name,
                       const std::string& selected);

}  // namespace construction::views
