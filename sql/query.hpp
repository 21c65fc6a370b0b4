// A store's read, defined once and run either alone or together with
// others in one round trip. A Query is a statement, its parameters and how
// its rows become a value; `fetch(db, q)` runs it alone, and
// `fetch_together(db, q1, q2, …)` sends them all in one pipeline
// (Connection::exec_pipeline) and gives their values as a tuple:
//
//   auto [projects, parties] = sql::fetch_together(db, projects_query(…), parties_query(…));
//
// so a page that needs several reads waits for PostgreSQL once.
#pragma once

#include <array>
#include <functional>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/params.hpp"
#include "sql/result.hpp"

namespace construction::sql {

template <class T>
struct Query {
  std::string_view sql;  // a constant of the store
  Params params;
  std::function<T(const Result&)> read;
};

template <class T, class... Args>
Query<T> make_query(std::string_view sql, std::function<T(const Result&)> read,
                    const Args&... args) {
  return Query<T>{sql, Params::of(args...), std::move(read)};
}

// A list query: each row becomes a record by `from_row`, and the page is
// trimmed to its limit (the statement's LIMIT is page.fetch(), one more).
template <class Record, class... Args>
Query<PageOf<Record>> make_page_query(std::string_view sql, Record (*from_row)(const Row&),
                                      const Page& page, const Args&... args) {
  return make_query<PageOf<Record>>(
      sql,
      [page, from_row](const Result& result) {
        std::vector<Record> rows;
        rows.reserve(static_cast<std::size_t>(result.rows()));
        for (Row row : result) rows.push_back(from_row(row));
        return trim_page(std::move(rows), page);
      },
      args...);
}

template <class T>
T fetch(Connection& db, const Query<T>& query) {
  return query.read(db.exec_params(query.sql, query.params));
}

template <class... T, std::size_t... I>
std::tuple<T...> read_all(std::vector<Result>& results, std::index_sequence<I...>,
                          const Query<T>&... queries) {
  return std::tuple<T...>{queries.read(results[I])...};
}

template <class... T>
std::tuple<T...> fetch_together(Connection& db, const Query<T>&... queries) {
  const std::array<Statement, sizeof...(T)> statements{Statement{queries.sql, queries.params}...};
  std::vector<Result> results = db.exec_pipeline(statements);
  return read_all(results, std::index_sequence_for<T...>{}, queries...);
}

}  // namespace construction::sql
