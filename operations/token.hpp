// API tokens: "cst_" followed by 32 random bytes in unpadded base64url (47
// characters in all). The prefix lets a secret scanner recognise a leaked
// token. The token is shown once; the server keeps only its SHA-256: 256
// random bits need no slow hash, and the per-request check stays one indexed
// lookup with no Argon2 in it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace construction::operations {

inline constexpr std::string_view kTokenPrefix = "cst_";
inline constexpr std::size_t kTokenLength = 47;

using TokenHash = std::array<unsigned char, 32>;

struct NewToken {
  std::string text;  // to show the user once
  TokenHash hash;    // to store
};

NewToken generate_token();
// The secret of a link sent by email (an invitation, a password reset): 32
// random bytes in unpadded base64url, 43 characters, no prefix (it is not
// an API token and no scanner should take it for one).
NewToken generate_link_token();
inline constexpr std::size_t kLinkTokenLength = 43;
bool looks_like_link_token(std::string_view text);
// The stored key of a link's token: its SHA-256 as bytea text; nothing for
// text that is not a link's token (no query is worth making for it).
std::optional<std::string> link_token_key(std::string_view token);
TokenHash hash_token(std::string_view token);
// Prefix, length and alphabet: a cheap refusal before any query.
bool looks_like_token(std::string_view text);
// As PostgreSQL's bytea text input wants it: "\x" and 64 hex digits.
std::string bytea_literal(const TokenHash& hash);
// Constant time in the contents (the lengths are not secret).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace construction::operations
