#include "worker/content_disposition.hpp"

#include <catch2/catch.hpp>

using construction::http::content_disposition;

TEST_CASE("a document's number is its file's name, as typed", "[unit]") {
  CHECK(content_disposition("inline", "EST-001 rev 1.pdf") ==
        "inline; filename=\"EST-001 rev 1.pdf\"");
}

TEST_CASE("a typed name cannot end the quoted string or add a header", "[unit]") {
  std::string value = content_disposition("inline", "CO \"7\"\r\nSet-Cookie: a=b\\.pdf");
  CHECK(value.find('\r') == std::string::npos);
  CHECK(value.find('\n') == std::string::npos);
  CHECK(value.rfind("inline; filename=\"CO _7___Set-Cookie: a=b_.pdf\"; filename*=UTF-8''", 0) ==
        0);
  CHECK(value.find("%22") != std::string::npos);
}

TEST_CASE("a name beyond ASCII keeps its characters in filename*", "[unit]") {
  CHECK(content_disposition("inline", "Façade.pdf") ==
        "inline; filename=\"Fa__ade.pdf\"; filename*=UTF-8''Fa%C3%A7ade.pdf");
}
