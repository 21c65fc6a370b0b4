// Our mustache renderer against kainjow's, the design card's library, on
// the data the demo's pages really render: the tests' server renders every
// template a page asks for through both (TESTSERVER_TEMPLATE_ORACLE,
// test/support/template_oracle.hpp) while this test walks the demo as its
// users would: every link and htmx GET it finds, whole and as htmx, every
// form and button posted as it stands and emptied, then the walk again
// over what the posts changed, as the owner and then as the field user.
// Every template must have been rendered, and every render the same.
#include <catch2/catch.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "operations/change_order_document.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/estimate_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/pay_application_transitions.hpp"
#include "test/support/command.hpp"
#include "test/support/page_client.hpp"
#include "test/support/signer_browser.hpp"
#include "views/templates.hpp"

using namespace construction::testing;

namespace {

using Fields = std::map<std::string, std::string>;

// One thing a user can do on a page: follow a link, or submit a form.
struct Step {
  std::string method;  // GET or POST
  std::string path;
  Fields fields;
  bool htmx = false;
  std::string target;  // HX-Target, for htmx

  // What makes two steps the same. A form's version is left out: every
  // save answers the form again with the next version, and the same form
  // posted once per version would walk on without end.
  std::string key() const {
    std::string k = method + " " + path + (htmx ? " htmx #" + target : "");
    for (const auto& [name, value] : fields)
      if (name != "version") k += " " + name + "=" + value;
    return k;
  }
};

std::string decoded(std::string s) {
  static const std::pair<std::string, std::string> kEntities[] = {{"&quot;", "\""}, {"&apos;", "'"},
                                                                  {"&#39;", "'"},   {"&lt;", "<"},
                                                                  {"&gt;", ">"},    {"&amp;", "&"}};
  for (const auto& [entity, text] : kEntities)
    for (std::size_t at; (at = s.find(entity)) != std::string::npos;)
      s.replace(at, entity.size(), text);
  return s;
}

// The value of attribute `name` in `tag` ("<input name=… …>"); nullopt when absent.
std::optional<std::string> attribute(const std::string& tag, const std::string& name) {
  for (std::size_t at = 0; (at = tag.find(name, at)) != std::string::npos; at += name.size()) {
    if (!std::isspace(static_cast<unsigned char>(tag[at - 1]))) continue;
    std::size_t after = at + name.size();
    if (after >= tag.size() || tag[after] != '=') {
      if (after < tag.size() && (std::isspace(static_cast<unsigned char>(tag[after])) ||
                                 tag[after] == '>' || tag[after] == '/'))
        return std::string();  // a boolean attribute (checked, selected)
      continue;
    }
    char quote = tag[after + 1];
    std::size_t end = tag.find(quote, after + 2);
    return decoded(tag.substr(after + 2, end - after - 2));
  }
  return std::nullopt;
}

std::string tag_name(const std::string& tag) {
  std::size_t end = tag.find_first_of(" \t\n>", 1);
  return tag.substr(1, end - 1);
}

// The tags of `html` in order, each from '<' to '>'.
std::vector<std::pair<std::size_t, std::string>> tags_of(const std::string& html) {
  std::vector<std::pair<std::size_t, std::string>> tags;
  for (std::size_t at = 0; (at = html.find('<', at)) != std::string::npos;) {
    std::size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    if (std::isalpha(static_cast<unsigned char>(html[at + 1])))
      tags.emplace_back(at, html.substr(at, end + 1 - at));
    at = end + 1;
  }
  return tags;
}

bool ours(const std::string& path) {
  return path.rfind("/", 0) == 0 && path.rfind("/static/", 0) != 0 && path != "/logout" &&
         path.find(".csv") == std::string::npos;
}

std::string target_of(const std::string& tag) {
  std::string target = attribute(tag, "hx-target").value_or("this");
  if (target == "this") return attribute(tag, "id").value_or("");
  return target.rfind("#", 0) == 0 ? target.substr(1) : "";
}

// A form's fields as the browser would send them untouched; `filled` gets
// the same with each empty one filled as a person might (its placeholder,
// or a value of its type).
Fields fields_of(const std::string& html, std::size_t begin, std::size_t end,
                 Fields* filled = nullptr) {
  Fields fields;
  auto fill = [&](const std::string& field, const std::string& tag, const std::string& type) {
    if (!filled) return;
    std::string value = fields[field];
    std::string placeholder = attribute(tag, "placeholder").value_or("");
    std::string mode = attribute(tag, "inputmode").value_or("");
    bool numeric = type == "number" || mode == "decimal" || mode == "numeric";
    bool digits = !placeholder.empty() && std::isdigit(static_cast<unsigned char>(placeholder[0]));
    if (!value.empty() || type == "search") {
    } else if (field == "number") {  // a new one for each form, the same each time it is seen
      value = "OR-" + std::to_string(std::hash<std::string>{}(html.substr(begin, 300)) % 100000);
    } else if (type == "date") {
      value = "2026-04-01";
    } else if (type == "email") {
      value = "oracle@example.com";
    } else if (digits) {  // "09-250", "1,250.00"; "0.00" is an amount, but not one an amount may be
      value = placeholder.substr(0, placeholder.find(' '));
      if (value.find_first_of("123456789") == std::string::npos) value = "2";
    } else {
      value = numeric ? "2" : placeholder.empty() ? "Oracle" : placeholder;
    }
    (*filled)[field] = value;
  };
  for (const auto& [at, tag] : tags_of(html.substr(begin, end - begin))) {
    std::string name = tag_name(tag);
    auto field = attribute(tag, "name");
    if (!field || field->empty() || *field == "csrf_token") continue;
    if (name == "input") {
      std::string type = attribute(tag, "type").value_or("text");
      if ((type == "checkbox" || type == "radio") && !attribute(tag, "checked")) continue;
      if (type == "submit") continue;
      fields[*field] = attribute(tag, "value").value_or(type == "checkbox" ? "on" : "");
      fill(*field, tag, type);
    } else if (name == "textarea") {
      std::size_t text = begin + at + tag.size();
      fields[*field] = decoded(html.substr(text, html.find("</textarea>", text) - text));
      fill(*field, tag, "text");
    } else if (name == "select") {
      std::size_t close = html.find("</select>", begin + at);
      std::optional<std::string> first;
      std::optional<std::string> chosen;
      std::string some;  // the first option with a value
      for (const auto& [o, option] : tags_of(html.substr(begin + at, close - begin - at))) {
        if (tag_name(option) != "option") continue;
        std::string value = attribute(option, "value").value_or("");
        if (!first) first = value;
        if (some.empty()) some = value;
        if (attribute(option, "selected")) chosen = value;
      }
      fields[*field] = chosen.value_or(first.value_or(""));
      if (filled) (*filled)[*field] = fields[*field].empty() ? some : fields[*field];
    }
  }
  return fields;
}

// Everything a user can do from `html`.
std::vector<Step> steps_in(const std::string& html) {
  std::vector<Step> steps;
  std::size_t form_end = 0;
  for (const auto& [at, tag] : tags_of(html)) {
    std::string name = tag_name(tag);
    auto without_fragment = [](std::string path) { return path.substr(0, path.find('#')); };
    if (name == "form") {
      form_end = html.find("</form>", at);
      Fields filled;
      Fields fields = fields_of(html, at, form_end, &filled);
      Fields emptied = fields;
      for (auto& [field, value] : emptied) value.clear();
      std::string method = attribute(tag, "method").value_or("get") == "post" ? "POST" : "GET";
      std::vector<Fields> variants = {fields};
      if (method == "POST") variants = {fields, filled, emptied};
      for (const Fields& variant : variants) {
        if (auto action = attribute(tag, "action"); action && ours(*action))
          steps.push_back({method, without_fragment(*action), variant});
        for (const char* verb : {"hx-get", "hx-post"})
          if (auto path = attribute(tag, verb); path && ours(*path))
            steps.push_back({std::string(verb) == "hx-get" ? "GET" : "POST",
                             without_fragment(*path), variant, true, target_of(tag)});
      }
      continue;
    }
    if (auto href = attribute(tag, "href"); name == "a" && href && ours(*href))
      steps.push_back({"GET", without_fragment(*href)});
    if (auto path = attribute(tag, "hx-get"); path && ours(*path))
      steps.push_back({"GET", without_fragment(*path), {}, true, target_of(tag)});
    // A button of its own posts its name and value; one in a form is the form's.
    if (auto path = attribute(tag, "hx-post"); path && ours(*path) && at > form_end) {
      Fields fields;
      if (auto field = attribute(tag, "name"))
        fields[*field] = attribute(tag, "value").value_or("");
      steps.push_back({"POST", without_fragment(*path), fields, true, target_of(tag)});
    }
  }
  return steps;
}

HttpResult take(PageClient& client, const Step& step) {
  std::map<std::string, std::string> headers;
  if (step.htmx) {
    headers["HX-Request"] = "true";
    if (!step.target.empty()) headers["HX-Target"] = step.target;
  }
  if (step.method == "POST") return client.post(step.path, step.fields, true, headers);
  std::string path = step.path;
  if (!step.fields.empty())
    path += (path.find('?') == std::string::npos ? "?" : "&") + form_encode(step.fields);
  return client.get(path, headers);
}

// A record's change of state (POST /estimates/4/approve, /tasks/5/delete):
// taken after everything else, so that a draft's lines are added and edited
// before it is sent, approved or voided.
bool is_transition(const Step& step) {
  if (step.method != "POST" || step.path.rfind("/projects/", 0) == 0) return false;
  std::size_t verb = step.path.rfind('/');
  std::string last = step.path.substr(verb + 1);
  std::size_t id = step.path.rfind('/', verb - 1);
  return last != "lines" && last != "payments" &&
         last.find_first_of("0123456789") == std::string::npos && id != std::string::npos &&
         step.path.find_first_not_of("0123456789", id + 1) == verb;
}

// Walks from `start` over every step found; posts only when `post`.
// Returns the number of requests.
int walk(PageClient& client, bool post, std::set<std::string>& taken,
         const std::vector<std::string>& start = {"/"}) {
  std::deque<Step> queue;
  std::deque<Step> later;  // what ends a record (void, delete…): after the rest
  for (const std::string& path : start) queue.push_back({"GET", path});
  int requests = 0;
  while ((!queue.empty() || !later.empty()) && requests < 5000) {
    std::deque<Step>& from = queue.empty() ? later : queue;
    Step step = from.front();
    from.pop_front();
    if ((step.method == "POST" && !post) || !taken.insert(step.key()).second) continue;
    HttpResult result = take(client, step);
    ++requests;
    INFO(step.key());
    REQUIRE(result.status != 0);
    CHECK(result.status < 500);
    for (Step& next : steps_in(result.body))
      (is_transition(next) ? later : queue).push_back(std::move(next));
    // Where the server sends the browser: a 303, or htmx's HX-Location
    // (a path, or JSON with one).
    std::string location = result.status == 303 ? result.header("location") : "";
    if (std::string hx = result.header("hx-location"); !hx.empty()) {
      location = hx;
      if (auto at = hx.find("\"path\":\""); at != std::string::npos)
        location = hx.substr(at + 8, hx.find('"', at + 8) - at - 8);
    }
    if (!result.header("hx-redirect").empty()) location = result.header("hx-redirect");
    if (ours(location)) queue.push_back({"GET", location});
  }
  return requests;
}

std::set<std::string> template_names() {
  std::set<std::string> names;
  std::filesystem::path dir = std::filesystem::path(CONSTRUCTION_SOURCE_DIR) / "views/templates";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".mustache")
      names.insert(construction::views::template_name(dir, entry.path()));
  return names;
}

