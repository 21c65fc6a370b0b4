// Passwords: Argon2id through libsodium's crypto_pwhash_str, whose output
// carries its own salt and parameters (so they can be raised later and old
// hashes still verify). The limits are OWASP's minimum for Argon2id, m = 19
// MiB, t = 2: a worker hashes one password at a time, so a 1 GB host with a
// few workers spends at most ~19 MiB each, and a log-in costs tens of
// milliseconds, not seconds. Only log-in and password changes hash;
// requests authenticate with tokens (operations/token.hpp).
#pragma once

#include <string>
#include <string_view>

namespace construction::operations {

inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr std::size_t kPasswordMemLimit = 19u * 1024 * 1024;
inline constexpr std::size_t kMinPasswordLength = 8;    // characters
inline constexpr std::size_t kMaxPasswordLength = 200;  // characters

std::string hash_password(std::string_view password);
// Constant time in the password (libsodium's verify).
bool verify_password(std::string_view password, const std::string& hash);
// Spends the time a verification takes, for an unknown email: a log-in
// must not tell by its speed whether an address has an account.
void verify_nothing(std::string_view password);
// A random password for `create-user` without --password-stdin.
std::string generate_password();

}  // namespace construction::operations
