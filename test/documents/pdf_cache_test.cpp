#include "documents/pdf_cache.hpp"

#include <catch2/catch.hpp>

using construction::documents::PdfCache;
using construction::documents::PdfKey;

namespace {

PdfKey key(unsigned char n) {
  PdfKey k{};
  k[0] = n;
  k[31] = n;
  return k;
}

}  // namespace

TEST_CASE("the PDFs kept stay under their bound, the least recently used going first",
          "[unit][documents]") {
  PdfCache cache(30, 20);
  cache.keep(key(1), std::string(10, 'a'));
  cache.keep(key(2), std::string(10, 'b'));
  cache.keep(key(3), std::string(10, 'c'));
  CHECK(cache.bytes() == 30);
  CHECK(cache.find(key(1)) == std::string(10, 'a'));  // 1 is now the most recent
  cache.keep(key(4), std::string(10, 'd'));           // 2 goes: the least recently used
  CHECK(cache.bytes() == 30);
  CHECK(cache.size() == 3);
  CHECK_FALSE(cache.find(key(2)));
  CHECK(cache.find(key(1)) == std::string(10, 'a'));
  CHECK(cache.find(key(3)) == std::string(10, 'c'));
  CHECK(cache.find(key(4)) == std::string(10, 'd'));
}

TEST_CASE("a PDF over the bound for one is not kept, and pushes nothing out", "[unit][documents]") {
  PdfCache cache(30, 20);
  cache.keep(key(1), std::string(10, 'a'));
  cache.keep(key(2), std::string(21, 'b'));
  CHECK_FALSE(cache.find(key(2)));
  CHECK(cache.find(key(1)) == std::string(10, 'a'));
  CHECK(cache.bytes() == 10);
}
