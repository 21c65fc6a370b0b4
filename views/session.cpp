#include "views/session.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>

#include <charconv>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "domain/hex.hpp"
#include "operations/token.hpp"

namespace construction::views {

namespace {

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

// 128 random bits, in hex.
std::string new_nonce() {
  unsigned char nonce[16];
  randombytes_buf(nonce, sizeof nonce);
  return domain::hex_digits(nonce);
}

bool is_nonce(std::string_view text) {
  return text.size() == 32 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string payload(const Session& s) {
  return std::to_string(s.user_id) + "." + std::to_string(s.org_id) + "." +
         std::to_string(s.epoch) + "." + std::to_string(s.last_seen) + "." + s.nonce;
}

}  // namespace

SessionKeys::SessionKeys(const std::string& secret_key) {
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  keyed_.reset(hmac ? EVP_MAC_CTX_new(hmac) : nullptr, EVP_MAC_CTX_free);
  EVP_MAC_free(hmac);  // the context keeps its own reference
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  if (!keyed_ ||
      EVP_MAC_init(keyed_.get(), reinterpret_cast<const unsigned char*>(secret_key.data()),
                   secret_key.size(), params) != 1)
    throw std::runtime_error("OpenSSL offers no HMAC-SHA256");
}

std::string SessionKeys::mac(std::string_view text) const {
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_dup(keyed_.get()),
                                                                EVP_MAC_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  if (!ctx ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(text.data()), text.size()) !=
          1 ||
      EVP_MAC_final(ctx.get(), digest, &length, sizeof digest) != 1)
    throw std::runtime_error("HMAC-SHA256 failed");
  return domain::hex_digits(std::span<const unsigned char>(digest, length));
}

Session SessionKeys::start(std::int64_t user_id, std::int64_t org_id, int epoch,
                           std::int64_t now) const {
  return Session{user_id, org_id, epoch, now, new_nonce()};
}

std::string SessionKeys::cookie_value(const Session& session) const {
  std::string text = payload(session);
  return text + "." + mac("session." + text);
}

std::optional<Session> SessionKeys::read(std::string_view value, std::int64_t now) const {
  auto parts = split(value, '.');
  if (parts.size() != 6 || parts[4].size() != 32) return std::nullopt;
  auto user = number(parts[0]), org = number(parts[1]), epoch = number(parts[2]),
       seen = number(parts[3]);
  if (!user || !org || !epoch || *epoch > std::numeric_limits<int>::max() || !seen)
    return std::nullopt;
  Session session{*user, *org, static_cast<int>(*epoch), *seen, std::string(parts[4])};
  if (!operations::constant_time_equal(mac("session." + payload(session)), parts[5]))
    return std::nullopt;
  if (now - session.last_seen > kIdleSeconds || session.last_seen > now + 300) return std::nullopt;
  return session;
}

std::string SessionKeys::csrf_token(const Session& session) const {
  return mac("csrf." + session.nonce);
}

bool SessionKeys::csrf_valid(const Session& session, std::string_view token) const {
  return !session.nonce.empty() && operations::constant_time_equal(csrf_token(session), token);
}

std::string SessionKeys::signer_csrf_token(std::string_view signer_secret) const {
  return mac("signer-csrf." + std::string(signer_secret));
}

bool SessionKeys::signer_csrf_valid(std::string_view signer_secret, std::string_view token) const {
  return !signer_secret.empty() &&
         operations::constant_time_equal(signer_csrf_token(signer_secret), token);
}

std::string SessionKeys::device_mac(std::string_view email, std::string_view nonce) const {
  std::string text = "device.";
  for (char c : email) text += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return mac(text + "." + std::string(nonce));
}

std::string SessionKeys::device_cookie_value(std::string_view email) const {
  std::string nonce = new_nonce();
  return nonce + "." + device_mac(email, nonce);
}

std::optional<std::string> SessionKeys::device_of(std::string_view value,
                                                  std::string_view email) const {
  auto parts = split(value, '.');
  if (parts.size() != 2 || !is_nonce(parts[0])) return std::nullopt;
  if (!operations::constant_time_equal(device_mac(email, parts[0]), parts[1])) return std::nullopt;
  return std::string(parts[0]);
}

std::string_view cookie(std::string_view header, std::string_view name) {
  for (std::string_view part : split(header, ';')) {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=')
      return part.substr(name.size() + 1);
  }
  return {};
}

}  // namespace construction::views
