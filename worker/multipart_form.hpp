// multipart/form-data (RFC 7578 on RFC 2046's multipart framing): how a
// browser uploads a file, /verify's PDF. Small and strict, since whoever
// sends it may be anyone: the body must be exactly
//
//   --B CRLF headers CRLF CRLF data CRLF --B CRLF headers … CRLF --B -- [CRLF]
//
// with nothing before the first boundary line and nothing after the last
// (browsers send neither), no folded header lines, a Content-Disposition of
// form-data with a name (and a filename for a file) on every part, each
// part's header block at most 8 KiB, and at most 16 parts. Anything else
// is refused whole, with the reason for the log. A part's data is whatever
// lies between its blank line and the next CRLF --B: bytes, not text, so a
// file holding "--B" anywhere but at a line's start comes through intact.
// The body's size is the HTTP layer's limit (limit_request_body, 413).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace construction::http {

// The boundary of a `Content-Type: multipart/form-data; boundary=…` header
// (a token or a quoted string of RFC 2046's 1 to 70 boundary characters);
// nullopt for any other type, a missing or malformed boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct FormPart {
  std::string name;                     // the field's name (UTF-8 text)
  std::optional<std::string> filename;  // a file input's: "" when none was chosen
  std::string content_type;             // lower-cased; "" when the part names none
  std::string_view data;                // into the body the parse was given
};

struct MultipartForm {
  std::vector<FormPart> parts;  // in the order sent
  std::string error;            // why the body was refused; "" when it was not

  explicit operator bool() const { return error.empty(); }
  // The parts that are files (a filename, even ""), in the order sent.
  std::vector<const FormPart*> files() const;
};

inline constexpr std::size_t kMaxFormParts = 16;
inline constexpr std::size_t kMaxPartHeaderBytes = 8192;

// `body` must outlive the parts' data.
MultipartForm parse_multipart_form(std::string_view body, std::string_view boundary);

}  // namespace construction::http
