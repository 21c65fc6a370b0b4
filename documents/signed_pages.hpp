// The pages of a PDF as it was signed, drawn onto another PDF's cairo
// surface by poppler (poppler-glib): the sealed record shows the document
// from its stored bytes, never from a new rendering, which would differ (the
// document has moved on by completion, and cairo writes its own version into
// every file). poppler's printing path draws text as text and lines as
// lines, so the pages stay vector and their words stay searchable.
#pragma once

#include <cairo.h>

#include <string_view>

namespace construction::documents {

// Draws each page of `pdf` at its own size onto `surface` (a cairo PDF
// surface) through `cr`, one page of the surface per page. Throws
// std::runtime_error when `pdf` is not a PDF poppler can read.
void draw_signed_pages(std::string_view pdf, cairo_surface_t* surface, cairo_t* cr);

}  // namespace construction::documents
