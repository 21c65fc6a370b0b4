// Move-only owners of the cairo and pango handles the PDFs use: each handle
// is released by its own library's function, once, whatever path leaves the
// scope (an exception half-way through a document included).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace construction::documents {

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextRelease {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectRelease {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDescriptionRelease {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct AttrListRelease {
  void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};
struct FontOptionsRelease {
  void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};

using SurfaceHandle = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using ContextHandle = std::unique_ptr<cairo_t, ContextRelease>;
using LayoutHandle = std::unique_ptr<PangoLayout, GObjectRelease>;
using FontDescriptionHandle = std::unique_ptr<PangoFontDescription, FontDescriptionRelease>;
using AttrListHandle = std::unique_ptr<PangoAttrList, AttrListRelease>;
using FontOptionsHandle = std::unique_ptr<cairo_font_options_t, FontOptionsRelease>;

}  // namespace construction::documents
