// The renderer alone (views/mustache.hpp), on the 50-row projects page: its
// rows (projects/rows), the page (projects/index) and the layout around it
// (layout/page; before the templates had a folder per resource,
// project_rows, projects and layout), with
// the data the page handler builds. Renders the three `N` times (argv[2])
// with the templates of folder argv[1]; bench/mustache.sh runs it under
// callgrind for the instructions of one page, and without for the time.
// Only the parts of the API every version of the renderer has: Mustache,
// render, Data.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "views/mustache.hpp"

using construction::views::add_row;
using construction::views::Data;
using construction::views::List;
using construction::views::Mustache;
using construction::views::new_list;
using construction::views::Object;

namespace {

// `name`, or `old_name` in a revision from before the folders.
Mustache load(const std::string& dir, const std::string& name, const std::string& old_name) {
  std::ifstream in(dir + "/" + name + ".mustache", std::ios::binary);
  if (!in) in.open(dir + "/" + old_name + ".mustache", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return Mustache(text.str());
}

Data rows_data() {
  Data data;
  Data& rows = new_list(data, "projects", 50);
  for (int i = 0; i < 50; ++i) {
    Data& row = add_row(rows);
    row["id"] = std::to_string(1000 + i);
    row["number"] = "2026-" + std::to_string(100 + i);
    row["name"] = "Office fit-out, floor " + std::to_string(i) + " & lobby";
    row["status"] = "Active";
    row["start"] = "Mar 2, 2026";
    row["contract_sum"] = "$1,234,567.89";
  }
  data["more"] = true;
  return data;
}

List statuses() {
  List list;
  for (const char* s : {"Bidding", "Active", "On hold", "Completed", "Cancelled"})
    list.push_back(Object{{"value", s}, {"label", s}});
  return list;
}

Data layout_data(std::string main) {
  List nav;
  for (const char* label : {"Dashboard", "Projects", "Parties"})
    nav.push_back(Object{{"href", "/"}, {"label", label}});
  nav[1]["current"] = true;
  return Object{{"title", "Projects"},
                {"favicon", "/static/favicon.svg?v=0123456789abcdef"},
                {"pico_css", "/static/pico.min.css?v=0123456789abcdef"},
                {"app_css", "/static/app.css?v=0123456789abcdef"},
                {"htmx_js", "/static/htmx.min.js?v=0123456789abcdef"},
                {"csrf", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo"},
                {"org_name", "Demo Builders"},
                {"user_name", "Dana Whitfield"},
                {"logged_in", true},
                {"nav", std::move(nav)},
                {"main", std::move(main)}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s TEMPLATES_DIR N\n", argv[0]);
    return 2;
  }
  Mustache rows = load(argv[1], "projects/rows", "project_rows");
  Mustache page = load(argv[1], "projects/index", "projects");
  Mustache layout = load(argv[1], "layout/page", "layout");
  Data data = rows_data();
  long n = std::stol(argv[2]);
  std::size_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) {
    std::string html;
    html.reserve(16384);
    rows.render(data, html);
    Data page_data = Object{{"q", ""}, {"statuses", statuses()}, {"rows", std::move(html)}};
    std::string main;
    main.reserve(16384);
    page.render(page_data, main);
    std::string out;
    out.reserve(16384);
    layout.render(layout_data(std::move(main)), out);
    bytes = out.size();
  }
  auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start);
  std::printf("%zu bytes a page, %.0f ns a page\n", bytes, n ? ns.count() / n : 0.0);
}
