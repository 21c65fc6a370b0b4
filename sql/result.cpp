#include "sql/result.hpp"

#include <charconv>

#include "sql/error.hpp"

namespace construction::sql {

namespace {

template <class Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

int column_index(const PGresult* result, std::string_view name) {
  int index = PQfnumber(result, std::string(name).c_str());
  if (index < 0)
    throw ResultAccessError("no column named '" + std::string(name) + "' in the result");
  return index;
}

bool Field::is_null() const {
  return PQgetisnull(result_->get(), row_, column_) == 1;
}

std::string_view Field::name() const {
  return PQfname(result_->get(), column_);
}

std::string_view Field::text() const {
  return {PQgetvalue(result_->get(), row_, column_),
          static_cast<std::size_t>(PQgetlength(result_->get(), row_, column_))};
}

void Field::fail(std::string_view problem) const {
  throw ResultAccessError("column '" + std::string(name()) + "' of row " + std::to_string(row_) +
                          ": " + std::string(problem));
}

std::string_view Field::not_null_text() const {
  if (is_null()) fail("is NULL; read it with an optional_ getter");
  return text();
}

std::string Field::string() const {
  return std::string(not_null_text());
}

std::int64_t Field::int64() const {
  auto value = parse_integer<std::int64_t>(not_null_text());
  if (!value) fail("'" + std::string(text()) + "' is not a 64-bit integer");
  return *value;
}

std::int32_t Field::int32() const {
  auto value = parse_integer<std::int32_t>(not_null_text());
  if (!value) fail("'" + std::string(text()) + "' is not a 32-bit integer");
  return *value;
}

bool Field::boolean() const {
  std::string_view value = not_null_text();
  if (value == "t") return true;
  if (value == "f") return false;
  fail("'" + std::string(value) + "' is not a boolean");
}

std::optional<std::string> Field::optional_string() const {
  if (is_null()) return std::nullopt;
  return string();
}

std::optional<std::int64_t> Field::optional_int64() const {
  if (is_null()) return std::nullopt;
  return int64();
}

std::optional<std::int32_t> Field::optional_int32() const {
  if (is_null()) return std::nullopt;
  return int32();
}

std::optional<bool> Field::optional_boolean() const {
  if (is_null()) return std::nullopt;
  return boolean();
}

Field Row::operator[](int column) const {
  if (column < 0 || column >= PQnfields(result_->get())) {
    throw ResultAccessError("no column " + std::to_string(column) + " in the result");
  }
  return Field(result_, row_, column);
}

Field Row::operator[](std::string_view column_name) const {
  const int column = result_->column_index(column_name, next_column_);
  next_column_ = column + 1;
  return Field(result_, row_, column);
}

ResultData::ResultData(ResultHandle handle) : handle_(std::move(handle)) {
  const int columns = PQnfields(handle_.get());
  names_.reserve(columns);
  for (int i = 0; i < columns; ++i) names_.emplace_back(PQfname(handle_.get(), i));
}

int ResultData::column_index(std::string_view name, int guess) const {
  const int columns = static_cast<int>(names_.size());
  if (guess < columns && names_[guess] == name) return guess;
  for (int i = 0; i < columns; ++i)
    if (names_[i] == name) return i;
  // PQfnumber also folds case and reads quoted names.
  return sql::column_index(handle_.get(), name);
}

Result::Result(ResultHandle handle)
    : result_(std::make_shared<const ResultData>(std::move(handle))) {}

int Result::rows() const {
  return PQntuples(result_->get());
}

int Result::columns() const {
  return PQnfields(result_->get());
}

std::int64_t Result::affected_rows() const {
  // PQcmdTuples only reads, but its signature predates const.
  auto count = parse_integer<std::int64_t>(PQcmdTuples(const_cast<PGresult*>(result_->get())));
  return count.value_or(0);
}

Row Result::operator[](int row) const {
  if (row < 0 || row >= rows()) {
    throw ResultAccessError("no row " + std::to_string(row) + " in a result of " +
                            std::to_string(rows()));
  }
  return Row(result_, row);
}

Row Result::single_row() const {
  if (rows() != 1) {
    throw ResultAccessError("expected exactly one row, got " + std::to_string(rows()));
  }
  return Row(result_, 0);
}

int Result::column_index(std::string_view name) const {
  return result_->column_index(name);
}

domain::Date Field::date() const {
  return domain::Date(std::chrono::days(int64()));
}

domain::Timestamp Field::timestamp() const {
  return domain::Timestamp(std::chrono::seconds(int64()));
}

domain::Cents Field::cents() const {
  return domain::Cents{int64()};
}

std::optional<domain::Date> Field::optional_date() const {
  if (is_null()) return std::nullopt;
  return date();
}

std::optional<domain::Timestamp> Field::optional_timestamp() const {
  if (is_null()) return std::nullopt;
  return timestamp();
}

std::optional<domain::Cents> Field::optional_cents() const {
  if (is_null()) return std::nullopt;
  return cents();
}

}  // namespace construction::sql
