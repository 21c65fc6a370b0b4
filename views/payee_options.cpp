#include "views/payee_options.hpp"

#include "domain/commitment.hpp"
#include "sql/party_store.hpp"

namespace construction::views {

void set_payee_options(const PageContext& page, Data& data, const std::string& name,
                       const std::string& selected) {
  sql::Page first;
  first.limit = 500;
  auto parties = sql::list_parties(page.db, page.org_id(), {}, first);
  Data& options = new_list(data, name, parties.rows.size());
  for (const auto& party : parties.rows) {
    if (!domain::is_payee_kind(party.fields.kind)) continue;
    Data& option = add_row(options);
    option["value"] = std::to_string(party.id);
    option["label"] = party.fields.name;
    if (std::to_string(party.id) == selected) option["selected"] = true;
  }
}

}  // namespace construction::views
