#include "views/commitment_options.hpp"

namespace construction::views {

void set_commitment_options(Data& data, const std::string& name,
                            const sql::PageOf<sql::CommitmentRecord>& commitments,
                            const std::string& selected) {
  Data& options = new_list(data, name, commitments.rows.size());
  for (const auto& c : commitments.rows) {
    if (c.status != domain::CommitmentStatus::approved) continue;
    Data& option = add_row(options);
    std::string value = std::to_string(c.id);
    option["label"] = c.fields.number + " · " + c.fields.title;
    if (value == selected) option["selected"] = true;
    option["value"] = std::move(value);
  }
}

}  // namespace construction::views
