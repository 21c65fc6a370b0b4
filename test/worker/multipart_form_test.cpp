// The multipart/form-data parser as an attacker would try it: boundaries
// missing, doubled, too long or hidden in the data; bodies cut anywhere;
// headers folded, doubled or endless; more parts than a form has.
#include "worker/multipart_form.hpp"

#include <catch2/catch.hpp>

using namespace construction::http;

namespace {

constexpr std::string_view kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string part(std::string_view disposition, std::string_view data,
                 std::string_view type = "application/pdf") {
  std::string text = "--" + std::string(kBoundary) +
                     "\r\nContent-Disposition: " + std::string(disposition) + "\r\n";
  if (!type.empty()) text += "Content-Type: " + std::string(type) + "\r\n";
  return text + "\r\n" + std::string(data) + "\r\n";
}

std::string closing() {
  return "--" + std::string(kBoundary) + "--\r\n";
}

MultipartForm parse(const std::string& body) {
  return parse_multipart_form(body, kBoundary);
}

}  // namespace

TEST_CASE("the boundary comes from a multipart/form-data Content-Type only", "[unit][multipart]") {
  CHECK(multipart_boundary("multipart/form-data; boundary=abc") == "abc");
  CHECK(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\"") == "a b:c");
  CHECK(multipart_boundary("multipart/form-data; charset=utf-8; boundary=x1") == "x1");
  CHECK(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')) ==
        std::string(70, 'b'));
  const std::vector<std::string> bad_types{
      "multipart/form-data",
      "multipart/form-data;",
      "multipart/form-data; boundary=",
      "multipart/form-data; boundary=\"\"",
      "multipart/form-data; boundary=" + std::string(71, 'b'),
      std::string("multipart/form-data; boundary=\"ends with space \""),
      std::string("multipart/form-data; boundary=\"semi;colon\""),
      std::string("multipart/form-data; boundary=\"unclosed"),
      std::string("multipart/form-data; boundary=a; boundary=b"),
      std::string("multipart/mixed; boundary=abc"),
      std::string("application/x-www-form-urlencoded"),
      std::string("application/pdf; boundary=abc"),
      std::string("")};
  for (const std::string& bad : bad_types) {
    INFO(bad);
    CHECK_FALSE(multipart_boundary(bad));
  }
}

TEST_CASE("a file and a field come out with their names, filename and bytes", "[unit][multipart]") {
  std::string pdf = "%PDF-1.5\r\n\0binary\xff\r\n--not-the-boundary\r\n%%EOF";
  pdf += std::string("\0\r\n\r\n", 5);
  std::string body = part("form-data; name=\"note\"", "hello", "") +
                     part("form-data; name=\"file\"; filename=\"CO-003 sealed.pdf\"", pdf) +
                     closing();
  MultipartForm form = parse(body);
  REQUIRE(form);
  REQUIRE(form.parts.size() == 2);
  CHECK(form.parts[0].name == "note");
  CHECK_FALSE(form.parts[0].filename);
  CHECK(form.parts[0].data == "hello");
  CHECK(form.parts[0].content_type.empty());
  CHECK(form.parts[1].name == "file");
  CHECK(form.parts[1].filename == "CO-003 sealed.pdf");
  CHECK(form.parts[1].content_type == "application/pdf");
  CHECK(form.parts[1].data == pdf);  // every byte, NULs and CRLFs included
  REQUIRE(form.files().size() == 1);
  CHECK(form.files()[0]->name == "file");
}

TEST_CASE("the boundary inside the data ends the part only at a line's start",
          "[unit][multipart]") {
  std::string delimiter = "--" + std::string(kBoundary);
  // Not after CRLF, or only a prefix of it after CRLF: data.
  std::string data = "x" + delimiter + "y\r\n--" + std::string(kBoundary.substr(0, 10)) + "z";
  // The parts are views into the body: it outlives them.
  std::string body = part("form-data; name=\"file\"; filename=\"a.pdf\"", data) + closing();
  MultipartForm form = parse(body);
  REQUIRE(form);
  CHECK(form.parts[0].data == data);
  // After CRLF, followed by anything but CRLF or "--": refused, not re-synced.
  CHECK_FALSE(parse(
      part("form-data; name=\"file\"; filename=\"a.pdf\"", "a\r\n" + delimiter + "X") + closing()));
  CHECK_FALSE(parse(
      part("form-data; name=\"file\"; filename=\"a.pdf\"", "a\r\n" + delimiter + " ") + closing()));
}

