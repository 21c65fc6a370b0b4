// /parties: the organisation's clients, subcontractors, vendors and
// architects, with a kind filter and a live search by name, and a form to
// add one.
#include <array>

#include "operations/projects.hpp"
#include "operations/refusal.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/list_pages.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

// The form's order of kinds: the client first, as it is the kind most added.
constexpr std::array kKinds = {domain::PartyKind::client, domain::PartyKind::subcontractor,
                               domain::PartyKind::vendor, domain::PartyKind::architect};

List kind_options(std::string_view selected) {
  List options;
  for (domain::PartyKind kind : kKinds) {
    std::string_view name = domain::to_string(kind);
    Object option{{"value", std::string(name)}, {"label", label(kind)}};
    if (name == selected) option["selected"] = true;
    options.push_back(option);
  }
  return options;
}

// The form's fields, as typed values; a kind the product does not know is
// noted in `unread` with the operation's other refusals.
sql::PartyFields party_fields(const PageContext& page, domain::FieldErrors& unread) {
  sql::PartyFields fields{domain::PartyKind::client, page.field("name"), page.field("email"),
                          page.field("phone"), page.field("address")};
  if (auto kind = domain::read_name(page.field("kind"), domain::parse_party_kind,
                                    domain::party_kind_names(), "kind", unread))
    fields.kind = *kind;
  return fields;
}

Data party_data(const PageContext& page, const sql::PartyRecord& p) {
  Data data = Object{{"id", std::to_string(p.id)},
                     {"name", p.fields.name},
                     {"kind", label(p.fields.kind)},
                     {"email", p.fields.email},
                     {"phone", p.fields.phone}};
  if (page.may(domain::Permission::write_projects)) data.set("can_write", true);
  return data;
}

std::string party_rows(PageContext& page, const sql::PartyFilter& filter) {
  sql::Page listed = requested_page(page.http, "after");
  auto parties = sql::list_parties(page.db, page.org_id(), filter, listed);
  std::string rows;
  for (const auto& p : parties.rows) rows += page.render("parties/row", party_data(page, p));
  Data data = Object{{"q", filter.name_contains.value_or("")}, {"kind", filter.kind.value_or("")}};
  set_text(data, "rows", rows);
  if (filter.kind || filter.name_contains) data.set("filtered", true);
  // The next page is the parties after this one's last, the same search and
  // kind; from the second page on, the first is a click away.
  if (listed.after_id) data.set("paged", true);
  if (parties.more)
    data.set("more", Object{{"after", std::to_string(parties.rows.back().id)},
                            {"count", std::to_string(listed.limit)}});
  if (listed.after_id || parties.more) data.set("pages", true);
  return page.render("parties/rows", data);
}

std::string party_form(PageContext& page, const domain::FieldErrors& errors) {
  std::string kind = page.field("kind");
  Data data = Object{{"csrf", page.csrf()},
                     {"kinds", kind_options(kind.empty() ? std::string("client") : kind)},
                     {"name", page.field("name")},
                     {"email", page.field("email")},
                     {"phone", page.field("phone")},
                     {"address", page.field("address")},
                     {"errors", error_data(errors)}};
  if (!errors.empty()) data.set("open", true);
  return page.render("parties/form", data);
}

http::Response parties_page(PageContext& page, unsigned status) {
  sql::PartyFilter filter;
  auto q = page.http.query_value("q");
  auto kind = page.http.query_value("kind");
  if (q && !q->empty()) filter.name_contains = q->substr(0, 200);
  if (kind && !kind->empty()) filter.kind = kind->substr(0, 50);
  std::string rows = party_rows(page, filter);
  if (page.hx && page.hx_target == "party-rows") return page.fragment(rows);
  Data data = Object{{"q", filter.name_contains.value_or("")},
                     {"kinds", kind_options(filter.kind.value_or(""))},
                     {"rows", rows}};
  if (page.may(domain::Permission::write_projects)) data.set("form", party_form(page, {}));
  return page.page("Parties", page.render("parties/index", data), status);
}

http::Response list(PageContext& page) {
  return parties_page(page, 200);
}

http::Response create(PageContext& page) {
  domain::FieldErrors unread;
  sql::PartyFields fields = party_fields(page, unread);
  auto submit = [&] {
    auto party = operations::create_party(page.db, page.org_id(), fields, unread);
    return page.redirect("/parties",
                         label(party.fields.kind) + " " + party.fields.name + " added.");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return page.fragment(party_form(page, errors), 422);
                     }});
}

sql::PartyRecord find_party(PageContext& page) {
  auto id = path_number(page.http, "id");
  std::optional<sql::PartyRecord> party;
  if (id) party = sql::find_party(page.db, page.org_id(), *id);
  if (!party) throw operations::not_found();
  return *party;
}

