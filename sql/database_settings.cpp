#include "sql/database_settings.hpp"

#include <regex>

namespace construction::sql {

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 3986 percent-encoding, so a password like "p@ss:w/rd" survives the URI.
std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (is_unreserved(c)) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 0x0F];
    }
  }
  return encoded;
}

std::string value_or(const SettingLookup& lookup, std::string_view name,
                     std::string_view fallback) {
  auto value = lookup(name);
  return value && !value->empty() ? *value : std::string(fallback);
}

// An IPv6 literal needs brackets inside a URI.
std::string uri_host(const std::string& host) {
  if (host.find(':') != std::string::npos && !host.starts_with('[')) return "[" + host + "]";
  return host;
}

std::string user_info(const SettingLookup& lookup) {
  std::string user = percent_encode(value_or(lookup, "POSTGRES_USER", "basecommerce"));
  std::string password = value_or(lookup, "POSTGRES_PASSWORD", "");
  if (password.empty()) return user;
  return user + ":" + percent_encode(password);
}

}  // namespace

std::string database_url(const SettingLookup& lookup) {
  if (auto url = lookup("DATABASE_URL"); url && !url->empty()) return *url;
  return "postgresql://" + user_info(lookup) + "@" +
         uri_host(value_or(lookup, "INFRA_HOST", "localhost")) + ":" +
         value_or(lookup, "POSTGRES_PORT", "5432") + "/" +
         percent_encode(value_or(lookup, "POSTGRES_DB", "basecommerce"));
}

std::string redact_password(std::string_view url) {
  static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)");
  static const std::regex conninfo_password(R"((^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+))");
  static const std::regex query_password(R"(([?&])password=[^&]*)");
  std::string text(url);
  text = std::regex_replace(text, uri_password, "$1***@");
  text = std::regex_replace(text, conninfo_password, "$1password=***");
  return std::regex_replace(text, query_password, "$1password=***");
}

}  // namespace construction::sql
