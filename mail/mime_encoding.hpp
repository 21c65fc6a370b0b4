// The two content transfer encodings a message uses: base64 (the PDF, and
// encoded words) and quoted-printable (the text and HTML parts, which stay
// readable in a raw message and 7-bit clean on the wire).
#pragma once

#include <string>
#include <string_view>

namespace construction::mail {

// Base64 on one line.
std::string base64(std::string_view bytes);
// Base64 in lines of 76 characters, each ended by CRLF.
std::string base64_lines(std::string_view bytes);
// Quoted-printable (RFC 2045): lines of at most 76 characters ended by CRLF
// (a line break of the text, LF or CRLF, becomes CRLF; a lone CR is
// encoded), soft breaks "=" CRLF within longer lines, "=" and every byte
// outside printable ASCII as =XX, and a space or tab before a line break
// encoded so that no transport strips it.
std::string quoted_printable(std::string_view text);

}  // namespace construction::mail