TEST_CASE("a body cut anywhere is refused", "[unit][multipart]") {
  std::string body =
      part("form-data; name=\"file\"; filename=\"a.pdf\"", "%PDF-1.5 some bytes %%EOF") + closing();
  REQUIRE(parse(body));
  std::size_t closed = body.size() - 2;  // "--B--" without its last CRLF is whole
  for (std::size_t size = 0; size < body.size(); ++size) {
    if (size == closed) continue;
    INFO(size);
    CHECK_FALSE(parse(body.substr(0, size)));
  }
  CHECK(parse(body.substr(0, closed)));
}

TEST_CASE("nothing before the first boundary and nothing after the last", "[unit][multipart]") {
  std::string body = part("form-data; name=\"file\"; filename=\"a.pdf\"", "x") + closing();
  CHECK_FALSE(parse("preamble\r\n" + body));
  CHECK_FALSE(parse("\r\n" + body));
  CHECK_FALSE(parse(body + "epilogue"));
  CHECK_FALSE(parse(body + "\r\n"));
  CHECK_FALSE(parse_multipart_form(body, "another-boundary"));
  CHECK_FALSE(parse(""));
}

TEST_CASE("a part's headers must say form-data and a name, once, on unfolded lines",
          "[unit][multipart]") {
  std::string open = "--" + std::string(kBoundary) + "\r\n";
  auto with_headers = [&](std::string headers) {
    return parse(open + headers + "\r\n\r\nx\r\n" + closing());
  };
  CHECK(with_headers("Content-Disposition: form-data; name=file"));
  CHECK(with_headers("content-disposition:form-data;name=\"a\";filename=\"\""));
  CHECK(with_headers("Content-Disposition: form-data; name=\"C:\\dir\\a.pdf\""));
  for (std::string bad : {
           "Content-Type: application/pdf",                                   // no disposition
           "Content-Disposition: attachment; name=\"a\"",                     // not form-data
           "Content-Disposition: form-data",                                  // no name
           "Content-Disposition: form-data; filename=\"a.pdf\"",              // no name
           "Content-Disposition: form-data; name=\"a\"; name=\"b\"",          // two names
           "Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''a",  // unknown parameter
           "Content-Disposition: form-data; name=\"a",                        // unclosed quote
           "Content-Disposition: form-data; name=",                           // empty value
           "Content-Disposition: form-data; name=\"a\" junk",                 // junk after a value
           "Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
           "name=\"b\"",
           "Content-Disposition: form-data;\r\n name=\"a\"",  // a folded line
           "Content-Disposition form-data; name=\"a\"",       // no colon
           "Content-Disposition: form-data; name=\"\xff\"",   // not UTF-8
           "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: a\r\nContent-Type: b",
       }) {
    INFO(bad);
    CHECK_FALSE(with_headers(bad));
  }
  // A part's header block has a limit; the body goes on to the next CRLF CRLF.
  CHECK(with_headers("Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                     std::string(kMaxPartHeaderBytes - 60, 'p')));
  CHECK_FALSE(with_headers("Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                           std::string(kMaxPartHeaderBytes, 'p')));
  CHECK_FALSE(parse(open + "Content-Disposition: form-data; name=\"a\"\r\n" + "x\r\n" + closing()));
}

TEST_CASE("two files come out as two, no file as none: the handler decides", "[unit][multipart]") {
  std::string two = part("form-data; name=\"file\"; filename=\"a.pdf\"", "A") +
                    part("form-data; name=\"file\"; filename=\"b.pdf\"", "B") + closing();
  MultipartForm form = parse(two);
  REQUIRE(form);
  CHECK(form.files().size() == 2);
  std::string note = part("form-data; name=\"note\"", "x", "") + closing();
  MultipartForm none = parse(note);
  REQUIRE(none);
  CHECK(none.files().empty());
  // A file input left empty sends a part with filename="" and no bytes.
  std::string left_empty =
      part("form-data; name=\"file\"; filename=\"\"", "", "application/octet-stream") + closing();
  MultipartForm empty = parse(left_empty);
  REQUIRE(empty);
  REQUIRE(empty.files().size() == 1);
  CHECK(empty.files()[0]->filename == "");
  CHECK(empty.files()[0]->data.empty());
  // A form with no parts at all is whole, and empty.
  std::string no_parts = closing();
  MultipartForm nothing = parse(no_parts);
  REQUIRE(nothing);
  CHECK(nothing.parts.empty());
}

TEST_CASE("more parts than a form has are refused", "[unit][multipart]") {
  std::string body;
  for (std::size_t i = 0; i < kMaxFormParts; ++i) body += part("form-data; name=\"f\"", "x", "");
  CHECK(parse(body + closing()));
  body += part("form-data; name=\"f\"", "x", "");
  CHECK_FALSE(parse(body + closing()));
}
