#include "test/support/template_oracle.hpp"

#include <unistd.h>

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>
#include <stdexcept>

namespace construction::testing {

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Each line of `text` that has more than its newline, after `indentation`.
std::string indented(std::string_view text, std::string_view indentation) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t newline = text.find('\n', at);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    std::string_view line = text.substr(at, end - at);
    if (line != "\n" && line != "\r\n") out.append(indentation);
    out.append(line);
    at = end;
  }
  return out;
}

kainjow::mustache::data to_kainjow(const views::Data& value) {
  using kainjow::mustache::data;
  switch (value.type()) {
    case views::Data::Type::text:
      return data(value.text());
    case views::Data::Type::flag:
      return data(value.flag() ? data::type::bool_true : data::type::bool_false);
    case views::Data::Type::list: {
      data list(data::type::list);
      for (const views::Data& item : value.list()) list.push_back(to_kainjow(item));
      return list;
    }
    case views::Data::Type::object:
      break;
  }
  data object(data::type::object);
  for (const auto& member : value.members()) object.set(member.name, to_kainjow(member.value));
  return object;
}

}  // namespace

std::string with_partials_written_in(
    std::string_view text, const std::map<std::string, std::string, std::less<>>& templates,
    int depth) {
  if (depth > 8) throw std::runtime_error("partials nested deeper than 8: a cycle?");
  std::string out;
  std::size_t at = 0;
  for (std::size_t tag; (tag = text.find("{{>", at)) != std::string_view::npos;) {
    std::size_t end = text.find("}}", tag);
    if (end == std::string_view::npos) break;
    std::string_view name = text.substr(tag + 3, end - tag - 3);
    name.remove_prefix(std::min(name.find_first_not_of(" \t"), name.size()));
    name = name.substr(0, name.find_last_not_of(" \t") + 1);
    auto found = templates.find(name);
    std::string partial = found == templates.end()
                              ? ""
                              : with_partials_written_in(found->second, templates, depth + 1);

    std::size_t line = text.rfind('\n', tag);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::size_t after = text.find_first_not_of(" \t", end + 2);
    if (after == std::string_view::npos) after = text.size();
    bool alone =
        line >= at && is_blank(text.substr(line, tag - line)) &&
        (after == text.size() || text[after] == '\n' || text.compare(after, 2, "\r\n") == 0);
    if (alone) {
      out.append(text.substr(at, line - at));
      out.append(indented(partial, text.substr(line, tag - line)));
      at = after == text.size() ? after : text.find('\n', after) + 1;
    } else {
      out.append(text.substr(at, tag - at));
      out.append(partial);
      at = end + 2;
    }
  }
  out.append(text.substr(at));
  return out;
}

std::string without_blank_lines(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t newline = text.find('\n', at);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    std::string_view line = text.substr(at, end - at);
    if (!is_blank(line.substr(0, line.size() - (newline == std::string_view::npos ? 0 : 1))))
      out.append(line);
    at = end;
  }
  return out;
}

std::string render_with_kainjow(const std::string& text, const views::Data& data) {
  kainjow::mustache::mustache compiled(text);
  if (!compiled.is_valid())
    return "(kainjow refused the template: " + compiled.error_message() + ")";
  return compiled.render(to_kainjow(data));
}

OracleTemplates::OracleTemplates(const std::filesystem::path& dir, std::string record_file)
    : Templates(dir), record_file_(std::move(record_file)) {
  std::map<std::string, std::string, std::less<>> texts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".mustache")
      texts.emplace(views::template_name(dir, entry.path()), read_text(entry.path()));
  for (const auto& [name, text] : texts)
    texts_.emplace(name, with_partials_written_in(text, texts));
}

std::string OracleTemplates::render(std::string_view name, const views::Data& data) const {
  std::string ours = Templates::render(name, data);
  std::string theirs = render_with_kainjow(texts_.find(name)->second, data);
  std::ofstream record(record_file_, std::ios::app);
  if (without_blank_lines(ours) == without_blank_lines(theirs)) {
    record << "same " << name << "\n";
  } else {
    // Both outputs of the first few, for the test's message.
    static int differences = 0;
    std::string flat(name);  // "estimates/show": one file beside the record, not a folder
    for (char& c : flat)
      if (c == '/') c = '-';
    std::string path = record_file_ + "." + flat + "." + std::to_string(::getpid()) + "." +
                       std::to_string(++differences);
    if (differences <= 10) {
      std::ofstream(path + ".ours", std::ios::binary) << ours;
      std::ofstream(path + ".kainjow", std::ios::binary) << theirs;
    }
    record << "different " << name << " " << path << "\n";
  }
  return ours;
}

}  // namespace construction::testing
