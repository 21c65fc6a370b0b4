#include "documents/document_layout.hpp"

#include <cairo-pdf.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "documents/cairo_handles.hpp"
#include "documents/pdf_cache.hpp"

namespace construction::documents {

namespace {

// US letter in points; 0.7 in margins leave room for the G703's ten columns.
constexpr double kShortSide = 612;
constexpr double kLongSide = 792;
constexpr double kMargin = 50;
constexpr double kFooterHeight = 24;
constexpr double kCellPadding = 3;
constexpr double kRowGap = 4;
// A bold line or a heading goes to the next page unless this much of what
// follows it (two or three lines, a table's header and first row) fits under it.
constexpr double kKeepWithNext = 36;

// The families named, in order, so the glyphs (and so the bytes) do not
// depend on which other fonts a machine has: DejaVu for Latin, Greek and
// Cyrillic, Droid Sans Fallback for Chinese, Japanese and Korean.
constexpr const char* kFamilies = "DejaVu Sans,Droid Sans Fallback";

std::string font_of(TextStyle style) {
  switch (style) {
    case TextStyle::body:
      return std::string(kFamilies) + " 9";
    case TextStyle::small:
      return std::string(kFamilies) + " 7.5";
    case TextStyle::small_bold:
      return std::string(kFamilies) + " Bold 7.5";
    case TextStyle::bold:
      return std::string(kFamilies) + " Bold 9";
    case TextStyle::heading:
      return std::string(kFamilies) + " Bold 13";
    case TextStyle::total:
      return std::string(kFamilies) + " Bold 10";
    case TextStyle::mono:
      return "DejaVu Sans Mono,Droid Sans Fallback 8";
  }
  return kFamilies;
}

constexpr std::array kStyles = {TextStyle::body, TextStyle::small,   TextStyle::small_bold,
                                TextStyle::bold, TextStyle::heading, TextStyle::total,
                                TextStyle::mono};

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// "2026-12-05T14:03:00Z", as cairo writes it into the information dictionary.
std::string pdf_date(domain::Timestamp instant) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
  auto day = std::chrono::floor<std::chrono::days>(seconds);
  std::chrono::hh_mm_ss time{seconds - day};
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return domain::iso_date(day) + clock;
}

struct PageSize {
  double width;
  double height;
};

PageSize size_of(Orientation orientation) {
  if (orientation == Orientation::landscape) return {kLongSide, kShortSide};
  return {kShortSide, kLongSide};
}

// A piece of text measured and placed; a line or a shaded box.
struct Placed {
  LayoutHandle layout;
  double x = 0;
  double y = 0;
};
struct Rule {
  double x0, y0, x1, y1, width;
};
struct Shade {
  double x, y, width, height;
};

struct Page {
  const DocumentLayout::Section* section = nullptr;
  std::vector<Placed> texts;
  std::vector<Rule> rules;
  std::vector<Shade> shades;
};

// pango's context, with the fonts' options fixed (no hinting) so the measures
// are the same everywhere, its font descriptions, and the layouts it shaped,
// for the worker's life: one document's layouts are drawn onto the next
// one's cairo context as onto their own (the same fonts and options, an
// identity matrix), so the bytes are those of layouts made anew. The same
// text in the same style, width and alignment is shaped once and shown
// wherever it appears: the running header and footer, a table's header row,
// "$0.00" across a G703 row, the G702's labels and certificates in every
// pay application. A layout is not changed once measured; each place holds
// a reference to it. Past kShapesKept the shapes are dropped at once and
// the next documents shape their texts again.
class Shaper {
 public:
  explicit Shaper(cairo_t* cr) : pango_(pango_cairo_create_context(cr)) {
    // Points, not pixels: pango's default is 96 dpi, which would draw a 9 pt
    // font at 12 pt on the PDF's 72 units per inch.
    pango_cairo_context_set_resolution(pango_.get(), 72);
    FontOptionsHandle options(cairo_font_options_create());
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pango_.get(), options.get());
    for (TextStyle style : kStyles)
      fonts_[static_cast<std::size_t>(style)].reset(
          pango_font_description_from_string(font_of(style).c_str()));
  }

