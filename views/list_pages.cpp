#include "views/list_pages.hpp"

#include "views/format.hpp"

namespace construction::views {

sql::Page requested_page(const http::RequestContext& http, std::string_view cursor) {
  sql::Page page{std::nullopt, kListPage};
  if (auto after = whole_number(http.query_value(cursor).value_or("")); after && *after > 0)
    page.after_id = after;
  return page;
}

void set_list_pages(Data& data, const std::string& name, const ListPlace& place,
                    const sql::Page& page, bool more, std::optional<std::int64_t> last_id) {
  Data links = Object{{"anchor", std::string(place.anchor)}, {"things", std::string(place.things)}};
  bool any = false;
  if (page.after_id) {
    links["first"] = place.url;
    any = true;
  }
  if (more && last_id) {
    links["next"] = place.url + "?" + std::string(place.cursor) + "=" + std::to_string(*last_id);
    links["next_label"] = "Next " + std::to_string(page.limit) + " " + std::string(place.things);
    any = true;
  }
  if (any) data[name] = std::move(links);
}

}  // namespace construction::views
