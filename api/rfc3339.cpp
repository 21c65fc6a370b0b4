#include "api/rfc3339.hpp"

namespace construction::api {

std::string rfc3339(domain::Timestamp instant) {
  using namespace std::chrono;
  const sys_days day = floor<days>(instant);
  const hh_mm_ss time{instant - day};
  // The date as every date is written (domain::iso_date), then the time.
  std::string text = domain::iso_date(day);
  text.reserve(20);
  for (auto [separator, value] :
       {std::pair{'T', time.hours().count()}, std::pair{':', time.minutes().count()},
        std::pair{':', time.seconds().count()}}) {
    text += separator;
    text += static_cast<char>('0' + value / 10);
    text += static_cast<char>('0' + value % 10);
  }
  text += 'Z';
  return text;
}

std::optional<std::string> rfc3339(const std::optional<domain::Timestamp>& instant) {
  if (!instant) return std::nullopt;
  return rfc3339(*instant);
}

}  // namespace construction::api
