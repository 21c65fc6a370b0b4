#include "worker/content_disposition.hpp"

namespace construction::http {

namespace {

// A quoted-string holds no '"', '\\' or control character; non-ASCII bytes
// would be read as Latin-1 by some clients: each becomes '_' (one per byte,
// which is plain enough for a fallback name).
std::string ascii_fallback(std::string_view name) {
  std::string safe;
  for (unsigned char c : name)
    safe += (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
  return safe;
}

// RFC 5987's attr-char kept, every other byte %XX.
std::string percent_encoded(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    bool plain =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

}  // namespace

std::string content_disposition(std::string_view disposition, std::string_view filename) {
  std::string fallback = ascii_fallback(filename);
  std::string value = std::string(disposition) + "; filename=\"" + fallback + "\"";
  if (fallback != filename) value += "; filename*=UTF-8''" + percent_encoded(filename);
  return value;
}

Response inline_file_response(std::string_view content_type, std::string_view filename,
                              std::string body) {
  Response res = make_response(200, content_type, std::move(body));
  res.set(Field::content_disposition, content_disposition("inline", filename));
  return res;
}

}  // namespace construction::http
