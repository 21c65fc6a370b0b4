#include "worker/multipart_form.hpp"

#include <boost/beast/core/string.hpp>

#include "runtime/utf8.hpp"

namespace construction::http {

namespace {

using boost::beast::iequals;

constexpr std::string_view kCrlf = "\r\n";

bool is_boundary_char(char c) {
  static constexpr std::string_view kOthers = "'()+_,-./:=? ";
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         kOthers.find(c) != std::string_view::npos;
}

// RFC 9110's tchar: a header's name, a parameter's name, an unquoted value.
bool is_token_char(char c) {
  static constexpr std::string_view kOthers = "!#$%&'*+-.^_`|~";
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         kOthers.find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!is_token_char(c)) return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A header's parameters, "; name=value" or "; name=\"value\"", one at a
// time. A quoted value ends at the next '"': browsers escape a quote in a
// name as %22 (the HTML standard), never with a backslash, so a backslash
// is an ordinary character (a Windows path in an old browser's filename).
class Parameters {
 public:
  explicit Parameters(std::string_view rest) : rest_(rest) {}

  // false at the end; `bad` set when what is left is not a parameter.
  bool next(std::string_view& name, std::string_view& value) {
    rest_ = trim(rest_);
    if (rest_.empty()) return false;
    if (rest_.front() != ';') return fail();
    rest_ = trim(rest_.substr(1));
    std::size_t eq = rest_.find('=');
    if (eq == std::string_view::npos) return fail();
    name = trim(rest_.substr(0, eq));
    rest_ = trim(rest_.substr(eq + 1));
    if (!is_token(name) || rest_.empty()) return fail();
    if (rest_.front() == '"') {
      std::size_t close = rest_.find('"', 1);
      if (close == std::string_view::npos) return fail();
      value = rest_.substr(1, close - 1);
      rest_.remove_prefix(close + 1);
      return true;
    }
    std::size_t end = 0;
    while (end < rest_.size() && is_token_char(rest_[end])) ++end;
    value = rest_.substr(0, end);
    rest_.remove_prefix(end);
    if (value.empty()) return fail();
    return true;
  }
  bool bad() const { return bad_; }

 private:
  bool fail() {
    bad_ = true;
    return false;
  }
  std::string_view rest_;
  bool bad_ = false;
};

bool is_text(std::string_view value) {
  return is_utf8(value) && value.find('\0') == std::string_view::npos;
}

// `form-data; name="file"; filename="record.pdf"` into the part; the
// reason it is refused, or "".
std::string read_disposition(std::string_view value, FormPart& part) {
  std::size_t semicolon = value.find(';');
  if (!iequals(trim(value.substr(0, semicolon)), "form-data"))
    return "a part's Content-Disposition is not form-data";
  bool named = false;
  Parameters parameters(semicolon == std::string_view::npos ? "" : value.substr(semicolon));
  std::string_view key, text;
  while (parameters.next(key, text)) {
    if (!is_text(text)) return "a part's name or filename is not text";
    if (iequals(key, "name") && !named) {
      part.name = text;
      named = true;
    } else if (iequals(key, "filename") && !part.filename) {
      part.filename = std::string(text);
    } else {
      return "a part's Content-Disposition has a parameter twice, or one form-data has not";
    }
  }
  if (parameters.bad()) return "a part's Content-Disposition is malformed";
  if (!named) return "a part has no name";
  return "";
}

// The header block of one part (its lines, without the blank line).
std::string read_part_headers(std::string_view block, FormPart& part) {
  bool disposition = false, type = false;
  while (!block.empty()) {
    std::size_t end = block.find(kCrlf);
    std::string_view line = block.substr(0, end);
    block.remove_prefix(end == std::string_view::npos ? block.size() : end + kCrlf.size());
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return "a part's header line is malformed";  // folded lines start with a space: here too
    std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      if (disposition) return "a part has two Content-Disposition headers";
      disposition = true;
      if (std::string error = read_disposition(value, part); !error.empty()) return error;
    } else if (iequals(name, "Content-Type")) {
      if (type) return "a part has two Content-Type headers";
      type = true;
      if (!is_text(value)) return "a part's Content-Type is not text";
      part.content_type = lower(value);
    }
    // Any other header (Content-Transfer-Encoding, which RFC 7578 retires)
    // says nothing the form needs.
  }
  if (!disposition) return "a part has no Content-Disposition";
  return "";
}

MultipartForm refuse(std::string reason) {
  MultipartForm form;
  form.error = std::move(reason);
  return form;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::size_t semicolon = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semicolon)), "multipart/form-data")) return std::nullopt;
  if (semicolon == std::string_view::npos) return std::nullopt;
  std::optional<std::string> boundary;
  Parameters parameters(content_type.substr(semicolon));
  std::string_view name, value;
  while (parameters.next(name, value)) {
    if (!iequals(name, "boundary")) continue;  // charset: nothing to a form's parts
    if (boundary) return std::nullopt;
    boundary = std::string(value);
  }
  if (parameters.bad() || !boundary || boundary->empty() || boundary->size() > 70 ||
      boundary->back() == ' ')
    return std::nullopt;
  for (char c : *boundary)
    if (!is_boundary_char(c)) return std::nullopt;
  return boundary;
}

std::vector<const FormPart*> MultipartForm::files() const {
  std::vector<const FormPart*> found;
  for (const FormPart& part : parts)
    if (part.filename) found.push_back(&part);
  return found;
}

MultipartForm parse_multipart_form(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = std::string(kCrlf) + delimiter;
  if (body.substr(0, delimiter.size()) != delimiter)
    return refuse("the body does not start with its boundary");
  MultipartForm form;
  std::size_t at = delimiter.size();
  for (;;) {
    std::string_view after = body.substr(at);
    if (after.substr(0, 2) == "--") {
      after.remove_prefix(2);
      if (!after.empty() && after != kCrlf) return refuse("bytes after the closing boundary");
      return form;
    }
    if (after.size() < 2) return refuse("the body ends without its closing boundary");
    if (after.substr(0, 2) != kCrlf) return refuse("a boundary line goes on past the boundary");
    at += 2;
    if (form.parts.size() == kMaxFormParts) return refuse("more parts than a form has");
    std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos)
      return refuse("the body ends inside a part's headers");
    if (headers_end - at > kMaxPartHeaderBytes) return refuse("a part's headers are too long");
    FormPart part;
    if (std::string error = read_part_headers(body.substr(at, headers_end - at), part);
        !error.empty())
      return refuse(std::move(error));
    std::size_t data_start = headers_end + 4;
    std::size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos)
      return refuse("the body ends without its closing boundary");
    part.data = body.substr(data_start, data_end - data_start);
    form.parts.push_back(std::move(part));
    at = data_end + next_delimiter.size();
  }
}

}  // namespace construction::http
