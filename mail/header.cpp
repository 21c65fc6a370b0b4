#include "mail/header.hpp"

#include <stdexcept>

#include "domain/message.hpp"
#include "mail/mime_encoding.hpp"

namespace construction::mail {

namespace {

bool is_plain(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7E) return false;
  // "=?" would read as the start of an encoded word.
  return text.find("=?") == std::string_view::npos;
}

// A display name as a phrase: bare when it is letters, digits and spaces,
// quoted when it is other printable ASCII, encoded words otherwise.
std::string phrase(std::string_view name) {
  if (!is_plain(name)) return encoded_words(name, 40);
  bool bare = !name.empty();
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '))
      bare = false;
  if (bare) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace

std::optional<Mailbox> parse_mailbox(std::string_view text) {
  std::string whole = trim(text);
  if (domain::is_email_address(whole)) return Mailbox{"", whole};
  auto open = whole.rfind('<');
  if (open == std::string::npos || !whole.ends_with('>')) return std::nullopt;
  std::string address = whole.substr(open + 1, whole.size() - open - 2);
  std::string name = trim(std::string_view(whole).substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return std::nullopt;
  if (!domain::is_email_address(address)) return std::nullopt;
  return Mailbox{name, address};
}

std::string encoded_words(std::string_view text, std::size_t first_line_room) {
  // 45 bytes of UTF-8 make 60 base64 characters, 72 with "=?UTF-8?B?" and
  // "?=": a word fits a line of its own after the folding space. The first
  // word shares its line with the header's name.
  std::string out;
  std::size_t room = first_line_room < 20 ? 9 : (first_line_room - 12) / 4 * 3;
  while (!text.empty()) {
    std::size_t take = std::min(room, text.size());
    while (take < text.size() && take > 0 &&
           (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80)
      --take;
    if (take == 0) take = std::min(room, text.size());  // not UTF-8: cut anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, take)) + "?=";
    text.remove_prefix(take);
    room = 45;
  }
  return out;
}

std::string text_header(std::string_view name, std::string_view value) {
  std::string line = std::string(name) + ": ";
  if (is_plain(value) && line.size() + value.size() <= 78)
    return line + std::string(value) + "\r\n";
  return line + encoded_words(value, 76 - line.size()) + "\r\n";
}

std::string address_header(std::string_view name, const std::vector<Mailbox>& mailboxes) {
  std::string line = std::string(name) + ":";
  std::size_t column = line.size();
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    const Mailbox& m = mailboxes[i];
    if (!domain::is_email_address(m.address))
      throw std::invalid_argument("not an email address in " + std::string(name));
    std::string item = m.name.empty() ? m.address : phrase(m.name) + " <" + m.address + ">";
    if (i + 1 < mailboxes.size()) item += ",";
    // Fold before an item that would pass the line's 78 characters.
    if (column + 1 + item.size() > 78 && i > 0) {
      line += "\r\n";
      column = 0;
    }
    line += " " + item;
    auto last_break = item.rfind('\n');
    column = last_break == std::string::npos ? column + 1 + item.size() : item.size() - last_break;
  }
  return line + "\r\n";
}

}  // namespace construction::mail
