// The text of a PDF as poppler's pdftotext extracts it (what a person
// copying from the document, or an accountant's tool, gets): the tests read
// the figures of the PDFs this way, never from the bytes.
#pragma once

#include <string>

namespace construction::testing {

// pdftotext -layout: each page's text with its columns kept on one line,
// pages separated by a form feed.
std::string pdf_text(const std::string& pdf);
// The number of pages, from pdfinfo.
int pdf_pages(const std::string& pdf);

}  // namespace construction::testing
