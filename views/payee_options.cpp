#include "views/payee_options.hpp"

#include "domain/commitment.hpp"

namespace construction::views {

sql::Query<sql::PageOf<sql::PartyRecord>> payee_candidates_query(const PageContext& page) {
  return sql::payees_query(page.org_id(), sql::Page{std::nullopt, 500});
}

void set_payee_options(Data& data, const std::string& name,
                       const sql::PageOf<sql::PartyRecord>& parties, const std::string& selected) {
  Data& options = new_list(data, name, parties.rows.size());
  for (const auto& party : parties.rows) {
    if (!domain::is_payee_kind(to_string(party.fields.kind))) continue;
    Data& option = add_row(options);
    option["value"] = std::to_string(party.id);
    option["label"] = party.fields.name;
    if (std::to_string(party.id) == selected) option["selected"] = true;
  }
}

void set_payee_options(const PageContext& page, Data& data, const std::string& name,
                       const std::string& selected) {
  set_payee_options(data, name, sql::fetch(page.db, payee_candidates_query(page)), selected);
}

}  // namespace construction::views
