#include "views/mustache.hpp"

#include <algorithm>

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

Mustache::Mustache(std::string_view text) {
  std::vector<std::size_t> open;  // the nodes of the sections not yet closed
  auto where = [text](std::size_t at) {
    std::string_view before = text.substr(0, at);
    std::size_t line = 1 + std::count(before.begin(), before.end(), '\n');
    std::size_t last_newline = before.rfind('\n');
    std::size_t column = at - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  };
  // Text after text joins it; never across a section's end, which adds no
  // node (the text after it must stay outside the section).
  bool joins = false;
  auto add_text = [this, &joins](std::string_view t) {
    if (t.empty()) return;
    if (joins)
      nodes_.back().text.append(t);
    else
      nodes_.push_back({Kind::text, 0, std::string(t), {}});
    joins = true;
  };

  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t tag = text.find("{{", at);
    std::size_t newline = text.find_first_of("\r\n", at);
    if (newline < tag) {
      add_text(text.substr(at, newline - at));
      std::size_t length = text.compare(newline, 2, "\r\n") == 0 ? 2 : 1;
      nodes_.push_back({Kind::newline, 0, std::string(text.substr(newline, length)), {}});
      joins = false;
      at = newline + length;
      continue;
    }
    if (tag == std::string_view::npos) {
      add_text(text.substr(at));
      break;
    }
    add_text(text.substr(at, tag - at));
    joins = false;

    bool triple = text.compare(tag, 3, "{{{") == 0;
    std::string_view close = triple ? "}}}" : "}}";
    std::size_t inner = tag + close.size();
    std::size_t end = text.find(close, inner);
    if (end == std::string_view::npos) throw TemplateError("Unclosed tag at " + where(tag));
    std::string_view contents = trim(text.substr(inner, end - inner));
    at = end + close.size();

    Kind kind = Kind::variable;
    char sigil = triple || contents.empty() ? '\0' : contents.front();
    switch (sigil) {
      case '#':
        kind = Kind::section;
        break;
      case '^':
        kind = Kind::inverted;
        break;
      case '&':
        kind = Kind::unescaped;
        break;
      case '/':
      case '!':
      case '>':
      case '=':
        break;
      default:
        sigil = '\0';
        break;
    }
    if (triple) kind = Kind::unescaped;
    std::string_view name = sigil == '\0' ? contents : trim(contents.substr(1));

    if (sigil == '!') continue;
    if (sigil == '>' || sigil == '=')
      throw TemplateError(std::string(sigil == '>' ? "Partial" : "Delimiter change") + " at " +
                          where(tag) + ": not supported");
    if (name.empty()) throw TemplateError("Tag without a name at " + where(tag));
    if (sigil == '/') {
      if (open.empty())
        throw TemplateError("Section \"" + std::string(name) + "\" closed at " + where(tag) +
                            " was never opened");
      Node& section = nodes_[open.back()];
      if (section.text != name)
        throw TemplateError("Section \"" + section.text + "\" closed as \"" + std::string(name) +
                            "\" at " + where(tag));
      section.end = static_cast<std::uint32_t>(nodes_.size());
      open.pop_back();
      continue;
    }
    if (kind == Kind::section || kind == Kind::inverted) open.push_back(nodes_.size());
    // A section keeps its name in `text` until it is closed.
    nodes_.push_back({kind, 0,
                      kind == Kind::section || kind == Kind::inverted ? std::string(name) : "",
                      split_path(name)});
  }
  if (!open.empty())
    throw TemplateError("Section \"" + nodes_[open.back()].text + "\" is never closed");
  for (Node& node : nodes_)
    if (node.kind == Kind::section || node.kind == Kind::inverted) node.text.clear();
}

// ---- rendering

class Mustache::Renderer {
 public:
  Renderer(const std::vector<Node>& nodes, const Data& data, std::string& out)
      : nodes_(nodes), out_(out), line_start_(out.size()) {
    stack_.reserve(8);
    stack_.push_back(&data);
  }

  void render() {
    render(0, static_cast<std::uint32_t>(nodes_.size()));
    end_line({});
  }

 private:
  void render(std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t i = begin; i < end;) {
      const Node& node = nodes_[i];
      switch (node.kind) {
        case Kind::text:
          out_.append(node.text);
          ++i;
          break;
        case Kind::newline:
          end_line(node.text);
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
              for (const Data& item : value->list()) show(item, i + 1, node.end);
            } else {
              show(*value, i + 1, node.end);
            }
          }
          i = node.end;
          break;
        case Kind::inverted:
          if (const Data* value = lookup(node.path); !value || value->is_falsy()) {
            if (value)
              show(*value, i + 1, node.end);
            else
              show_here(i + 1, node.end);
          }
          i = node.end;
          break;
      }
    }
  }

  // A shown section: its nodes with `value` as the innermost context.
  void show(const Data& value, std::uint32_t begin, std::uint32_t end) {
    stack_.push_back(&value);
    show_here(begin, end);
    stack_.pop_back();
  }
  void show_here(std::uint32_t begin, std::uint32_t end) {
    section_on_line_ = true;
    render(begin, end);
    section_on_line_ = true;
  }

  // A newline of the template: the line ends, unless it held a shown
  // section's tag and nothing but spaces, when it goes, newline and all.
  void end_line(std::string_view newline) {
    bool blank = std::all_of(out_.begin() + static_cast<std::ptrdiff_t>(line_start_), out_.end(),
                             [](char c) { return c == ' ' || c == '\t'; });
    if (section_on_line_ && blank)
      out_.resize(line_start_);
    else
      out_.append(newline);
    line_start_ = out_.size();
    section_on_line_ = false;
  }

  // The innermost context where the whole path resolves.
  const Data* lookup(const std::vector<std::string>& path) const {
    if (path.empty()) return stack_.back();
    for (auto context = stack_.rbegin(); context != stack_.rend(); ++context) {
      const Data* value = *context;
      for (const std::string& name : path) {
        value = value->find(name);
        if (!value) break;
      }
      if (value) return value;
    }
    return nullptr;
  }

  const std::vector<Node>& nodes_;
  std::string& out_;
  std::size_t line_start_;
  bool section_on_line_ = false;
  std::vector<const Data*> stack_;
};

void Mustache::render(const Data& data, std::string& out) const {
  Renderer(nodes_, data, out).render();
}

}  // namespace construction::views
