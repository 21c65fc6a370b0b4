// Header values that cannot add a header. Text (a subject, a display name)
// goes out as it is only when every byte is printable ASCII; anything else,
// a CR or LF included, goes out as RFC 2047 encoded words (base64 UTF-8),
// in which a line break is only ever data. Addresses go out only when they
// pass domain::is_email_address. Whatever the database holds, the header
// block this writes is the one it means to write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace construction::mail {

// A name and an address: "Acme Builders <billing@acme.example>".
struct Mailbox {
  std::string name;  // may be empty
  std::string address;
};

// MAIL_FROM as the operator writes it: "Name <address>", "\"Name\"
// <address>" or a bare address. None when it is not one of these.
std::optional<Mailbox> parse_mailbox(std::string_view text);

// `Name: value` with its CRLF, the value as RFC 2047 encoded words when it
// is not plain printable ASCII (or when it is long: encoded words fold), so
// that no line passes 78 characters.
std::string text_header(std::string_view name, std::string_view value);
// `Name: a@b.example, "Ann" <c@d.example>` with its CRLF. Throws
// std::invalid_argument for an address that is not one.
std::string address_header(std::string_view name, const std::vector<Mailbox>& mailboxes);

// The words of one RFC 2047 encoding ("=?UTF-8?B?…?="), each at most 75
// characters and cut between UTF-8 characters, joined with CRLF SP.
std::string encoded_words(std::string_view text, std::size_t first_line_room = 62);

}  // namespace construction::mail
