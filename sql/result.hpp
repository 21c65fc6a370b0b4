// The rows a statement returned. The PGresult is shared by the Result and the
// Rows and Fields taken from it, so `Row row = connection.exec(...).single_row();`
// is safe: the last of them frees it. The typed getters parse
// PostgreSQL's text format, so a wrong type or an unexpected NULL is a
// ResultAccessError naming the column, never a silent zero. Column names are
// read once per result: a list reads every column of every row by name, and
// PQfnumber copies, folds and compares the name on each call.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/money.hpp"

namespace construction::sql {

using ResultHandle = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A PGresult and its column names, shared by a Result and its Rows and Fields.
class ResultData {
 public:
  explicit ResultData(ResultHandle handle);

  const PGresult* get() const noexcept { return handle_.get(); }
  // The index of a column by name, or a ResultAccessError naming it; the
  // column at `guess` is compared first.
  int column_index(std::string_view name, int guess = 0) const;

 private:
  ResultHandle handle_;
  std::vector<std::string_view> names_;  // PQfname's, valid while handle_ lives
};

using SharedResult = std::shared_ptr<const ResultData>;

// One cell.
class Field {
 public:
  Field(SharedResult result, int row, int column)
      : result_(std::move(result)), row_(row), column_(column) {}

  bool is_null() const;
  std::string_view name() const;
  // The text as PostgreSQL sent it ("" for NULL), valid while the result lives.
  std::string_view text() const;

  std::string string() const;
  std::int64_t int64() const;
  std::int32_t int32() const;
  bool boolean() const;

  std::optional<std::string> optional_string() const;
  std::optional<std::int64_t> optional_int64() const;
  std::optional<std::int32_t> optional_int32() const;
  std::optional<bool> optional_boolean() const;

  // Typed reads of the columns sql/time_columns.hpp selects as integers, and
  // of money in cents.
  domain::Date date() const;
  domain::Timestamp timestamp() const;
  domain::Cents cents() const;
  std::optional<domain::Date> optional_date() const;
  std::optional<domain::Timestamp> optional_timestamp() const;
  std::optional<domain::Cents> optional_cents() const;

  // A status or kind stored under its name (domain/enum_names.hpp), read by
  // the domain's parse_* function. A name it does not know (a row written
  // by a newer version, a hand edit) is a ResultAccessError naming the
  // column, never a default.
  template <class Enum>
  Enum named(std::optional<Enum> (*parse)(std::string_view)) const {
    std::string_view name = not_null_text();
    if (auto value = parse(name)) return *value;
    fail("'" + std::string(name) + "' is not a name this version knows");
  }

 private:
  std::string_view not_null_text() const;
  [[noreturn]] void fail(std::string_view problem) const;

  SharedResult result_;
  int row_;
  int column_;
};

// One row: fields by index or by column name. Read by name in the order of
// the SELECT, as the stores do, each name costs one comparison.
class Row {
 public:
  Row(SharedResult result, int row) : result_(std::move(result)), row_(row) {}

  Field operator[](int column) const;
  Field operator[](std::string_view column_name) const;
  int index() const noexcept { return row_; }

 private:
  SharedResult result_;
  int row_;
  mutable int next_column_ = 0;  // where the next read by name is likely to be
};

class Result {
 public:
  explicit Result(ResultHandle handle);

  int rows() const;
  int columns() const;
  bool empty() const { return rows() == 0; }
  // Rows touched by INSERT/UPDATE/DELETE (PQcmdTuples), 0 for others.
  std::int64_t affected_rows() const;

  Row operator[](int row) const;
  // The only row; a ResultAccessError unless there is exactly one.
  Row single_row() const;
  int column_index(std::string_view name) const;

  class Iterator {
   public:
    Iterator(const SharedResult* result, int row) : result_(result), row_(row) {}
    Row operator*() const { return Row(*result_, row_); }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator==(const Iterator& other) const = default;

   private:
    const SharedResult* result_;
    int row_;
  };
  Iterator begin() const { return Iterator(&result_, 0); }
  Iterator end() const { return Iterator(&result_, rows()); }

  const PGresult* native() const noexcept { return result_->get(); }

 private:
  SharedResult result_;
};

// The index of a column by name, or a ResultAccessError naming it.
int column_index(const PGresult* result, std::string_view name);

}  // namespace construction::sql
