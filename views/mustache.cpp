#include "views/mustache.hpp"

#include <algorithm>
#include <utility>

namespace construction::views {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_path(std::string_view name) {
  std::vector<std::string> path;
  if (name == ".") return path;
  for (std::size_t start = 0;;) {
    std::size_t dot = name.find('.', start);
    path.emplace_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

// The HTML escape of `text` appended to `out`: runs of plain characters in one go.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&apos;";
        break;
      default:
        continue;
    }
    out.append(text.data() + run, i - run);
    out.append(entity);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace

// ---- parsing

// Reads a template into nodes: text a line at most, tags, sections with
// their end. Whether a tag stands alone on its line is decided here, once,
// from the template's text (the spec's rule), never from what renders.
class Mustache::Parser {
 public:
  Parser(std::string_view text, std::vector<Node>& nodes) : text_(text), nodes_(nodes) {}

  void parse() {
    while (at_ < text_.size()) {
      std::size_t tag = text_.find(open_, at_);
      std::size_t newline = text_.find('\n', at_);
      if (newline < tag) {
        pending_.append(text_.substr(at_, newline + 1 - at_));
        at_ = newline + 1;
        flush_text();
        new_line();
      } else if (tag == std::string_view::npos) {
        pending_.append(text_.substr(at_));
        at_ = text_.size();
        flush_text();
      } else {
        pending_.append(text_.substr(at_, tag - at_));
        read_tag(tag);
      }
    }
    if (!open_sections_.empty())
      throw TemplateError("Section \"" + open_names_.back() + "\" is never closed");
  }

 private:
  struct Tag {
    char sigil;  // '#', '^', '/', '!', '>', '=', '&' or '\0' (a variable)
    std::string_view name;
    std::size_t at;  // where the tag begins, for messages
  };

  void read_tag(std::size_t tag) {
    bool triple = open_ == "{{" && text_.compare(tag, 3, "{{{") == 0;
    std::string close = triple ? "}" + close_ : close_;
    std::size_t inner = tag + open_.size() + (triple ? 1 : 0);
    std::size_t end = text_.find(close, inner);
    if (end == std::string_view::npos) throw TemplateError("Unclosed tag at " + where(tag));
    std::string_view contents = trim(text_.substr(inner, end - inner));
    std::size_t after = end + close.size();

    Tag t{triple ? '&' : '\0', contents, tag};
    if (!triple && !contents.empty() &&
        std::string_view("#^/!>=&").find(contents.front()) != std::string_view::npos) {
      t.sigil = contents.front();
      t.name = trim(contents.substr(1));
    }
    bool may_stand_alone = t.sigil != '\0' && t.sigil != '&';
    if (std::size_t line_end = standalone_end(after); may_stand_alone && line_end != 0) {
      std::string indentation = std::move(pending_);
      pending_.clear();
      at_ = line_end;
      add_tag(t, &indentation);
      new_line();
    } else {
      flush_text();
      at_ = after;
      add_tag(t, nullptr);
      line_dirty_ = true;
    }
  }

  // Where the line of a tag ending at `after` ends (after its newline, or
  // the template's end) when the tag stands alone on it; 0 otherwise.
  std::size_t standalone_end(std::size_t after) const {
    if (line_dirty_ || !is_blank(pending_)) return 0;
    std::size_t i = after;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    if (i == text_.size()) return i;
    if (text_[i] == '\n') return i + 1;
    if (text_.compare(i, 2, "\r\n") == 0) return i + 2;
    return 0;
  }

  // `indentation`: the spaces before a tag alone on its line, else nullptr.
  void add_tag(const Tag& t, std::string* indentation) {
    if (t.sigil == '!') return;
    if (t.sigil == '=') return change_delimiters(t);
    if (t.name.empty()) throw TemplateError("Tag without a name at " + where(t.at));
    if (t.sigil == '/') return close_section(t);
    Node node{Kind::variable};
    node.line_start = indentation == nullptr && line_start_;
    switch (t.sigil) {
      case '#':
      case '^':
        node.kind = t.sigil == '#' ? Kind::section : Kind::inverted;
        open_sections_.push_back(nodes_.size());
        open_names_.emplace_back(t.name);
        break;
      case '>':
        node.kind = Kind::partial;
        node.standalone = indentation != nullptr;
        if (indentation) node.text = std::move(*indentation);
        break;
      case '&':
        node.kind = Kind::unescaped;
        break;
      default:
        break;
    }
    node.path = node.kind == Kind::partial ? std::vector<std::string>{std::string(t.name)}
                                           : split_path(t.name);
    nodes_.push_back(std::move(node));
    if (indentation == nullptr) line_start_ = false;
  }

  void close_section(const Tag& t) {
    if (open_sections_.empty())
      throw TemplateError("Section \"" + std::string(t.name) + "\" closed at " + where(t.at) +
                          " was never opened");
    if (open_names_.back() != t.name)
      throw TemplateError("Section \"" + open_names_.back() + "\" closed as \"" +
                          std::string(t.name) + "\" at " + where(t.at));
    nodes_[open_sections_.back()].end = static_cast<std::uint32_t>(nodes_.size());
    open_sections_.pop_back();
    open_names_.pop_back();
  }

  // {{=<% %>=}}: two delimiters, neither empty nor holding a space or '='.
  void change_delimiters(const Tag& t) {
    std::string_view inside = t.name;
    bool closed = !inside.empty() && inside.back() == '=';
    if (closed) inside = trim(inside.substr(0, inside.size() - 1));
    std::size_t space = inside.find_first_of(" \t");
    std::string_view open = inside.substr(0, space);
    std::string_view close =
        space == std::string_view::npos ? std::string_view() : trim(inside.substr(space));
    auto valid = [](std::string_view d) {
      return !d.empty() && d.find_first_of(" \t\r\n=") == std::string_view::npos;
    };
    if (!closed || !valid(open) || !valid(close))
      throw TemplateError("Delimiter change at " + where(t.at) + " is not two delimiters");
    open_ = open;
    close_ = close;
  }

