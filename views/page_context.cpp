#include "views/page_context.hpp"

#include <charconv>

namespace construction::views {

namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// Each item shows only to a role its page lets in: a field user is never
// offered a page that answers 403.
struct NavItem {
  const char* href;
  const char* label;
  domain::Permission permission;
};
constexpr NavItem kNav[] = {{"/", "Dashboard", domain::Permission::read_projects},
                            {"/projects", "Projects", domain::Permission::read_projects},
                            {"/parties", "Parties", domain::Permission::read_commercial},
                            {"/account", "Account", domain::Permission::read_projects}};

Data navigation(std::string_view path, domain::Role role) {
  List items;
  for (const NavItem& item : kNav) {
    if (!domain::allows(role, item.permission)) continue;
    std::string_view href = item.href;
    bool current = href == "/" ? path == "/" : path.starts_with(href);
    Object entry{{"href", std::string(href)}, {"label", std::string(item.label)}};
    if (current) entry["current"] = true;
    items.push_back(entry);
  }
  return items;
}

}  // namespace

void PageContext::start_session(const sql::UserRecord& user) {
  session = views.keys.start(user.id, user.org_id, user.session_epoch, session.last_seen);
  session_changed = true;
  csrf_.clear();
}

void PageContext::start_anonymous_session() {
  session = views.keys.start(0, 0, 0, session.last_seen);
  session_changed = true;
  csrf_.clear();
}

void PageContext::set_cookie(std::string_view name, std::string_view value,
                             std::optional<std::int64_t> max_age) {
  std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=/";
  if (max_age) cookie += "; Max-Age=" + std::to_string(*max_age);
  cookie += "; HttpOnly; SameSite=Lax";
  if (!views.development || http.scheme == "https") cookie += "; Secure";
  cookies.push_back(std::move(cookie));
}

const std::string& PageContext::csrf() const {
  if (csrf_.empty()) csrf_ = views.keys.csrf_token(session);
  return csrf_;
}

bool PageContext::may(domain::Permission permission) const {
  return user && domain::allows(role, permission);
}

std::string PageContext::field(std::string_view name) const {
  auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

http::Response PageContext::page(const std::string& title, const std::string& main,
                                 unsigned status) const {
  Data data;
  data["title"] = title;
  data["main"] = main;
  if (!flash.empty()) data["flash"] = flash;
  if (hx) return http::html_response(status, render("layout/fragment", data));
  data.set("csrf", csrf());
  data.set("favicon", views.assets.url("favicon.svg"));
  data.set("pico_css", views.assets.url("pico.min.css"));
  data.set("app_css", views.assets.url("app.css"));
  data.set("htmx_js", views.assets.url("htmx.min.js"));
  if (user) {
    data.set("logged_in", true);
    data.set("user_name", user->name.empty() ? user->email : user->name);
    data.set("org_name", org_name);
    data.set("nav", navigation(http.path, role));
  }
  return http::html_response(status, render("layout/page", data));
}

http::Response PageContext::fragment(const std::string& html, unsigned status) const {
  return http::html_response(status, html);
}

http::Response PageContext::redirect(const std::string& location, const std::string& message) {
  if (!message.empty()) set_cookie("flash", percent_encode(message));
  if (hx) {
    http::Response res = http::html_response(200, {});
    // htmx loads the page into <main> and pushes its URL, as a link would.
    res.set("HX-Location", R"({"path":")" + location + R"(","target":"#main"})");
    return res;
  }
  http::Response res = http::html_response(303, {});
  res.set(http::Field::location, location);
  return res;
}

std::string PageContext::flash_oob(const std::string& message) const {
  return render("layout/flash", Object{{"flash", message}});
}

std::optional<std::int64_t> path_number(const http::RequestContext& ctx, std::string_view name) {
  auto text = ctx.param(name);
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace construction::views
