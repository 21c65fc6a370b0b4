// The email that carries a document out of the office: the sender's message
// as the plain-text part and the same words as the HTML part (every
// character escaped, a paragraph per block of lines), each ending with the
// name of the PDF attached. What a person typed is never markup.
#pragma once

#include <string>
#include <string_view>

namespace construction::documents {

struct CoverLetter {
  std::string text, html;
};

CoverLetter cover_letter(std::string_view message, std::string_view attachment_filename);

}  // namespace construction::documents
