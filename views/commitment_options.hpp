// The <option>s of a vendor bill form's "commitment" select (the Budget tab's
// form and the vendor bill page's): the project's approved commitments, the
// only ones a bill may be charged to, as "SC-002 · Lighting", the chosen one
// selected.
#pragma once

#include <string>

#include "sql/commitment_store.hpp"
#include "views/template_data.hpp"

namespace construction::views {

// Sets data[name] to the list of {value, label, selected} of the approved
// commitments among `commitments`.
void set_commitment_options(Data& data, const std::string& name,
                            const sql::PageOf<sql::CommitmentRecord>& commitments,
                            const std::string& selected);

}  // namespace construction::views