// The templates a template includes ({{> name}}).
std::set<std::string> partials_of(const std::string& name) {
  std::ifstream in(std::filesystem::path(CONSTRUCTION_SOURCE_DIR) / "views/templates" /
                   (name + ".mustache"));
  std::stringstream text;
  text << in.rdbuf();
  std::string t = text.str();
  std::set<std::string> partials;
  for (std::size_t at = 0; (at = t.find("{{>", at)) != std::string::npos; at += 3) {
    std::size_t end = t.find("}}", at);
    std::string partial = t.substr(at + 3, end - at - 3);
    partial.erase(0, partial.find_first_not_of(" \t"));
    partial.erase(partial.find_last_not_of(" \t") + 1);
    partials.insert(partial);
  }
  return partials;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first line where two outputs part, for the failure's message.
std::string first_difference(const std::string& ours, const std::string& theirs) {
  std::istringstream a(ours), b(theirs);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "(only in blank lines)";
    if (la != lb || more_a != more_b)
      return "line " + std::to_string(line) + "\n  ours:    " + (more_a ? la : "(end)") +
             "\n  kainjow: " + (more_b ? lb : "(end)");
  }
}

}  // namespace

// The signer's pages (/sign), which only a signature request's email opens:
// a new change order of the demo's and its pay application waiting, each
// sent for signature in the test process. A signer of each opens the link
// and continues; the change order's asks for a code twice (the second too
// soon), posts a form with a forged token, types the code, consents and
// approves; and a link that is no good. Returns the requests made.
int signer_walk(const ScratchDatabase& db, int port) {
  namespace ops = construction::operations;
  namespace domain = construction::domain;
  std::int64_t org =
      std::stoll(db.scalar("SELECT org_id FROM users WHERE email = 'demo@example.com'"));
  std::int64_t user =
      std::stoll(db.scalar("SELECT id FROM users WHERE email = 'demo@example.com'"));
  std::string org_text = std::to_string(org);
  construction::sql::Connection c = db.connect();
  std::int64_t project = std::stoll(
      db.scalar("SELECT id FROM projects WHERE org_id = " + org_text + " ORDER BY id LIMIT 1"));
  auto order = ops::create_change_order(c, org, project, [] {
    ops::NewChangeOrder fresh;
    fresh.fields = {"", "Added outlets", "Owner request", 0};
    fresh.lines.push_back(
        ops::price_line_fields({"26-100", "subcontract", "Outlets", "9", "ea", 55000, 0, false}, 1,
                               domain::UnitCostSign::credit_allowed)
            .value());
    return fresh;
  });
  ops::transition_change_order(c, org, order.order.id, domain::ChangeOrderAction::submit);
  // The pay application: one waiting already, a draft submitted, or the
  // next one of the project billed last.
  std::string pay = db.scalar("SELECT id FROM pay_applications WHERE org_id = " + org_text +
                              " AND status IN ('draft', 'submitted') ORDER BY id LIMIT 1");
  if (pay.empty()) {
    std::int64_t billed =
        std::stoll(db.scalar("SELECT project_id FROM pay_applications WHERE org_id = " + org_text +
                             " ORDER BY id DESC LIMIT 1"));
    auto next =
        db.scalar("SELECT (max(period_to) + 30)::text FROM pay_applications WHERE project_id = " +
                  std::to_string(billed));
    pay = std::to_string(ops::create_pay_application(c, org, billed, [&] {
                           return *domain::parse_date(next);
                         }).application.id);
  }
  if (db.scalar("SELECT status FROM pay_applications WHERE id = " + pay) == "draft")
    ops::transition_pay_application(c, org, std::stoll(pay), domain::PayApplicationAction::submit);

  const domain::SignerInput owner{"Owen Owner", "owen@owner.example", "owner"};
  const domain::SignerInput architect{"Ada Architect", "ada@architect.example", "architect"};
  auto co = send_for_signature(db, org, user, domain::SignedDocumentKind::change_order,
                               order.order.id, {owner});
  auto pa = send_for_signature(db, org, user, domain::SignedDocumentKind::pay_application,
                               std::stoll(pay), {architect});
  std::string link = sign_path(co.links.at(0));
  SignerBrowser signer{port};
  CHECK(signer.get(link).status == 200);
  CHECK(signer.post(link).status == 303);
  CHECK(signer.get(link + "/document").status == 200);
  CHECK(signer.post(link + "/code").status == 303);
  CHECK(signer.post(link + "/code").status == 429);
  CHECK(signer.post(link + "/code/check", {{"code", "12"}}).status == 422);
  CHECK(signer.post(link + "/code/check", {{"csrf_token", "forged"}}).status == 403);
  CHECK(signer.post(link + "/code/check", {{"code", queued_code(db, owner.email)}}).status == 303);
  CHECK(signer.get(link + "/document").status == 200);
  CHECK(signer.post(link + "/consent", {{"consent_version", "2026-12-05"}, {"agree", "yes"}})
            .status == 303);
  CHECK(signer.get(link + "/document").status == 200);
  CHECK(signer.post(link + "/approve", {{"typed_name", "Owen Owner"}}).status == 200);
  CHECK(signer.get(link).status == 404);
  SignerBrowser architect_browser{port};
  std::string pay_link = sign_path(pa.links.at(0));
  CHECK(architect_browser.post(pay_link).status == 303);
  CHECK(architect_browser.get(pay_link + "/document").status == 200);
  return 2;
}

