// The LIKE pattern of a search box: the rows whose column contains the text
// as typed, its `%`, `_` and `\` matching themselves. A search is written
// `name ILIKE $n` with this pattern as `$n`, so that a trigram index
// (pg_trgm's gin_trgm_ops, migration 0017) serves it; strpos(lower(name), …)
// matched the same rows but no index could answer it.
#pragma once

#include <string>
#include <string_view>

namespace construction::sql {

// "50%_off" -> "%50\%\_off%" (backslash is LIKE's default escape character).
std::string containing_pattern(std::string_view text);

// Whether a trigram index can look `text` up: it holds three letters or
// digits in a row (pg_trgm's words; a character beyond ASCII counts as a
// letter). A shorter text has no trigram, and the index would read itself
// whole to find it: such a search reads the rows instead (strpos).
bool has_trigram(std::string_view text);

}  // namespace construction::sql