// The row as a form: the stored fields, or what was typed with its errors;
// `stale`: the message over a stored party someone else changed.
std::string edit_row(PageContext& page, const sql::PartyRecord& party,
                     const domain::FieldErrors& errors, const std::string& stale = {}) {
  bool typed = !errors.empty();
  auto value = [&](std::string_view name, const std::string& stored) {
    return typed ? page.field(name) : stored;
  };
  Data data =
      Object{{"id", std::to_string(party.id)},
             {"version", typed ? page.field("version") : std::to_string(party.version)},
             {"csrf", page.csrf()},
             {"kinds", kind_options(value("kind", std::string(to_string(party.fields.kind))))},
             {"name", value("name", party.fields.name)},
             {"email", value("email", party.fields.email)},
             {"phone", value("phone", party.fields.phone)},
             {"address", value("address", party.fields.address)},
             {"errors", error_data(errors)}};
  set_text(data, "stale", stale);
  return page.render("parties/edit", data);
}

http::Response show_row(PageContext& page) {
  sql::PartyRecord party = find_party(page);
  if (!page.hx) return page.redirect("/parties");
  return page.fragment(page.render("parties/row", party_data(page, party)));
}

http::Response edit(PageContext& page) {
  sql::PartyRecord party = find_party(page);
  if (!page.hx) return page.redirect("/parties");
  return page.fragment(edit_row(page, party, {}));
}

http::Response save(PageContext& page) {
  sql::PartyRecord party = find_party(page);
  domain::FieldErrors unread;
  sql::PartyFields fields = party_fields(page, unread);
  auto submit = [&] {
    sql::PartyRecord saved = operations::change_party(page.db, page.org_id(), party.id,
                                                      form_version(page), fields, unread);
    std::string message = label(saved.fields.kind) + " " + saved.fields.name + " saved.";
    if (!page.hx) return page.redirect("/parties", message);
    return page.fragment(page.render("parties/row", party_data(page, saved)) + "<template>" +
                         page.flash_oob(message) + "</template>");
  };
  return submit_form(submit, {.invalid =
                                  [&](const domain::FieldErrors& errors) {
                                    return page.fragment(edit_row(page, party, errors), 422);
                                  },
                              .stale =
                                  [&] {
                                    return stale_row(
                                        page, "party",
                                        [&](const std::string& message) {
                                          return edit_row(page, find_party(page), {}, message);
                                        },
                                        [&] { return parties_page(page, 409); });
                                  }});
}

// GET /parties/choices?kind=client&client_search=Smi: the new project form's
// client (or architect) select, of the parties of that kind whose name holds
// what was typed, for its search-as-you-type box. htmx replaces the select
// whole, its options and the chosen one together. The first kListPage by id;
// one match alone is chosen.
http::Response choices(PageContext& page) {
  std::string kind = page.http.query_value("kind").value_or("");
  auto read = domain::parse_party_kind(kind);
  if (!read || (*read != domain::PartyKind::client && *read != domain::PartyKind::architect))
    throw operations::not_found();
  sql::PartyFilter filter{kind, std::nullopt};
  if (auto q = page.http.query_value(kind + "_search"); q && !domain::is_blank(*q))
    filter.name_contains = q->substr(0, 200);
  auto parties = sql::fetch(
      page.db, sql::parties_query(page.org_id(), filter, sql::Page{std::nullopt, kListPage}));
  List options;
  for (const auto& p : parties.rows) {
    Object option{{"value", std::to_string(p.id)}, {"label", p.fields.name}};
    if (parties.rows.size() == 1 && filter.name_contains) option["selected"] = true;
    options.push_back(std::move(option));
  }
  Data data = Object{{"options", std::move(options)},
                     {"kind", kind},
                     {"none", *read == domain::PartyKind::client ? "No client yet" : "None"}};
  if (parties.more) data.set("more", true);
  if (filter.name_contains && parties.rows.empty()) data.set("no_match", true);
  return page.fragment(page.render("parties/choices", data));
}

}  // namespace

void add_party_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/parties/choices", kWriteProjects, choices,
             "The new project form's client or architect options matching what was typed");
  routes.add(http::Verb::get, "/parties", kCommercial, list,
             "Clients, subcontractors, vendors, architects: filter, search, add");
  routes.add(http::Verb::post, "/parties", kWriteProjects, create, "Add a party");
  routes.add(http::Verb::get, "/parties/{id}", kCommercial, show_row, "One party's row");
  routes.add(http::Verb::get, "/parties/{id}/edit", kWriteProjects, edit,
             "One party's row as a form");
  routes.add(http::Verb::post, "/parties/{id}", kWriteProjects, save, "Save a changed party");
}

}  // namespace construction::views
