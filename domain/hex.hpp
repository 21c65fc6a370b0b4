// Bytes as lowercase hexadecimal digits, two per byte: how a SHA-256 is
// shown (the API, the pages, the sealed record's certificate, its email),
// how bytea travels as text ("\x" + these digits), and how a nonce or MAC
// sits in a cookie. The one spelling, so that a hash printed on the
// certificate is the hash the API gives and /verify shows.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace construction::domain {

std::string hex_digits(std::span<const unsigned char> bytes);
std::string hex_digits(std::string_view bytes);

}  // namespace construction::domain
