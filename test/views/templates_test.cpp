// The templates' folder: each template parsed once, a partial found by its
// file's name, and a partial that names no template refused at boot.
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

TEST_CASE("a partial that names no template stops the boot, naming both", "[unit]") {
  Folder folder;
  folder.write("page.mustache", "{{#rows}}{{> rwo}}{{/rows}}");
  folder.write("row.mustache", "<p>{{name}}</p>\n");
  CHECK_THROWS_AS(Templates(folder.path), TemplateError);
  CHECK_THROWS_WITH(Templates(folder.path),
                    Catch::Contains("page.mustache") && Catch::Contains("partial \"rwo\""));
}
