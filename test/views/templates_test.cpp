// The templates' folder: each template parsed once, named by its path below
// the folder ("estimates/show"), a partial found by that name, and a partial
// that names no template refused at boot.
#include "views/templates.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using construction::views::Object;
using construction::views::TemplateError;
using construction::views::Templates;

namespace {

struct Folder {
  Folder() { std::filesystem::create_directories(path); }
  ~Folder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("templates-test-" + std::to_string(::getpid()));
};

}  // namespace

TEST_CASE("a template includes another of its folder by the file's name", "[unit]") {
  Folder folder;
  folder.write("page.mustache", "<main>\n  {{> row }}\n</main>\n");
  folder.write("row.mustache", "<p>{{name}}</p>\n");
  folder.write("notes.txt", "{{> not a template}}");
  Templates templates(folder.path);
  CHECK(templates.render("page", Object{{"name", "x"}}) == "<main>\n  <p>x</p>\n</main>\n");
}

TEST_CASE("a template in a resource's folder is named by its path and includes a shared one",
          "[unit]") {
  Folder folder;
  folder.write("estimates/show.mustache", "<main>\n{{> shared/row}}\n</main>\n");
  folder.write("shared/row.mustache", "<p>{{name}}</p>\n");
  Templates templates(folder.path);
  CHECK(templates.render("estimates/show", Object{{"name", "x"}}) == "<main>\n<p>x</p>\n</main>\n");
  CHECK(templates.render("shared/row", Object{{"name", "y"}}) == "<p>y</p>\n");
  CHECK_THROWS_AS(templates.render("show", Object{}), std::out_of_range);
}

TEST_CASE("a partial that names no template stops the boot, naming both", "[unit]") {
  Folder folder;
  folder.write("page.mustache", "{{#rows}}{{> rwo}}{{/rows}}");
  folder.write("row.mustache", "<p>{{name}}</p>\n");
  CHECK_THROWS_AS(Templates(folder.path), TemplateError);
  CHECK_THROWS_WITH(Templates(folder.path),
                    Catch::Contains("page.mustache") && Catch::Contains("partial \"rwo\""));
}
