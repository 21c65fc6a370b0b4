#include "views/mustache.hpp"

#include <catch2/catch.hpp>

using construction::views::Data;
using construction::views::List;
using construction::views::Mustache;
using construction::views::Object;
using construction::views::TemplateError;

namespace {

std::string render(std::string_view text, const Data& data) {
  std::string out;
  Mustache(text).render(data, out);
  return out;
}

}  // namespace

TEST_CASE("a variable is HTML-escaped, a triple or & one is not", "[unit]") {
  Data data = Object{{"name", R"(<script>alert('x')</script> & "q")"}};
  CHECK(render("<p>{{name}}</p>", data) ==
        "<p>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
  CHECK(render("{{{name}}}|{{& name }}", Object{{"name", "<b>"}}) == "<b>|<b>");
  CHECK(render("{{ name }}", Object{{"name", "plain text, é ü"}}) == "plain text, é ü");
}

TEST_CASE("a name not found, a flag, a list or an object renders nothing as a variable", "[unit]") {
  Data data = Object{{"flag", true}, {"rows", List{Data("a")}}, {"o", Object{{"x", "1"}}}};
  CHECK(render("[{{missing}}{{flag}}{{rows}}{{o}}]", data) == "[]");
}

TEST_CASE("a section shows for each item of a list, once for an object, a text or true", "[unit]") {
  Data data;
  Data& rows = construction::views::new_list(data, "rows", 3);
  for (const char* name : {"a", "b", "c"}) construction::views::add_row(rows)["name"] = name;
  data["title"] = "T";
  data["yes"] = true;
  data["empty"] = "";
  data["o"] = Object{{"v", "in"}};
  // Inside a section a name is found in the item, then around it.
  CHECK(render("{{#rows}}<{{name}}{{title}}>{{/rows}}", data) == "<aT><bT><cT>");
  CHECK(render("{{#yes}}y{{/yes}}{{#empty}}e{{/empty}}{{#o}}{{v}}{{/o}}", data) == "yein");
}

TEST_CASE("a section hides for false, an empty list and a missing name, and ^ is its opposite",
          "[unit]") {
  Data data = Object{{"no", false}, {"none", List{}}, {"yes", true}};
  CHECK(render("{{#no}}a{{/no}}{{#none}}b{{/none}}{{#missing}}c{{/missing}}", data) == "");
  CHECK(render("{{^no}}a{{/no}}{{^none}}b{{/none}}{{^missing}}c{{/missing}}{{^yes}}d{{/yes}}",
               data) == "abc");
}

TEST_CASE("text after a section stays outside it", "[unit]") {
  CHECK(render(R"(<a{{#current}} aria-current="page"{{/current}}>x</a>)", Object{}) == "<a>x</a>");
  CHECK(render(R"(<a{{#current}} aria-current="page"{{/current}}>x</a>)",
               Object{{"current", true}}) == R"(<a aria-current="page">x</a>)");
}

TEST_CASE(
    "a dotted name's first part is found in the innermost context that has it, the rest there",
    "[unit]") {
  Data data = Object{{"errors", Object{{"name", "Name is required"}}},
                     {"row", Object{{"errors", Object{}}}}};
  CHECK(render("{{#errors.name}}<em>{{errors.name}}</em>{{/errors.name}}", data) ==
        "<em>Name is required</em>");
  // In row, errors is row's own, which has no name: the outer errors.name
  // is not looked at (the spec's "Dotted Names - Context Precedence").
  CHECK(render("{{#row}}[{{errors.name}}]{{/row}}", data) == "[]");
  CHECK(render("{{^errors.other}}none{{/errors.other}}", data) == "none");
  CHECK(render("{{#errors}}{{.}}{{/errors}}{{#row}}{{#errors}}x{{/errors}}{{/row}}", data) == "x");
}

TEST_CASE("a line holding only a section's tag leaves no blank line, shown or hidden", "[unit]") {
  const char* text =
      "<ul>\n"
      "  {{#rows}}\n"
      "  <li>{{.}}</li>\n"
      "  {{/rows}}\n"
      "  {{^rows}}\n"
      "  <li>none</li>\n"
      "  {{/rows}}\n"
      "</ul>\n";
  CHECK(render(text, Object{{"rows", List{Data("a"), Data("b")}}}) ==
        "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  CHECK(render(text, Object{{"rows", List{}}}) == "<ul>\n  <li>none</li>\n</ul>\n");
  // A line with other text keeps its newline, and so does one with a
  // variable beside the tags, even when all of it renders as nothing.
  CHECK(render("a {{#x}}b{{/x}}\nc", Object{{"x", true}}) == "a b\nc");
  CHECK(render("  {{#x}}{{y}}{{/x}}\nc", Object{{"x", true}}) == "  \nc");
  // \r\n ends a line too.
  CHECK(render("{{#x}}\r\ny\r\n{{/x}}\r\n", Object{{"x", true}}) == "y\r\n");
}

TEST_CASE("a comment renders nothing, and a line holding only a comment goes", "[unit]") {
  CHECK(render("a{{! a comment }}b", Object{}) == "ab");
  CHECK(render("<p>\n  {{! why the next line }}\n</p>\n", Object{}) == "<p>\n</p>\n");
}

TEST_CASE("a partial renders with the same data, indented as its tag when alone on its line",
          "[unit]") {
  Mustache row("<li>{{name}}</li>\n{{#note}}\n<small>{{note}}</small>\n{{/note}}\n");
  Mustache list("<ul>\n  {{#rows}}\n  {{> row}}\n  {{/rows}}\n</ul>\n<p>{{>row}}</p>");
  list.link_partials([&row](std::string_view name) { return name == "row" ? &row : nullptr; });
  Data data = Object{{"rows", List{Object{{"name", "a"}}, Object{{"name", "b"}, {"note", "n"}}}},
                     {"name", "top"}};
  std::string out;
  list.render(data, out);
  CHECK(out ==
        "<ul>\n  <li>a</li>\n  <li>b</li>\n  <small>n</small>\n</ul>\n<p><li>top</li>\n</p>");
  // Not linked (the spec's missing partial): nothing.
  CHECK(render("[{{> row}}]", data) == "[]");
  CHECK(Mustache("{{>a}}{{#x}}{{> b }}{{/x}}{{>a}}").partial_names() ==
        std::vector<std::string>{"a", "b"});
}

TEST_CASE("a partial that includes itself without end is an error, not a crash", "[unit]") {
  Mustache loop("x{{> loop}}");
  loop.link_partials([&loop](std::string_view) { return &loop; });
  std::string out;
  CHECK_THROWS_WITH(loop.render(Object{}, out), Catch::Contains("\"loop\" nested 100 deep"));
  // Stopped by the data, it may (the spec's Recursion).
  Mustache tree("{{name}}({{#children}}{{> tree}}{{/children}})");
  tree.link_partials([&tree](std::string_view) { return &tree; });
  out.clear();
  tree.render(
      Object{{"name", "a"}, {"children", List{Object{{"name", "b"}, {"children", List{}}}}}}, out);
  CHECK(out == "a(b())");
}

TEST_CASE("delimiters change from their tag to the end of the template", "[unit]") {
  CHECK(render("{{=<% %>=}}<%name%> {{name}} <%={{ }}=%>{{name}}", Object{{"name", "x"}}) ==
        "x {{name}} x");
  CHECK(render("a\n  {{=<% %>=}}\n<%name%>\n", Object{{"name", "x"}}) == "a\nx\n");
}

TEST_CASE("a template that cannot be rendered is refused when parsed, with where", "[unit]") {
  CHECK_THROWS_WITH(Mustache("a\nb {{name"), Catch::Contains("line 2, column 3"));
  CHECK_THROWS_WITH(Mustache("{{#a}}x"), Catch::Contains("\"a\" is never closed"));
  CHECK_THROWS_WITH(Mustache("{{#a}}x{{/b}}"), Catch::Contains("closed as \"b\""));
  CHECK_THROWS_WITH(Mustache("x{{/a}}"), Catch::Contains("never opened"));
  CHECK_THROWS_WITH(Mustache("{{=<% %>}}"), Catch::Contains("not two delimiters"));
  CHECK_THROWS_AS(Mustache("{{=<%=}}"), TemplateError);
  CHECK_THROWS_AS(Mustache("{{= <% = %> =}}"), TemplateError);
  CHECK_THROWS_AS(Mustache("{{>}}"), TemplateError);
  CHECK_THROWS_AS(Mustache("{{}}"), TemplateError);
}

TEST_CASE("an object keeps the first of a name with emplace, and set replaces it", "[unit]") {
  Data data;
  data.emplace("a", "1");
  data.emplace("a", "2");
  CHECK(render("{{a}}", data) == "1");
  data.set("a", "3");
  CHECK(render("{{a}}", data) == "3");
}
