// /commitments/{id}: the subcontract and purchase order editor, the change
// order editor's twin (views/amount_line_form.hpp): amount lines added,
// edited in place and deleted with htmx, the amount, billed and remaining
// figures re-rendered out of band after each change. Approve / close / void
// show only where domain/commitment.hpp allows them; a refusal (approving
// without lines, voiding with bills against it) is a 409 page with the
// operation's message. POST /projects/{id}/commitments makes a draft from
// the Budget tab's form (or /projects/{id}/commitments/new) and goes to it.
#include <iterator>

#include "domain/commitment.hpp"
#include "operations/commitment_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/action_buttons.hpp"
#include "views/amount_line_form.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/payee_options.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

using domain::CommitmentAction;
using operations::CommitmentDocument;

bool editable(const PageContext& page, const sql::CommitmentRecord& commitment) {
  return !domain::refuse_edit(commitment.status) && page.may(domain::Permission::write_commercial);
}

std::string totals(const PageContext& page, const sql::CommitmentRecord& c, bool oob) {
  Data data = Object{{"amount", money(c.amount_cents)},
                     {"billed", money(c.billed_cents)},
                     {"remaining", money(c.amount_cents - c.billed_cents)}};
  if (oob) data.set("oob", true);
  return page.render("commitments/totals", data);
}

AmountLineDocument lines_of(const PageContext& page, CommitmentDocument document) {
  return {"/commitments/" + std::to_string(document.commitment.id),
          editable(page, document.commitment), std::move(document.lines),
          totals(page, document.commitment, true)};
}

// The line routes (defined below the editor they fall back to).
const AmountLineRoutes& line_routes();

List actions(const PageContext& page, const sql::CommitmentRecord& commitment) {
  if (!page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<CommitmentAction> buttons[] = {
      {CommitmentAction::approve, "Approve", "", ""},
      {CommitmentAction::close, "Close", "secondary", "Close it? No more bills against it."},
      {CommitmentAction::void_, "Void", "outline contrast", "Void this commitment?"}};
  return action_buttons(commitment.status, buttons,
                        "/commitments/" + std::to_string(commitment.id));
}

http::Response editor(PageContext& page, std::int64_t id, bool typed,
                      const domain::FieldErrors& errors, unsigned status) {
  CommitmentDocument document = operations::load_commitment(page.db, page.org_id(), id);
  const sql::CommitmentRecord c = document.commitment;
  auto project = sql::find_project(page.db, page.org_id(), c.project_id);
  if (!project) throw operations::not_found();
  auto party = sql::find_party(page.db, page.org_id(), c.fields.party_id);
  AmountLineDocument lines = lines_of(page, std::move(document));
  Data data = Object{{"id", std::to_string(c.id)},
                     {"number", c.fields.number},
                     {"title", c.fields.title},
                     {"kind", label(c.fields.kind)},
                     {"party", party ? party->fields.name : std::string()},
                     {"status", std::string(to_string(c.status))},
                     {"status_label", status_label(to_string(c.status))},
                     {"retainage", rate(c.fields.retainage_bps)},
                     {"project_id", std::to_string(project->id)},
                     {"project", project->fields.number + " · " + project->fields.name},
                     {"created", date(c.created_at)},
                     {"csrf", page.csrf()},
                     {"actions", actions(page, c)},
                     {"totals", totals(page, c, false)},
                     {"rows", amount_line_rows(page, line_routes(), lines)}};
  if (c.approved_at) data.set("approved", date(*c.approved_at));
  if (lines.editable) data.set("add_form", amount_add_form(page, lines, typed, errors, false));
  return page.page(c.fields.number + " " + c.fields.title, page.render("commitments/show", data),
                   status);
}

http::Response show(PageContext& page) {
  return editor(page, id_in_path(page, "id"), false, {}, 200);
}

const AmountLineRoutes& line_routes() {
  static const AmountLineRoutes routes{
      domain::AmountSign::positive,
      "Add the first below: what the subcontract or order covers, by cost code.",
      [](PageContext& page, std::int64_t id) {
        return lines_of(page, operations::load_commitment(page.db, page.org_id(), id));
      },
      [](PageContext& page, std::int64_t id, const operations::AmountLineEdit& edit) {
        operations::add_commitment_line(page.db, page.org_id(), id, edit);
      },
      [](PageContext& page, std::int64_t id, std::int64_t line_id,
         std::optional<int> expected_version, const operations::AmountLineEdit& edit) {
        operations::change_commitment_line(page.db, page.org_id(), id, line_id, expected_version,
                                           edit);
      },
      [](PageContext& page, std::int64_t id, std::int64_t line_id) {
        operations::remove_commitment_line(page.db, page.org_id(), id, line_id);
      },
      editor};
  return routes;
}

// ---- a new commitment

http::Response new_form(PageContext& page, const sql::ProjectRecord& project, bool typed,
                        const domain::FieldErrors& errors, unsigned status) {
  std::string kind = typed ? page.field("kind") : "subcontract";
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"project", project.fields.number + " · " + project.fields.name},
                     {"csrf", page.csrf()},
                     {"title", page.field("title")},
                     {"retainage", page.field("retainage")},
                     {"errors", error_data(errors, {{"retainage_bps", "retainage"}})}};
  Data& kinds = new_list(data, "kinds", domain::commitment_kind_names().size());
  for (std::string_view k : domain::commitment_kind_names()) {
    Data& option = add_row(kinds);
    option["value"] = std::string(k);
    option["label"] = label(k);
    if (k == kind) option["selected"] = true;
  }
  set_payee_options(page, data, "parties", page.field("party_id"));
  return page.page("New commitment · " + project.fields.name, page.render("commitments/new", data),
                   status);
}

