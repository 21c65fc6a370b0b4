#include "mail/mime_encoding.hpp"

namespace construction::mail {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHex[] = "0123456789ABCDEF";

}  // namespace

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    auto n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
             static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
             static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[n >> 18 & 63];
    out += kBase64[n >> 12 & 63];
    out += kBase64[n >> 6 & 63];
    out += kBase64[n & 63];
  }
  if (std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kBase64[n >> 18 & 63];
    out += kBase64[n >> 12 & 63];
    out += rest == 2 ? kBase64[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  std::string one_line = base64(bytes), out;
  out.reserve(one_line.size() + one_line.size() / 76 * 2 + 2);
  for (std::size_t i = 0; i < one_line.size(); i += 76) {
    out.append(one_line, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t column = 0;
  auto put = [&](std::string_view piece) {
    // A soft break keeps every line at 76 characters or fewer, "=" included.
    if (column + piece.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool line_end = c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    if (line_end) {
      if (c == '\r') ++i;
      out += "\r\n";
      column = 0;
      continue;
    }
    bool before_break = i + 1 == text.size() || text[i + 1] == '\n' ||
                        (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n');
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !before_break);
    // A "." alone at the start of a line is left to SMTP's dot-stuffing;
    // "From " at a line's start is encoded, for mbox readers.
    if (literal && column == 0 && c == 'F' && text.substr(i, 5) == "From ") literal = false;
    if (literal) {
      put(std::string_view(text.data() + i, 1));
    } else {
      char encoded[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      put(std::string_view(encoded, 3));
    }
  }
  return out;
}

}  // namespace construction::mail
