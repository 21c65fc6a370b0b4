#include "documents/cover_letter.hpp"

namespace construction::documents {

namespace {

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\r':
        break;
      case '\n':
        out += "<br>\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Blocks of lines split at blank lines, as a person types paragraphs.
std::string paragraphs(std::string_view text) {
  std::string html;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    std::string_view block = text.substr(start, end == std::string_view::npos ? end : end - start);
    while (!block.empty() && (block.front() == '\n' || block.front() == '\r'))
      block.remove_prefix(1);
    while (!block.empty() && (block.back() == '\n' || block.back() == '\r')) block.remove_suffix(1);
    if (!block.empty()) html += "<p>" + escaped(block) + "</p>\n";
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  return html;
}

}  // namespace

CoverLetter cover_letter(std::string_view message, std::string_view attachment_filename) {
  std::string attached = "Attached: " + std::string(attachment_filename);
  CoverLetter letter;
  letter.text = std::string(message) + "\n\n" + attached + "\n";
  letter.html = "<!DOCTYPE html>\n<html><body>\n" + paragraphs(message) + "<p>" +
                escaped(attached) + "</p>\n</body></html>\n";
  return letter;
}

}  // namespace construction::documents
