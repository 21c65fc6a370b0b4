// A small layout engine for the documents that leave the office: US letter,
// margins, a running header (the organisation, the document's title and
// number, the project) and footer ("Page 2 of 3") on every page, text that
// wraps, and tables whose header row repeats on each page they run onto.
//
// A document is a list of blocks. pdf() lays them out first (pango measures
// every piece of text, the blocks are cut into pages) and draws second, so
// "of m" is known when page 1 is drawn. A bold line or a heading never
// stands alone at the foot of a page: it goes over with what follows it. The bytes depend only on
// the blocks and the metadata: the creation date is the document's, never the clock.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar.hpp"

// cairo's two types, declared as cairo.h declares them, so that this header
// (which every renderer's includes) needs no cairo.
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace construction::documents {

// What the PDF's information dictionary says; `date` is the document's own
// (sent, certified, last changed), so one version gives one set of bytes.
struct Metadata {
  std::string title;   // "Estimate EST-001 rev 1"
  std::string author;  // the organisation
  domain::Timestamp date{};
};

// The running header, the same on every page of a section.
struct PageHeader {
  std::string organisation;
  std::string organisation_address;   // "" when unknown
  std::string title;                  // "Estimate", "Continuation sheet"
  std::string number;                 // "EST-001 rev 1"
  std::vector<std::string> subtitle;  // lines under the number: project, period
};

enum class Orientation { portrait, landscape };
enum class Align { left, right, center };
// `mono`: a hash or a code, each character as wide as the next, one line.
enum class TextStyle { body, small, small_bold, bold, heading, total, mono };

struct Column {
  std::string header;
  double share = 1;  // of the table's width, against the other columns' shares
  Align align = Align::left;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<std::string>> totals;  // bold, under a rule, after the rows
  std::string empty;                             // shown in place of no rows
};

// Label and value pairs in two columns ("Application no." "7").
using Fields = std::vector<std::pair<std::string, std::string>>;

class DocumentLayout {
 public:
  DocumentLayout(Metadata metadata, PageHeader header,
                 Orientation orientation = Orientation::portrait);

  void text(std::string text, TextStyle style = TextStyle::body, Align align = Align::left);
  // Text blocks side by side, each wrapped in its share of the width; the
  // first line of each is its label, in bold.
  void columns(std::vector<std::string> texts, TextStyle style = TextStyle::body);
  void fields(Fields fields, double label_share = 0.6, TextStyle style = TextStyle::body);
  // Label and value pairs as a record reads them (a certificate): the
  // labels in the body's style, the values from the left in `value_style`.
  void record_fields(Fields fields, double label_share, TextStyle value_style = TextStyle::body);
  void table(Table table);
  void space(double points);
  // A new section starts on a new page, with its own header and orientation.
  void section(PageHeader header, Orientation orientation);

  // Pages drawn onto the PDF before the layout's own, by someone else (the
  // sealed record's document as it was signed): it gets the PDF surface and
  // its context, sets each page's size and shows each page. The layout's
  // "Page n of m" counts its own pages only.
  using PagesBefore = std::function<void(cairo_surface_t*, cairo_t*)>;

  // The PDF: the worker's kept copy when one was drawn from the same
  // metadata, headers and blocks (documents/pdf_cache), else drawn and kept.
  // With `before` it is always drawn: those pages are not in the key.
  std::string pdf(const PagesBefore& before = {}) const;
  // The PDF drawn now, whatever is kept: the same bytes as pdf().
  std::string draw(const PagesBefore& before = {}) const;

  // What the calls above recorded, laid out only by pdf(). Everything here
  // (and in Metadata, PageHeader, Table and Column) is in the key under which
  // a worker keeps the PDF (LayoutKey, document_layout.cpp): a field added
  // and not hashed there would hand out a PDF drawn without it.
  struct Block {
    enum class Kind { text, columns, fields, table, space } kind = Kind::text;
    std::vector<std::string> texts;
    TextStyle style = TextStyle::body;
    Align align = Align::left;
    Fields fields;
    double number = 0;                        // space: points; fields: the label's share
    TextStyle value_style = TextStyle::body;  // fields: the values'
    Align value_align = Align::right;         // fields: the values'
    Table table;
  };
  struct Section {
    PageHeader header;
    Orientation orientation = Orientation::portrait;
    std::vector<Block> blocks;
  };

 private:
  Metadata metadata_;
  std::vector<Section> sections_;
};

}  // namespace construction::documents
