// Content-Disposition for a file the server makes (a PDF named after a
// document's number, which a person typed): `inline; filename="…"` with the
// name made safe for a quoted string (RFC 6266), and `filename*=UTF-8''…`
// beside it when the name holds more than plain ASCII, so a browser saves
// "Façade CO-7.pdf" as typed and an old one still gets a usable name.
#pragma once

#include <string>
#include <string_view>

#include "worker/http_types.hpp"

namespace construction::http {

// `disposition`: "inline" or "attachment".
std::string content_disposition(std::string_view disposition, std::string_view filename);

// 200 with the body, its type and an inline Content-Disposition.
Response inline_file_response(std::string_view content_type, std::string_view filename,
                              std::string body);

}  // namespace construction::http
