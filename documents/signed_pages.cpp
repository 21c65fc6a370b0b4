#include "documents/signed_pages.hpp"

#include <cairo-pdf.h>
#include <poppler.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "documents/cairo_handles.hpp"

namespace construction::documents {

namespace {

struct BytesRelease {
  void operator()(GBytes* bytes) const { g_bytes_unref(bytes); }
};
struct ErrorRelease {
  void operator()(GError* error) const { g_error_free(error); }
};
using BytesHandle = std::unique_ptr<GBytes, BytesRelease>;
using ErrorHandle = std::unique_ptr<GError, ErrorRelease>;
using PopplerDocumentHandle = std::unique_ptr<PopplerDocument, GObjectRelease>;
using PopplerPageHandle = std::unique_ptr<PopplerPage, GObjectRelease>;

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
}

}  // namespace

void draw_signed_pages(std::string_view pdf, cairo_surface_t* surface, cairo_t* cr) {
  // poppler reads from the GBytes without copying: the bytes live as long as
  // the document (GBytes' own reference keeps `pdf`'s copy alive).
  BytesHandle bytes(g_bytes_new(pdf.data(), pdf.size()));
  GError* raw_error = nullptr;
  PopplerDocumentHandle document(poppler_document_new_from_bytes(bytes.get(), nullptr, &raw_error));
  ErrorHandle error(raw_error);
  if (!document)
    throw std::runtime_error("the signed PDF cannot be read: " +
                             std::string(error ? error->message : "unknown error"));
  int pages = poppler_document_get_n_pages(document.get());
  for (int i = 0; i < pages; ++i) {
    PopplerPageHandle page(poppler_document_get_page(document.get(), i));
    if (!page)
      throw std::runtime_error("the signed PDF's page " + std::to_string(i + 1) + " is unreadable");
    double width = 0, height = 0;
    poppler_page_get_size(page.get(), &width, &height);
    cairo_pdf_surface_set_size(surface, width, height);
    // poppler leaves its own state (clip, source, matrix) on the context:
    // the pages after this one start from the caller's.
    cairo_save(cr);
    poppler_page_render_for_printing(page.get(), cr);
    cairo_restore(cr);
    cairo_show_page(cr);
    check(cairo_status(cr));
  }
}

}  // namespace construction::documents
