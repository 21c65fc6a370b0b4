// Who a document comes from and what it is about: the organisation, the
// project and its client, as every PDF's header and parties show them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/document_layout.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"

namespace construction::documents {

struct Letterhead {
  std::string organisation;
  std::string organisation_address;  // "" when not given
  sql::ProjectRecord project;
  std::optional<sql::PartyRecord> client;
};

// The running header of a document: the organisation at the left, `title`
// and `number` at the right over the project's number and name.
PageHeader page_header(const Letterhead& letterhead, std::string title, std::string number,
                       std::vector<std::string> more = {});
// "Harper Builders\n400 Oak Ave": the organisation's block.
std::string organisation_block(const Letterhead& letterhead);
// "Project P-001 · Kitchen remodel\n12 Main St": the project's block.
std::string project_block(const sql::ProjectRecord& project);
// The client's name and address, or "—".
std::string client_block(const std::optional<sql::PartyRecord>& client);

}  // namespace construction::documents
