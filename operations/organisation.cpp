#include "operations/organisation.hpp"

#include "operations/refusal.hpp"
#include "operations/text_field.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

// "\r\n" and "\r" as "\n" (a browser's textarea sends CRLF), and the blank
// lines around the address dropped: the letterhead draws what is left.
std::string address_lines(const std::string& typed) {
  std::string lines;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == '\r') {
      lines += '\n';
      if (i + 1 < typed.size() && typed[i + 1] == '\n') ++i;
    } else {
      lines += typed[i];
    }
  }
  auto blank = [](char c) { return c == '\n' || c == ' ' || c == '\t'; };
  std::size_t first = 0, last = lines.size();
  while (first < last && blank(lines[first])) ++first;
  while (last > first && blank(lines[last - 1])) --last;
  return lines.substr(first, last - first);
}

}  // namespace

sql::OrganisationRecord change_organisation_address(sql::Connection& db, std::int64_t org_id,
                                                    std::optional<int> expected_version,
                                                    const std::string& address) {
  std::string lines = address_lines(address);
  domain::FieldErrors errors;
  check_text(errors, "address", lines, 1000, false);
  if (!errors.empty()) throw invalid_fields(errors);
  sql::Transaction tx(db);
  auto stored = sql::find_organisation(db, org_id, true);
  if (!stored) throw not_found();
  if (expected_version && *expected_version != stored->version)
    throw stale_version(stored->version);
  auto changed = sql::change_organisation_address(db, org_id, lines);
  tx.commit();
  return changed;
}

}  // namespace construction::operations
