// The party a commitment or a vendor bill is made with: one of the
// organisation's parties, of kind subcontractor or vendor. Anything else is
// a refusal of the field party_id (422), noted in `errors`: a party that is
// not the organisation's is as unknown as a missing one.
#pragma once

#include <cstdint>

#include "domain/validation.hpp"
#include "sql/connection.hpp"

namespace construction::operations {

void check_payee(sql::Connection& db, std::int64_t org_id, std::int64_t party_id,
                 domain::FieldErrors& errors);

}  // namespace construction::operations
