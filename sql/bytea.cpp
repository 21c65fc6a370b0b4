#include "sql/bytea.hpp"

#include "domain/hex.hpp"

namespace construction::sql {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

}  // namespace

std::string bytea_hex(std::string_view bytes) {
  return "\\x" + domain::hex_digits(bytes);
}

std::string bytes_of_bytea_hex(std::string_view hex) {
  if (hex.starts_with("\\x")) hex.remove_prefix(2);
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(hex_digit(hex[i]) << 4 | hex_digit(hex[i + 1]));
  return bytes;
}

}  // namespace construction::sql
