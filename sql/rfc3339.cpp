#include "sql/rfc3339.hpp"

namespace construction::sql {

namespace {

struct CivilDate {
  std::int64_t year;
  int month;
  int day;
};

// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day
// count, in a few integer operations (eras of 400 years starting on March 1st).
// Within an era every quantity is small and not negative: unsigned, as in
// his original, whose divisions cost less than signed 64-bit ones.
CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<std::uint32_t>(days - era * 146097);  // [0, 146096]
  const std::uint32_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::uint32_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::uint32_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2), month, day};
}

template <class Integer>
char* put_last_digits(char* out, Integer value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// The last `width` digits of `value`, in unsigned arithmetic (the cheaper)
// but for a year before 1, which no date the API takes has.
char* put_digits(char* out, std::int64_t value, int width) {
  if (value >= 0) return put_last_digits(out, static_cast<std::uint64_t>(value), width);
  return put_last_digits(out, value, width);
}

char* put_date(char* out, std::int64_t unix_days) {
  CivilDate date = civil_from_days(unix_days);
  out = put_digits(out, date.year, 4);
  *out++ = '-';
  out = put_digits(out, date.month, 2);
  *out++ = '-';
  return put_digits(out, date.day, 2);
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  return quotient - (value % divisor < 0);
}

}  // namespace

std::string rfc3339(std::int64_t unix_seconds) {
  const std::int64_t days = floor_div(unix_seconds, 86400);
  const std::int64_t second_of_day = unix_seconds - days * 86400;
  char text[20];
  char* out = put_date(text, days);
  *out++ = 'T';
  out = put_digits(out, second_of_day / 3600, 2);
  *out++ = ':';
  out = put_digits(out, second_of_day / 60 % 60, 2);
  *out++ = ':';
  out = put_digits(out, second_of_day % 60, 2);
  *out++ = 'Z';
  return std::string(text, out);
}

std::string iso_date(std::int64_t unix_days) {
  char text[10];
  return std::string(text, put_date(text, unix_days));
}

std::optional<std::string> iso_date(const std::optional<std::int64_t>& unix_days) {
  if (!unix_days) return std::nullopt;
  return iso_date(*unix_days);
}

}  // namespace construction::sql
