#include "operations/payee.hpp"

#include "domain/commitment.hpp"
#include "sql/party_store.hpp"

namespace construction::operations {

void check_payee(sql::Connection& db, std::int64_t org_id, std::int64_t party_id,
                 domain::FieldErrors& errors) {
  auto party = sql::find_party(db, org_id, party_id);
  if (!party)
    errors.add("party_id", "is not a party of this organisation");
  else if (std::string_view kind = to_string(party->fields.kind); !domain::is_payee_kind(kind))
    errors.add("party_id", "must be a subcontractor or a vendor, not a " + std::string(kind));
}

}  // namespace construction::operations
