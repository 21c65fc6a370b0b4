#include "worker/access_log.hpp"

namespace construction::http {

namespace {
// Quotes and control characters from the client would break the line's
// shape; they are escaped as \xNN, as Gunicorn's logger does for bytes.
void append_escaped(std::string& out, std::string_view text) {
  if (text.empty()) {
    out += '-';
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
}
}  // namespace

std::string format_access_entry(const AccessEntry& e) {
  std::string line;
  line.reserve(160 + e.request_line.size() + e.user_agent.size());
  append_escaped(line, e.client_address);
  line += " - - ";
  line += e.time;
  line += " \"";
  append_escaped(line, e.request_line);
  line += "\" ";
  line += std::to_string(e.status);
  line += ' ';
  line += e.body_bytes ? std::to_string(e.body_bytes) : "-";
  line += " \"";
  append_escaped(line, e.referer);
  line += "\" \"";
  append_escaped(line, e.user_agent);
  line += "\" ";
  line += std::to_string(e.duration_us);
  line += ' ';
  line += e.request_id;
  line += '\n';
  return line;
}

}  // namespace construction::http
