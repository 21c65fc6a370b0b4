// bytea in and out as PostgreSQL's hex text form, "\x0a1b…": how the stores
// pass bytes (a PDF, an attachment, a SHA-256) through the text protocol.
#pragma once

#include <string>
#include <string_view>

namespace construction::sql {

std::string bytea_hex(std::string_view bytes);
// The bytes of "\x0a1b…" (the prefix may be left out).
std::string bytes_of_bytea_hex(std::string_view hex);

}  // namespace construction::sql