  LayoutHandle layout(const std::string& text, TextStyle style, double width, Align align) {
    std::string key(sizeof style + sizeof width + sizeof align, '\0');
    std::memcpy(key.data(), &style, sizeof style);
    std::memcpy(key.data() + sizeof style, &width, sizeof width);
    std::memcpy(key.data() + sizeof style + sizeof width, &align, sizeof align);
    key += text;
    if (shaped_.size() >= kShapesKept && !shaped_.contains(key)) shaped_.clear();
    auto [at, added] = shaped_.try_emplace(std::move(key));
    if (added) at->second = unshared_layout(text, style, width, align);
    return LayoutHandle(PANGO_LAYOUT(g_object_ref(at->second.get())));
  }

  // A layout of its own, for a caller that changes it (bold_first_line).
  LayoutHandle unshared_layout(const std::string& text, TextStyle style, double width,
                               Align align) const {
    LayoutHandle layout(pango_layout_new(pango_.get()));
    pango_layout_set_font_description(layout.get(), fonts_[static_cast<std::size_t>(style)].get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align == Align::right    ? PANGO_ALIGN_RIGHT
                                             : align == Align::center ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

 private:
  // Some 2 MB of layouts: a pay application of 30 lines shapes ~250 texts.
  static constexpr std::size_t kShapesKept = 2000;
  std::unique_ptr<PangoContext, GObjectRelease> pango_;
  std::array<FontDescriptionHandle, kStyles.size()> fonts_;
  std::unordered_map<std::string, LayoutHandle> shaped_;
};

// The worker's one Shaper, made from the first document's context.
Shaper& worker_shaper(cairo_t* cr) {
  static Shaper shaper(cr);
  return shaper;
}

// The PDF surface writing into a string and its context; the text's
// layouts come from the worker's Shaper.
class Canvas {
 public:
  explicit Canvas(const Metadata& metadata) {
    surface_.reset(
        cairo_pdf_surface_create_for_stream(append_bytes, &bytes_, kShortSide, kLongSide));
    check(cairo_surface_status(surface_.get()));
    std::string date = pdf_date(metadata.date);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE,
                                   metadata.title.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   metadata.author.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "construction");
    cr_.reset(cairo_create(surface_.get()));
    check(cairo_status(cr_.get()));
    shaper_ = &worker_shaper(cr_.get());
  }

  LayoutHandle layout(const std::string& text, TextStyle style, double width, Align align) const {
    return shaper_->layout(text, style, width, align);
  }
  LayoutHandle unshared_layout(const std::string& text, TextStyle style, double width,
                               Align align) const {
    return shaper_->unshared_layout(text, style, width, align);
  }

  // A column's first line is its label ("To owner", "Project"): bold.
  static void bold_first_line(const LayoutHandle& layout, const std::string& text) {
    std::size_t end = text.find('\n');
    AttrListHandle attributes(pango_attr_list_new());
    PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    bold->start_index = 0;
    bold->end_index = static_cast<guint>(end == std::string::npos ? text.size() : end);
    pango_attr_list_insert(attributes.get(), bold);  // the list owns it now
    pango_layout_set_attributes(layout.get(),
                                attributes.get());  // and the layout its own reference
  }

  static double height(const LayoutHandle& layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout.get(), &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  void draw(const Page& page, int number, int count);
  void draw_before(const DocumentLayout::PagesBefore& before) {
    before(surface_.get(), cr_.get());
    check(cairo_status(cr_.get()));
  }

  std::string finish() {
    cr_.reset();
    cairo_surface_finish(surface_.get());
    check(cairo_surface_status(surface_.get()));
    surface_.reset();
    return std::move(bytes_);
  }

  double header_height(const DocumentLayout::Section& section) {
    return draw_header(section, false);
  }

 private:
  double draw_header(const DocumentLayout::Section& section, bool drawing);
  void draw_footer(const DocumentLayout::Section& section, int number, int count);
  void show(const LayoutHandle& layout, double x, double y) {
    cairo_move_to(cr_.get(), x, y);
    pango_cairo_show_layout(cr_.get(), layout.get());
  }

  std::string bytes_;
  SurfaceHandle surface_;
  ContextHandle cr_;
  Shaper* shaper_ = nullptr;
};

// The organisation on the left, the document's title and number on the
// right, the subtitle lines under them, a rule: the height it takes.
double Canvas::draw_header(const DocumentLayout::Section& section, bool drawing) {
  const PageHeader& header = section.header;
  double width = size_of(section.orientation).width - 2 * kMargin;
  // The organisation at the left, the title (the longer text: "Application
  // and certificate for payment") at the right on one line.
  double left_width = width * 0.4, right_width = width - left_width;
  LayoutHandle organisation =
      layout(header.organisation, TextStyle::heading, left_width, Align::left);
  double left = height(organisation);
  LayoutHandle address;
  if (!header.organisation_address.empty()) {
    address = layout(header.organisation_address, TextStyle::small, left_width, Align::left);
    left += height(address);
  }
  LayoutHandle title = layout(header.title, TextStyle::heading, right_width, Align::right);
  LayoutHandle number = layout(header.number, TextStyle::bold, right_width, Align::right);
  std::string lines;
  for (const auto& line : header.subtitle) lines += (lines.empty() ? "" : "\n") + line;
  LayoutHandle subtitle = layout(lines, TextStyle::small, right_width, Align::right);
  double right = height(title) + height(number) + (lines.empty() ? 0 : height(subtitle));
  double total = std::max(left, right) + 6;
  if (drawing) {
    show(organisation, kMargin, kMargin);
    if (address) show(address, kMargin, kMargin + height(organisation));
    double x = kMargin + left_width;
    show(title, x, kMargin);
    show(number, x, kMargin + height(title));
    if (!lines.empty()) show(subtitle, x, kMargin + height(title) + height(number));
    cairo_set_line_width(cr_.get(), 0.8);
    cairo_move_to(cr_.get(), kMargin, kMargin + total);
    cairo_line_to(cr_.get(), kMargin + width, kMargin + total);
    cairo_stroke(cr_.get());
  }
  return total + 10;
}

void Canvas::draw_footer(const DocumentLayout::Section& section, int number, int count) {
  PageSize size = size_of(section.orientation);
  double width = size.width - 2 * kMargin;
  double y = size.height - kMargin + kFooterHeight / 2 - 12;
  std::string name = section.header.title + " " + section.header.number;
  show(layout(name, TextStyle::small, width / 2, Align::left), kMargin, y);
  std::string page = "Page " + std::to_string(number) + " of " + std::to_string(count);
  show(layout(page, TextStyle::small, width / 2, Align::right), kMargin + width / 2, y);
}

void Canvas::draw(const Page& page, int number, int count) {
  PageSize size = size_of(page.section->orientation);
  cairo_pdf_surface_set_size(surface_.get(), size.width, size.height);
  cairo_t* cr = cr_.get();
  cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
  for (const Shade& shade : page.shades) {
    cairo_rectangle(cr, shade.x, shade.y, shade.width, shade.height);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  draw_header(*page.section, true);
  for (const Rule& rule : page.rules) {
    cairo_set_line_width(cr, rule.width);
    cairo_move_to(cr, rule.x0, rule.y0);
    cairo_line_to(cr, rule.x1, rule.y1);
    cairo_stroke(cr);
  }
  for (const Placed& text : page.texts) show(text.layout, text.x, text.y);
  draw_footer(*page.section, number, count);
  cairo_show_page(cr);
  check(cairo_status(cr));
}

// Cuts the blocks of each section into pages: a block goes where the last
// one ended, or on a new page when it does not fit; a table row that does
// not fit starts a new page with the table's header row again.
class Paginator {
 public:
  explicit Paginator(Canvas& canvas) : canvas_(canvas) {}

  void section(const DocumentLayout::Section& section) {
    section_ = &section;
    PageSize size = size_of(section.orientation);
    width_ = size.width - 2 * kMargin;
    top_ = kMargin + canvas_.header_height(section);
    bottom_ = size.height - kMargin - kFooterHeight;
    new_page();
    for (std::size_t i = 0; i < section.blocks.size(); ++i) {
      const auto& block = section.blocks[i];
      if (i + 1 < section.blocks.size()) keep_with_next(block);
      place(block);
    }
  }

  std::vector<Page> pages() && { return std::move(pages_); }

 private:
  void new_page() {
    pages_.push_back(Page{section_, {}, {}, {}});
    y_ = top_;
  }
  Page& page() { return pages_.back(); }
  bool fits(double height) const { return y_ + height <= bottom_ || y_ == top_; }
  void make_room(double height) {
    if (!fits(height)) new_page();
  }

  void keep_with_next(const DocumentLayout::Block& block) {
    using Kind = DocumentLayout::Block::Kind;
    if (block.kind != Kind::text ||
        (block.style != TextStyle::bold && block.style != TextStyle::heading))
      return;
    LayoutHandle layout = canvas_.layout(block.texts.front(), block.style, width_, block.align);
    make_room(Canvas::height(layout) + kKeepWithNext);
  }
  void place(const DocumentLayout::Block& block);
  void place_text(const std::string& text, TextStyle style, Align align);
  static std::size_t lines_fitting(const LayoutHandle& layout, double room);
  void place_row(std::vector<LayoutHandle> cells, const std::vector<double>& xs,
                 double row_height) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      page().texts.push_back(Placed{std::move(cells[i]), xs[i] + kCellPadding, y_ + kCellPadding});
    y_ += row_height;
  }
  struct Row {
    std::vector<LayoutHandle> cells;
    double height = 0;
  };
  Row measure_row(const std::vector<std::string>& texts, const std::vector<Column>& columns,
                  const std::vector<double>& widths, TextStyle style) const;
  void place_table(const Table& table);
  void place_table_header(const Table& table, const std::vector<double>& xs,
                          const std::vector<double>& widths);
  void rule(double width) {
    page().rules.push_back(Rule{kMargin, y_, kMargin + width_, y_, width});
  }

  Canvas& canvas_;
  const DocumentLayout::Section* section_ = nullptr;
  std::vector<Page> pages_;
  double width_ = 0, top_ = 0, bottom_ = 0, y_ = 0;
};

void Paginator::place(const DocumentLayout::Block& block) {
  using Kind = DocumentLayout::Block::Kind;
  switch (block.kind) {
    case Kind::space:
      y_ += block.number;
      return;
    case Kind::text:
      place_text(block.texts.front(), block.style, block.align);
      return;
    case Kind::columns: {
      double share = width_ / static_cast<double>(block.texts.size());
      std::vector<LayoutHandle> cells;
      double height = 0;
      for (const auto& text : block.texts) {
        cells.push_back(
            canvas_.unshared_layout(text, block.style, share - 2 * kCellPadding, Align::left));
        Canvas::bold_first_line(cells.back(), text);
        height = std::max(height, Canvas::height(cells.back()));
      }
      make_room(height);
      for (std::size_t i = 0; i < cells.size(); ++i)
        page().texts.push_back(
            Placed{std::move(cells[i]), kMargin + share * static_cast<double>(i), y_});
      y_ += height + kRowGap;
      return;
    }
    case Kind::fields: {
      double label_width = width_ * block.number;
      for (const auto& [label, value] : block.fields) {
        LayoutHandle left = canvas_.layout(label, block.style, label_width, Align::left);
        LayoutHandle right = canvas_.layout(value, block.value_style,
                                            width_ - label_width - kCellPadding, block.value_align);
        double height = std::max(Canvas::height(left), Canvas::height(right)) + 2;
        make_room(height);
        page().texts.push_back(Placed{std::move(left), kMargin, y_});
        page().texts.push_back(Placed{std::move(right), kMargin + label_width, y_});
        y_ += height;
      }
      y_ += kRowGap;
      return;
    }
    case Kind::table:
      place_table(block.table);
      return;
  }
}

// A text taller than what is left of the page (long notes) goes on line by
// line: the lines that fit here, the rest from the top of the next page.
void Paginator::place_text(const std::string& text, TextStyle style, Align align) {
  std::string_view rest = text;
  for (;;) {
    LayoutHandle layout = canvas_.layout(std::string(rest), style, width_, align);
    double height = Canvas::height(layout);
    if (y_ + height <= bottom_) {
      page().texts.push_back(Placed{std::move(layout), kMargin, y_});
      y_ += height + kRowGap;
      return;
    }
    std::size_t cut = lines_fitting(layout, bottom_ - y_);
    if (cut == 0) {  // not one line here: the next page (a page holds one, at least)
      if (y_ == top_)
        cut = rest.size();
      else {
        new_page();
        continue;
      }
    }
    page().texts.push_back(Placed{
        canvas_.layout(std::string(rest.substr(0, cut)), style, width_, align), kMargin, y_});
    rest.remove_prefix(cut);
    while (!rest.empty() && (rest.front() == '\n' || rest.front() == ' ')) rest.remove_prefix(1);
    if (rest.empty()) return;
    new_page();
  }
}

// The byte at which the first line that does not fit in `room` points starts.
std::size_t Paginator::lines_fitting(const LayoutHandle& layout, double room) {
  std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> lines(
      pango_layout_get_iter(layout.get()), pango_layout_iter_free);
  do {
    int top = 0, bottom = 0;
    pango_layout_iter_get_line_yrange(lines.get(), &top, &bottom);
    if (static_cast<double>(bottom) / PANGO_SCALE > room)
      return static_cast<std::size_t>(pango_layout_iter_get_index(lines.get()));
  } while (pango_layout_iter_next_line(lines.get()));
  return 0;
}

Paginator::Row Paginator::measure_row(const std::vector<std::string>& texts,
                                      const std::vector<Column>& columns,
                                      const std::vector<double>& widths, TextStyle style) const {
  Row row;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string& text = i < texts.size() ? texts[i] : std::string();
    row.cells.push_back(
        canvas_.layout(text, style, widths[i] - 2 * kCellPadding, columns[i].align));
    row.height = std::max(row.height, Canvas::height(row.cells.back()));
  }
  row.height += 2 * kCellPadding;
  return row;
}

void Paginator::place_table_header(const Table& table, const std::vector<double>& xs,
                                   const std::vector<double>& widths) {
  std::vector<std::string> headers;
  for (const auto& column : table.columns) headers.push_back(column.header);
  Row row = measure_row(headers, table.columns, widths, TextStyle::small_bold);
  page().shades.push_back(Shade{kMargin, y_, width_, row.height});
  place_row(std::move(row.cells), xs, row.height);
  rule(0.6);
}

void Paginator::place_table(const Table& table) {
  double shares = 0;
  for (const auto& column : table.columns) shares += column.share;
  std::vector<double> xs, widths;
  double x = kMargin;
  for (const auto& column : table.columns) {
    xs.push_back(x);
    widths.push_back(width_ * column.share / shares);
    x += widths.back();
  }
  std::vector<std::string> headers;
  for (const auto& column : table.columns) headers.push_back(column.header);
  double header_height = measure_row(headers, table.columns, widths, TextStyle::small_bold).height;

  std::vector<Row> rows;
  for (const auto& texts : table.rows)
    rows.push_back(measure_row(texts, table.columns, widths, TextStyle::small));
  // "No lines.": one cell across the table.
  bool spans = table.rows.empty() && !table.empty.empty();
  if (spans)
    rows.push_back(
        measure_row({table.empty}, {Column{"", 1, Align::left}}, {width_}, TextStyle::small));
  // The header never stands alone at the foot of a page.
  make_room(header_height + (rows.empty() ? 0 : rows.front().height));
  place_table_header(table, xs, widths);
  for (Row& row : rows) {
    if (!fits(row.height)) {
      new_page();
      place_table_header(table, xs, widths);
    }
    place_row(std::move(row.cells), spans ? std::vector<double>{kMargin} : xs, row.height);
    page().rules.push_back(Rule{kMargin, y_, kMargin + width_, y_, 0.2});
  }
  bool first = true;
  for (const auto& texts : table.totals) {
    Row row = measure_row(texts, table.columns, widths, TextStyle::small_bold);
    if (!fits(row.height)) {
      new_page();
      place_table_header(table, xs, widths);
    }
    if (first) rule(0.8);
    first = false;
    place_row(std::move(row.cells), xs, row.height);
  }
  y_ += kRowGap * 2;
}

// The SHA-256 of everything the bytes are drawn from, each field preceded
// by its length so that two layouts hash alike only when they are alike.
class LayoutKey {
 public:
  LayoutKey() { crypto_hash_sha256_init(&state_); }
  void add(std::string_view text) {
    add_value(text.size());
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  }
  template <typename T>
  void add_value(T value) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(&value),
                              sizeof value);
  }
  void add(const std::vector<std::string>& texts) {
    add_value(texts.size());
    for (const auto& text : texts) add(text);
  }
  void add(const std::vector<std::vector<std::string>>& rows) {
    add_value(rows.size());
    for (const auto& row : rows) add(row);
  }
  void add(const PageHeader& header) {
    add(header.organisation);
    add(header.organisation_address);
    add(header.title);
    add(header.number);
    add(header.subtitle);
  }
  void add(const DocumentLayout::Block& block) {
    add_value(block.kind);
    add(block.texts);
    add_value(block.style);
    add_value(block.align);
    add_value(block.fields.size());
    for (const auto& [label, value] : block.fields) {
      add(label);
      add(value);
    }
    add_value(block.number);
    add_value(block.value_style);
    add_value(block.value_align);
    add_value(block.table.columns.size());
    for (const Column& column : block.table.columns) {
      add(column.header);
      add_value(column.share);
      add_value(column.align);
    }
    add(block.table.rows);
    add(block.table.totals);
    add(block.table.empty);
  }
  PdfKey finish() {
    PdfKey key;
    crypto_hash_sha256_final(&state_, key.data());
    return key;
  }

 private:
  crypto_hash_sha256_state state_;
};

}  // namespace

