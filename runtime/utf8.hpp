// UTF-8 as RFC 3629 defines it: no overlong forms, no UTF-16 surrogates
// (U+D800–U+DFFF), nothing above U+10FFFF. PostgreSQL refuses anything else
// in text, and a client's JSON parser may too, so text is checked before it
// goes to the database and made valid before it goes into a response.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace construction {

bool is_utf8(std::string_view text);
// The length of the valid sequence that starts at text[i], or 0 when none does.
std::size_t utf8_sequence_at(std::string_view text, std::size_t i);
// The text with each invalid sequence (a byte that starts no valid one, and
// the continuation bytes after it) replaced by U+FFFD.
std::string to_utf8(std::string_view text);

}  // namespace construction
