// Page: keyset pagination for list queries. Rows come in id order; a page
// is the rows after the last id of the previous one, so a row inserted
// meanwhile never shifts a page. Stores fetch limit + 1 rows: the extra one
// only says there is a next page.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace construction::sql {

struct Page {
  std::optional<std::int64_t> after_id;
  int limit = 50;
  int fetch() const { return limit + 1; }
};

template <class Record>
struct PageOf {
  std::vector<Record> rows;
  bool more = false;  // a next page exists; its cursor is rows.back().id
};

template <class Record>
PageOf<Record> trim_page(std::vector<Record> rows, const Page& page) {
  bool more = static_cast<int>(rows.size()) > page.limit;
  if (more) rows.resize(page.limit);
  return {std::move(rows), more};
}

}  // namespace construction::sql