TEST_CASE("every template renders the demo's pages byte for byte as kainjow's mustache does",
          "[process]") {
  ScratchDatabase db;
  std::string dir = make_temp_dir("oracle");
  std::string record = dir + "/renders";
  ServerProcess server(ServerOptions{.args = {"-w", "1"},
                                     .env = {{"DATABASE_URL", db.url()},
                                             {"APP_ENV", "development"},
                                             {"SECRET_KEY", kPageSecretKey},
                                             {"TESTSERVER_DATABASE", "1"},
                                             {"TESTSERVER_TEMPLATE_ORACLE", record}}});
  CommandResult seed = run_command({CONSTRUCTION_BINARY, "seed-demo"}, {{"DATABASE_URL", db.url()}},
                                   make_temp_dir("seed"));
  INFO(seed.out << seed.err);
  REQUIRE(seed.status == 0);

  PageClient visitor(server.port());
  CHECK(visitor.get("/login").status == 200);
  CHECK(visitor.post("/login", {{"email", "demo@example.com"}, {"password", "wrong"}}).status <
        500);

  // The demo as seeded, every page; then, from the two pages no link leads
  // to yet (a new commitment, a new vendor bill: the Budget tab has their
  // forms' twins) for every project, everything posted; then every page
  // again as the posts left them; then the field user's walk, posts too.
  std::set<std::string> taken;
  PageClient owner(server.port());
  REQUIRE(owner.log_in("demo@example.com", "demo"));
  int seeded = walk(owner, false, taken);
  std::vector<std::string> unlinked;
  for (const std::string& key : taken)
    if (key.rfind("GET /projects/", 0) == 0 &&
        key.find_first_not_of("0123456789", 14) == std::string::npos)
      for (const char* page : {"/commitments/new", "/vendor-bills/new"})
        unlinked.push_back(key.substr(4) + page);
  REQUIRE(!unlinked.empty());
  taken.clear();
  int posted = walk(owner, true, taken, unlinked);
  taken.clear();
  int again = walk(owner, false, taken);
  PageClient field(server.port());
  REQUIRE(field.log_in("field@example.com", "demo"));
  taken.clear();
  int field_walk = walk(field, true, taken);
  // A visitor's walk from the log-in page (the reset form, asked for an
  // address nobody has); then the pages only an emailed link opens: an
  // invitation and a reset of the owner's, each link read from the outbox,
  // and a link that is no good.
  taken.clear();
  int visitor_walk = walk(visitor, true, taken, {"/login"});
  auto mailed_link = [&](const std::string& email) {
    std::string body = db.scalar("SELECT text_body FROM messages WHERE to_addresses[1] = '" +
                                 email + "' ORDER BY id DESC LIMIT 1");
    auto at = body.find("http://localhost:8000/");
    REQUIRE(at != std::string::npos);
    at += std::string("http://localhost:8000").size();
    return body.substr(at, body.find_first_of(" \n", at) - at);
  };
  REQUIRE(owner.post("/account/invitations", {{"email", "invited@example.com"}, {"role", "field"}})
              .status == 303);
  CHECK(visitor.get(mailed_link("invited@example.com")).status == 200);
  REQUIRE(visitor.post("/password-reset", {{"email", "demo@example.com"}}).status == 200);
  CHECK(visitor.get(mailed_link("demo@example.com")).status == 200);
  CHECK(visitor.get("/invitations/no-such-link").status == 404);
  CHECK(visitor.get("/password-reset/no-such-link").status == 404);
  int signing = signer_walk(db, server.port());
  // /verify: its form, and a post without a file (its message).
  CHECK(visitor.get("/verify").status == 200);
  CHECK(visitor.post("/verify", {}).status == 422);
  WARN(seeded << " + " << posted << " + " << again << " + " << field_walk << " + " << visitor_walk
              << " requests, " << signing << " signature requests");

  std::map<std::string, int> renders;
  std::vector<std::string> differences;
  std::istringstream lines(read_all(record));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string verdict, name, path;
    words >> verdict >> name >> path;
    ++renders[name];
    if (verdict == "different") differences.push_back(name + " " + path);
  }
  std::string shown;
  for (std::size_t i = 0; i < differences.size() && i < 5; ++i) {
    std::string path = differences[i].substr(differences[i].find(' ') + 1);
    shown += "\n" + differences[i] + ": first difference at " +
             first_difference(read_all(path + ".ours"), read_all(path + ".kainjow"));
  }
  std::size_t total = 0;
  for (const auto& [name, count] : renders) total += count;
  WARN(total << " renders of " << renders.size() << " templates");
  INFO(differences.size() << " renders differ from kainjow's (the first five):" << shown);
  CHECK(differences.empty());
  if (differences.empty()) std::filesystem::remove_all(dir);

  std::set<std::string> covered;
  std::deque<std::string> queue;
  for (const auto& [name, count] : renders) queue.push_back(name);
  while (!queue.empty()) {
    std::string name = queue.front();
    queue.pop_front();
    if (!covered.insert(name).second) continue;
    for (const std::string& partial : partials_of(name)) queue.push_back(partial);
  }
  std::string never;
  for (const std::string& name : template_names())
    if (!covered.count(name)) never += " " + name;
  INFO("templates never rendered:" << never);
  CHECK(never.empty());
}