sql::ProjectRecord project_in_path(PageContext& page) {
  auto project = sql::find_project(page.db, page.org_id(), id_in_path(page, "id"));
  if (!project) throw operations::not_found();
  return *project;
}

http::Response show_new(PageContext& page) {
  return new_form(page, project_in_path(page), false, {}, 200);
}

operations::NewCommitment read_new(const PageContext& page) {
  domain::FieldErrors errors;
  operations::NewCommitment input;
  if (auto kind = domain::parse_commitment_kind(page.field("kind")))
    input.fields.kind = *kind;
  else
    errors.add("kind", "must be a subcontract or a purchase order");
  if (auto party = whole_number(page.field("party_id")))
    input.fields.party_id = *party;
  else
    errors.add("party_id", "must be chosen");
  input.fields.title = page.field("title");
  if (input.fields.title.empty())
    errors.add("title", "is required");
  else if (input.fields.title.size() > 200)
    errors.add("title", "must be at most 200 characters");
  std::string retainage = page.field("retainage");
  if (!retainage.empty()) {
    auto bps = typed_rate(retainage, "retainage_bps", errors);
    if (bps && *bps >= 0 && *bps <= domain::kBasisPointsPerWhole) {
      input.fields.retainage_bps = *bps;
      input.retainage_given = true;
    } else if (bps) {
      errors.add("retainage_bps", "must be a percentage from 0 to 100, such as 10 or 5.5");
    }
  }
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return input;
}

http::Response create(PageContext& page) {
  auto submit = [&] {
    CommitmentDocument saved = operations::create_commitment(
        page.db, page.org_id(), id_in_path(page, "id"), [&] { return read_new(page); });
    const sql::CommitmentRecord& c = saved.commitment;
    return page.redirect(
        "/commitments/" + std::to_string(c.id),
        label(c.fields.kind) + " " + c.fields.number + " drafted: add its lines, then approve it.");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return new_form(page, project_in_path(page), true, errors, 422);
                     }});
}

// ---- transitions

http::Response transition(PageContext& page, CommitmentAction action) {
  CommitmentDocument document =
      operations::transition_commitment(page.db, page.org_id(), id_in_path(page, "id"), action);
  const sql::CommitmentRecord& c = document.commitment;
  std::string done = action == CommitmentAction::approve
                         ? "approved: " + money(c.amount_cents) + " committed"
                     : action == CommitmentAction::close ? "closed: no more bills against it"
                                                         : "void";
  return page.redirect("/commitments/" + std::to_string(c.id),
                       label(c.fields.kind) + " " + c.fields.number + " " + done + ".");
}

}  // namespace

void add_commitment_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/commitments/new", kWriteCommercial, show_new,
             "The form of a new subcontract or purchase order");
  routes.add(http::Verb::post, "/projects/{id}/commitments", kWriteCommercial, create,
             "Draft a subcontract or purchase order, then open it");
  routes.add(http::Verb::get, "/commitments/{id}", kCommercial, show, "The commitment editor");
  routes.add(http::Verb::post, "/commitments/{id}/lines", kWriteCommercial,
             add_amount_line(line_routes()), "Add a line to a draft commitment");
  routes.add(http::Verb::get, "/commitments/{id}/lines/{line_id}", kCommercial,
             show_amount_line(line_routes()), "One commitment line's row");
  routes.add(http::Verb::get, "/commitments/{id}/lines/{line_id}/edit", kWriteCommercial,
             edit_amount_line(line_routes()), "One commitment line's row as a form");
  routes.add(http::Verb::post, "/commitments/{id}/lines/{line_id}", kWriteCommercial,
             save_amount_line(line_routes()), "Save a changed commitment line");
  routes.add(http::Verb::post, "/commitments/{id}/lines/{line_id}/delete", kWriteCommercial,
             delete_amount_line(line_routes()), "Delete a commitment line");
  routes.add(http::Verb::post, "/commitments/{id}/approve", kWriteCommercial,
             bind_handler(transition, CommitmentAction::approve), "Commitment: approve");
  routes.add(http::Verb::post, "/commitments/{id}/close", kWriteCommercial,
             bind_handler(transition, CommitmentAction::close), "Commitment: close");
  routes.add(http::Verb::post, "/commitments/{id}/void", kWriteCommercial,
             bind_handler(transition, CommitmentAction::void_), "Commitment: void");
}

}  // namespace construction::views