  void flush_text() {
    if (pending_.empty()) return;
    if (!is_blank(pending_)) line_dirty_ = true;
    Node node{Kind::text};
    // A line with nothing but its newline gets no indentation.
    node.line_start = line_start_ && pending_ != "\n" && pending_ != "\r\n";
    node.text = std::move(pending_);
    pending_.clear();
    nodes_.push_back(std::move(node));
    line_start_ = false;
  }

  void new_line() {
    line_start_ = true;
    line_dirty_ = false;
  }

  static bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
  }

  std::string where(std::size_t at) const {
    std::string_view before = text_.substr(0, at);
    std::size_t line = 1 + std::count(before.begin(), before.end(), '\n');
    std::size_t last_newline = before.rfind('\n');
    std::size_t column = at - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  }

  std::string_view text_;
  std::vector<Node>& nodes_;
  std::string open_ = "{{";
  std::string close_ = "}}";
  std::size_t at_ = 0;
  std::string pending_;      // the line's text since the last tag, not yet a node
  bool line_start_ = true;   // nothing of this line is a node yet
  bool line_dirty_ = false;  // this line has had text or a tag that does not stand alone
  std::vector<std::size_t> open_sections_;  // the nodes of the sections not yet closed
  std::vector<std::string> open_names_;
};

Mustache::Mustache(std::string_view text) {
  Parser(text, nodes_).parse();
}

std::vector<std::string> Mustache::partial_names() const {
  std::vector<std::string> names;
  for (const Node& node : nodes_)
    if (node.kind == Kind::partial &&
        std::find(names.begin(), names.end(), node.path.front()) == names.end())
      names.push_back(node.path.front());
  return names;
}

void Mustache::link_partials(const std::function<const Mustache*(std::string_view)>& find) {
  for (Node& node : nodes_)
    if (node.kind == Kind::partial) node.partial = find(node.path.front());
}

// ---- rendering

class Mustache::Renderer {
 public:
  Renderer(const Data& data, std::string& out) : out_(out) {
    stack_.reserve(8);
    stack_.push_back(&data);
  }

  void render(const std::vector<Node>& nodes, std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t i = begin; i < end;) {
      const Node& node = nodes[i];
      if (node.line_start && !indentation_.empty()) out_.append(indentation_);
      switch (node.kind) {
        case Kind::text:
          out_.append(node.text);
          ++i;
          break;
        case Kind::variable:
        case Kind::unescaped:
          if (const Data* value = lookup(node.path); value && value->is_text()) {
            if (node.kind == Kind::variable)
              append_escaped(out_, value->text());
            else
              out_.append(value->text());
          }
          ++i;
          break;
        case Kind::section:
          if (const Data* value = lookup(node.path); value && !value->is_falsy()) {
            if (value->is_list()) {
              for (const Data& item : value->list()) show(nodes, item, i + 1, node.end);
            } else {
              show(nodes, *value, i + 1, node.end);
            }
          }
          i = node.end;
          break;
        case Kind::inverted:
          if (const Data* value = lookup(node.path); !value || value->is_falsy())
            render(nodes, i + 1, node.end);
          i = node.end;
          break;
        case Kind::partial:
          if (node.partial) include(node);
          ++i;
          break;
      }
    }
  }

 private:
  // A shown section: its nodes with `value` as the innermost context.
  void show(const std::vector<Node>& nodes, const Data& value, std::uint32_t begin,
            std::uint32_t end) {
    stack_.push_back(&value);
    render(nodes, begin, end);
    stack_.pop_back();
  }

  // A partial alone on its line is indented as its tag was, on top of the
  // indentation around it; one within a line is written as it is. A
  // partial may include itself (a tree, shown level by level), but one that
  // never stops would take the worker's stack: past kMaxDepth it is an
  // error of the page instead.
  void include(const Node& node) {
    static constexpr int kMaxDepth = 100;
    if (++depth_ > kMaxDepth)
      throw TemplateError("Partial \"" + node.path.front() + "\" nested " +
                          std::to_string(kMaxDepth) +
                          " deep: one that includes itself without end?");
    const std::vector<Node>& nodes = node.partial->nodes_;
    auto size = static_cast<std::uint32_t>(nodes.size());
    if (node.standalone) {
      std::size_t outer = indentation_.size();
      indentation_.append(node.text);
      render(nodes, 0, size);
      indentation_.resize(outer);
    } else {
      std::string outer = std::exchange(indentation_, {});
      render(nodes, 0, size);
      indentation_ = std::move(outer);
    }
    --depth_;
  }

  // The first name in the innermost context that has it, the rest of a
  // dotted name in what that found.
  const Data* lookup(const std::vector<std::string>& path) const {
    if (path.empty()) return stack_.back();
    const Data* value = nullptr;
    for (auto context = stack_.rbegin(); context != stack_.rend() && !value; ++context)
      value = (*context)->find(path.front());
    for (std::size_t i = 1; value && i < path.size(); ++i) value = value->find(path[i]);
    return value;
  }

  std::string& out_;
  std::string indentation_;
  int depth_ = 0;  // partials within partials
  std::vector<const Data*> stack_;
};

void Mustache::render(const Data& data, std::string& out) const {
  Renderer(data, out).render(nodes_, 0, static_cast<std::uint32_t>(nodes_.size()));
}

}  // namespace construction::views
