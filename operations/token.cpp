#include "operations/token.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>

#include "operations/sodium.hpp"
#include "sql/bytea.hpp"

namespace construction::operations {

namespace {
bool is_base64url(std::string_view text) {
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  return true;
}
}  // namespace

namespace {
// 32 random bytes, base64url without padding (43 characters).
std::string random_secret() {
  ensure_sodium();
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, secret, sizeof secret,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(secret, sizeof secret);
  return encoded;
}
}  // namespace

NewToken generate_token() {
  std::string text = std::string(kTokenPrefix) + random_secret();
  return {text, hash_token(text)};
}

NewToken generate_link_token() {
  std::string text = random_secret();
  return {text, hash_token(text)};
}

bool looks_like_link_token(std::string_view text) {
  return text.size() == kLinkTokenLength && is_base64url(text);
}

TokenHash hash_token(std::string_view token) {
  TokenHash hash{};
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), hash.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != hash.size())
    throw std::runtime_error("SHA-256 failed");
  return hash;
}

bool looks_like_token(std::string_view text) {
  return text.size() == kTokenLength && text.starts_with(kTokenPrefix) &&
         is_base64url(text.substr(kTokenPrefix.size()));
}

std::optional<std::string> link_token_key(std::string_view token) {
  if (!looks_like_link_token(token)) return std::nullopt;
  return bytea_literal(hash_token(token));
}

std::string bytea_literal(const TokenHash& hash) {
  return sql::bytea_hex(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace construction::operations
