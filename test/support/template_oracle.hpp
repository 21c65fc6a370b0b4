// kainjow's mustache (the design card's library) as the oracle of ours
// (views/mustache.hpp). The tests' server, asked with
// TESTSERVER_TEMPLATE_ORACLE=FILE, renders every template a page asks for
// through both and appends one line per render to FILE:
//
//   same NAME
//   different NAME PATH      (PATH.ours and PATH.kainjow: both outputs, for
//                            the first ten differences)
//
// test/views/mustache_oracle_proctest.cpp walks the demo's pages and reads
// the file. kainjow 4.1 keeps some blank lines the spec removes (a hidden
// section's or a comment's standalone line) and removes some it keeps, and it
// does not indent partials: the outputs are compared with their blank lines
// (nothing but spaces) left out, and kainjow gets each template with its
// partials written in, indented as the spec says.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "views/templates.hpp"

namespace construction::testing {

class OracleTemplates : public views::Templates {
 public:
  OracleTemplates(const std::filesystem::path& dir, std::string record_file);
  std::string render(std::string_view name, const views::Data& data) const override;

 private:
  std::map<std::string, std::string, std::less<>> texts_;  // for kainjow, partials written in
  std::string record_file_;
};

// `text` with each {{> name}} replaced by the template of that name, a
// standalone one indented as its tag (default delimiters only).
std::string with_partials_written_in(
    std::string_view text, const std::map<std::string, std::string, std::less<>>& templates,
    int depth = 0);
// `text` without its lines of nothing but spaces and tabs.
std::string without_blank_lines(std::string_view text);
std::string render_with_kainjow(const std::string& text, const views::Data& data);

}  // namespace construction::testing