DocumentLayout::DocumentLayout(Metadata metadata, PageHeader header, Orientation orientation)
    : metadata_(std::move(metadata)) {
  sections_.push_back(Section{std::move(header), orientation, {}});
}

void DocumentLayout::text(std::string text, TextStyle style, Align align) {
  Block block;
  block.kind = Block::Kind::text;
  block.texts.push_back(std::move(text));
  block.style = style;
  block.align = align;
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::columns(std::vector<std::string> texts, TextStyle style) {
  Block block;
  block.kind = Block::Kind::columns;
  block.texts = std::move(texts);
  block.style = style;
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::fields(Fields fields, double label_share, TextStyle style) {
  Block block;
  block.kind = Block::Kind::fields;
  block.style = style;
  block.fields = std::move(fields);
  block.number = label_share;
  block.value_style = style;
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::record_fields(Fields fields, double label_share, TextStyle value_style) {
  Block block;
  block.kind = Block::Kind::fields;
  block.fields = std::move(fields);
  block.number = label_share;
  block.value_style = value_style;
  block.value_align = Align::left;
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::table(Table table) {
  Block block;
  block.kind = Block::Kind::table;
  block.table = std::move(table);
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::space(double points) {
  Block block;
  block.kind = Block::Kind::space;
  block.number = points;
  sections_.back().blocks.push_back(std::move(block));
}

void DocumentLayout::section(PageHeader header, Orientation orientation) {
  sections_.push_back(Section{std::move(header), orientation, {}});
}

std::string DocumentLayout::pdf(const PagesBefore& before) const {
  if (before) return draw(before);
  LayoutKey key;
  key.add(metadata_.title);
  key.add(metadata_.author);
  key.add_value(metadata_.date.time_since_epoch().count());
  key.add_value(sections_.size());
  for (const Section& section : sections_) {
    key.add(section.header);
    key.add_value(section.orientation);
    key.add_value(section.blocks.size());
    for (const Block& block : section.blocks) key.add(block);
  }
  PdfKey digest = key.finish();
  PdfCache& kept = worker_pdf_cache();
  if (auto bytes = kept.find(digest)) return std::move(*bytes);
  std::string bytes = draw();
  kept.keep(digest, bytes);
  return bytes;
}

std::string DocumentLayout::draw(const PagesBefore& before) const {
  Canvas canvas(metadata_);
  Paginator paginator(canvas);
  for (const Section& section : sections_) paginator.section(section);
  std::vector<Page> pages = std::move(paginator).pages();
  if (before) canvas.draw_before(before);
  int count = static_cast<int>(pages.size());
  for (int i = 0; i < count; ++i) canvas.draw(pages[static_cast<std::size_t>(i)], i + 1, count);
  return canvas.finish();
}

}  // namespace construction::documents
