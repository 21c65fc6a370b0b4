#include "mail/mime_message.hpp"

#include <ctime>
#include <stdexcept>

#include "mail/mime_encoding.hpp"

namespace construction::mail {

namespace {

std::vector<Mailbox> bare(const std::vector<std::string>& addresses) {
  std::vector<Mailbox> mailboxes;
  for (const auto& address : addresses) mailboxes.push_back({"", address});
  return mailboxes;
}

// A text part, quoted-printable UTF-8.
std::string text_part(std::string_view type, std::string_view text) {
  return "Content-Type: " + std::string(type) +
         "; charset=utf-8\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
         quoted_printable(text) + "\r\n";
}

bool is_ascii_token(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
  return !text.empty();
}

// RFC 2231's filename*=UTF-8''… for a name that is not plain ASCII.
std::string extended_value(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "UTF-8''";
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string filename_parameter(std::string_view key, std::string_view filename) {
  if (is_ascii_token(filename)) return std::string(key) + "=\"" + std::string(filename) + "\"";
  return std::string(key) + "*=" + extended_value(filename);
}

// A content type as stored (the table checks it: type/subtype of [a-z0-9.+-]);
// anything else is sent as what it surely is, bytes.
std::string safe_content_type(std::string_view type) {
  auto slash = type.find('/');
  bool ok = slash != std::string_view::npos && slash > 0 && slash + 1 < type.size();
  for (char c : type)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '+' ||
          c == '-'))
      ok = false;
  return ok ? std::string(type) : "application/octet-stream";
}

std::string message_id_value(const std::string& id) {
  bool ok = id.size() >= 3 && id.size() <= 250 && id.front() == '<' && id.back() == '>';
  for (std::size_t i = 1; ok && i + 1 < id.size(); ++i) {
    char c = id[i];
    ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '@' || c == '_' || c == '-';
  }
  if (!ok) throw std::invalid_argument("not a Message-ID: " + id);
  return id;
}

}  // namespace

Envelope envelope_of(const sql::OutboxMessage& message, const Mailbox& from) {
  Envelope envelope{from.address, message.fields.to};
  envelope.recipients.insert(envelope.recipients.end(), message.fields.cc.begin(),
                             message.fields.cc.end());
  return envelope;
}

std::string rfc5322_date(domain::Timestamp when) {
  std::time_t t = when.time_since_epoch().count();
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

std::string mime_message(const sql::OutboxMessage& message, const Mailbox& from,
                         domain::Timestamp date) {
  const sql::MessageFields& f = message.fields;
  // Boundaries hold "=_", which neither quoted-printable nor base64 can
  // produce, so no part's content can end it early.
  const std::string id = std::to_string(message.id);
  const std::string mixed = "=_mixed_" + id, alternative = "=_alternative_" + id;

  std::string out;
  out += address_header("From", {from});
  out += address_header("To", bare(f.to));
  if (!f.cc.empty()) out += address_header("Cc", bare(f.cc));
  if (f.reply_to_address)
    out += address_header("Reply-To", {{f.reply_to_name.value_or(""), *f.reply_to_address}});
  out += text_header("Subject", f.subject);
  out += "Date: " + rfc5322_date(date) + "\r\n";
  // Fixed at queueing: every retry sends it. Never encoded (a client
  // compares it byte for byte), so its shape is checked here as the table
  // checks it.
  out += "Message-ID: " + message_id_value(message.message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";

  std::string body =
      "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
  body += "--" + alternative + "\r\n" + text_part("text/plain", f.text_body);
  if (!f.html_body.empty())
    body += "--" + alternative + "\r\n" + text_part("text/html", f.html_body);
  body += "--" + alternative + "--\r\n";

  if (!f.attachment) return out + body;
  out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a message in MIME format.\r\n";
  out += "--" + mixed + "\r\n" + body;
  const sql::MessageAttachment& a = *f.attachment;
  out += "--" + mixed + "\r\n";
  out += "Content-Type: " + safe_content_type(a.content_type) + "; " +
         filename_parameter("name", a.filename) + "\r\n";
  out += "Content-Disposition: attachment; " + filename_parameter("filename", a.filename) + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(a.bytes);
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace construction::mail
