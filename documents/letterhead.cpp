#include "documents/letterhead.hpp"

namespace construction::documents {

PageHeader page_header(const Letterhead& letterhead, std::string title, std::string number,
                       std::vector<std::string> more) {
  std::vector<std::string> subtitle{letterhead.project.fields.number + " · " +
                                    letterhead.project.fields.name};
  for (auto& line : more) subtitle.push_back(std::move(line));
  return PageHeader{letterhead.organisation, letterhead.organisation_address, std::move(title),
                    std::move(number),
                    std::move(subtitle)};
}

std::string organisation_block(const Letterhead& letterhead) {
  if (letterhead.organisation_address.empty()) return letterhead.organisation;
  return letterhead.organisation + "\n" + letterhead.organisation_address;
}

std::string project_block(const sql::ProjectRecord& project) {
  std::string text = project.fields.number + " · " + project.fields.name;
  if (!project.fields.site_address.empty()) text += "\n" + project.fields.site_address;
  return text;
}

std::string client_block(const std::optional<sql::PartyRecord>& client) {
  if (!client) return "—";
  std::string text = client->fields.name;
  if (!client->fields.address.empty()) text += "\n" + client->fields.address;
  return text;
}

}  // namespace construction::documents
