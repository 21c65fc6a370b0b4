#include "sql/project_store.hpp"

#include "sql/like_pattern.hpp"
#include "sql/statement_catalog.hpp"
#include "sql/time_columns.hpp"

namespace construction::sql {

namespace {

#define PROJECT_COLUMNS \
  "id, number, name, client_id, architect_id, site_address, status, contract_type, " \
  "retainage_work_bps, retainage_stored_bps, " SQL_UNIX_DAYS("start_date") " AS start_date, "                  \
  SQL_UNIX_DAYS("completion_date") " AS completion_date, original_contract_sum_cents, "    \
  "version, " SQL_UNIX_SECONDS("created_at") " AS created_at, "                            \
  SQL_UNIX_SECONDS("updated_at") " AS updated_at"

constexpr std::string_view kInsert =
    "INSERT INTO projects (org_id, number, name, client_id, architect_id, site_address, status, "
    "contract_type, retainage_work_bps, retainage_stored_bps, start_date, completion_date) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date) "
    "RETURNING " PROJECT_COLUMNS;
constexpr std::string_view kFind =
    "SELECT " PROJECT_COLUMNS " FROM projects WHERE org_id = $1 AND id = $2";
// The project of a document (pay application, change order, invoice) `$2`.
#define PROJECT_OF(table)                      \
  "SELECT " PROJECT_COLUMNS                    \
  " FROM projects WHERE org_id = $1 AND id = " \
  "(SELECT project_id FROM " table " WHERE org_id = $1 AND id = $2)"
constexpr std::string_view kFindOfPayApplication = PROJECT_OF("pay_applications");
constexpr std::string_view kFindOfChangeOrder = PROJECT_OF("change_orders");
constexpr std::string_view kFindOfInvoice = PROJECT_OF("invoices");
#undef PROJECT_OF
constexpr std::string_view kFindForUpdate =
    "SELECT " PROJECT_COLUMNS " FROM projects WHERE org_id = $1 AND id = $2 FOR UPDATE";
// A page of projects: $1 org_id, $2 after id, $3 status or NULL, $4 client
// or NULL, $5 the limit. Each list is three statements (Statements): all
// the projects; those whose name or number contains a text, by ILIKE with
// the pattern of sql/like_pattern.hpp as $6, which the trigram indexes
// answer; and, for a text with no trigram to look up (under three letters
// or digits in a row), by strpos with the text as $6, which reads the
// projects in id order until the page is full, where a trigram index would
// read itself whole. Three statements, not `$6 IS NULL OR …`: a prepared
// statement's generic plan cannot use an index for a condition that may be
// switched off, and each kind of search would share the others' plan.
#define PROJECT_PAGE(match)                                                                 \
  "FROM projects WHERE org_id = $1 AND id > $2 "                                            \
  "AND ($3::text IS NULL OR status = $3) AND ($4::bigint IS NULL OR client_id = $4) " match \
  "ORDER BY id LIMIT $5"
#define MATCHING "AND (name ILIKE $6 OR number ILIKE $6) "
#define CONTAINING \
  "AND (strpos(lower(name), lower($6)) > 0 OR strpos(lower(number), lower($6)) > 0) "
#define THREE_WAYS(statement) \
  { statement(""), statement(MATCHING), statement(CONTAINING) }

struct Statements {
  std::string_view all, matching, containing;
};

#define LIST(match) "SELECT " PROJECT_COLUMNS " " PROJECT_PAGE(match)
constexpr Statements kList THREE_WAYS(LIST);
#define LISTING_COLUMNS                                                           \
  "SELECT id, number, name, status, original_contract_sum_cents, " SQL_UNIX_DAYS( \
      "start_date") " AS start_date"
#define LISTINGS(match) LISTING_COLUMNS " " PROJECT_PAGE(match)
constexpr Statements kListings THREE_WAYS(LISTINGS);

// The figures of the projects of `p`: one row per group of document figures.
// Each document table is read once for all the projects (grouped by
// project), not once per project: half the time in PostgreSQL for a page of 50.
// The projects go in as an array (`= ANY`), not as `IN (SELECT id FROM p)`:
// the planner reads the semi-join as "any of the organisation's projects"
// and scans every document the organisation ever had, where the array lets
// one index scan read only the page's projects' documents (DESIGN.md, "Cost
// at scale").
#define DOCUMENT_FIGURES                                                                 \
  "f AS ("                                                                               \
  "  SELECT d.project_id, 'change_order' AS kind, d.status, "                            \
  "  sum(d.amount_cents)::bigint AS amount_cents, 0::bigint AS paid_cents, 0 AS number " \
  "  FROM change_orders d "                                                              \
  "  WHERE d.org_id = $1 AND d.project_id = ANY (ARRAY(SELECT id FROM p)) "              \
  "  GROUP BY d.project_id, d.status "                                                   \
  "  UNION ALL "                                                                         \
  "  SELECT d.project_id, 'invoice', d.status, sum(d.total_cents)::bigint, "             \
  "  sum(d.paid_cents)::bigint, 0 FROM invoices d "                                      \
  "  WHERE d.org_id = $1 AND d.project_id = ANY (ARRAY(SELECT id FROM p)) "              \
  "  GROUP BY d.project_id, d.status "                                                   \
  "  UNION ALL "                                                                         \
  "  (SELECT DISTINCT ON (d.project_id) d.project_id, 'pay_application', d.status, "     \
  "   d.retainage_cents, 0::bigint, d.number FROM pay_applications d "                   \
  "   WHERE d.org_id = $1 AND d.project_id = ANY (ARRAY(SELECT id FROM p)) "             \
  "   AND d.status = 'certified' "                                                       \
  "   ORDER BY d.project_id, d.number DESC)"                                             \
  ") "
#define FIGURE_COLUMNS                                                               \
  "f.kind AS doc_kind, f.status AS doc_status, f.amount_cents AS doc_amount_cents, " \
  "f.paid_cents AS doc_paid_cents, f.number AS doc_number "
// The projects `p` selects, each with its client's and architect's names and
// one row per group of document figures (or one row of NULLs without
// documents).
#define WITH_FIGURES(p)                                                          \
  "WITH p AS (" p "), " DOCUMENT_FIGURES                                         \
  "SELECT p.*, c.name AS client_name, a.name AS architect_name, " FIGURE_COLUMNS \
  "FROM p LEFT JOIN parties c ON c.org_id = $1 AND c.id = p.client_id "          \
  "LEFT JOIN parties a ON a.org_id = $1 AND a.id = p.architect_id "              \
  "LEFT JOIN f ON f.project_id = p.id ORDER BY p.id"
constexpr std::string_view kFindWithFigures =
    WITH_FIGURES("SELECT " PROJECT_COLUMNS " FROM projects WHERE org_id = $1 AND id = $2");
#define LIST_WITH_FIGURES(match) WITH_FIGURES(LIST(match))
constexpr Statements kListWithFigures THREE_WAYS(LIST_WITH_FIGURES);
// The listing's columns instead of the whole project, and no client: the
// dashboard's 50 rows in a third less time in PostgreSQL (pgbench: 200 ->
// 135 µs), and no timestamps for the worker to format.
#define LISTINGS_WITH_FIGURES(match)                                                 \
  "WITH p AS (" LISTINGS(match) "), " DOCUMENT_FIGURES "SELECT p.*, " FIGURE_COLUMNS \
                                "FROM p LEFT JOIN f ON f.project_id = p.id ORDER BY p.id"
constexpr Statements kListingsWithFigures THREE_WAYS(LISTINGS_WITH_FIGURES);
#undef LISTINGS_WITH_FIGURES
#undef LIST_WITH_FIGURES
#undef FIGURE_COLUMNS
#undef DOCUMENT_FIGURES
#undef WITH_FIGURES
#undef LISTINGS
#undef LISTING_COLUMNS
#undef LIST
#undef THREE_WAYS
#undef CONTAINING
#undef MATCHING
#undef PROJECT_PAGE
constexpr std::string_view kUpdate =
    "UPDATE projects SET number = $3, name = $4, client_id = $5, architect_id = $6, "
    "site_address = $7, status = $8, contract_type = $9, retainage_work_bps = $10, "
    "retainage_stored_bps = $11, start_date = $12::date, completion_date = $13::date, "
    "version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " PROJECT_COLUMNS;
constexpr std::string_view kSetContractSum =
    "UPDATE projects SET original_contract_sum_cents = $3, version = version + 1, "
    "updated_at = now() WHERE org_id = $1 AND id = $2";
constexpr std::string_view kDelete = "DELETE FROM projects WHERE org_id = $1 AND id = $2";

#undef PROJECT_COLUMNS

// The columns of PROJECT_COLUMNS into `p`, in place: a list fills the
// records of its vector without a temporary of each.
void read_project(const Row& row, ProjectRecord& p) {
  p.id = row["id"].int64();
  ProjectFields& f = p.fields;
  f.number = row["number"].string();
  f.name = row["name"].string();
  f.client_id = row["client_id"].optional_int64();
  f.architect_id = row["architect_id"].optional_int64();
  f.site_address = row["site_address"].string();
  f.status = row["status"].named(domain::parse_project_status);
  f.contract_type = row["contract_type"].named(domain::parse_contract_type);
  f.retainage_work_bps = row["retainage_work_bps"].int64();
  f.retainage_stored_bps = row["retainage_stored_bps"].int64();
  f.start_date = row["start_date"].optional_date();
  f.completion_date = row["completion_date"].optional_date();
  p.original_contract_sum_cents = row["original_contract_sum_cents"].cents();
  p.version = row["version"].int32();
  p.created_at = row["created_at"].timestamp();
  p.updated_at = row["updated_at"].timestamp();
}

void read_listing(const Row& row, ProjectListing& p) {
  p.id = row["id"].int64();
  p.number = row["number"].string();
  p.name = row["name"].string();
  p.status = row["status"].named(domain::parse_project_status);
  p.original_contract_sum_cents = row["original_contract_sum_cents"].cents();
  p.start_date = row["start_date"].optional_date();
}

ProjectListing listing_from(const Row& row) {
  ProjectListing p;
  read_listing(row, p);
  return p;
}

ProjectRecord project_from(const Row& row) {
  ProjectRecord p;
  read_project(row, p);
  return p;
}

// A row's document figures (FIGURE_COLUMNS), its status read with the table
// of its kind of document.
void read_figures(const Row& row, DocumentFigures& figures) {
  std::string_view kind = row["doc_kind"].text();
  Field status = row["doc_status"];
  domain::Cents amount = row["doc_amount_cents"].cents();
  if (kind == "change_order")
    figures.change_orders.push_back({status.named(domain::parse_change_order_status), amount});
  else if (kind == "invoice")
    figures.invoices.push_back(
        {status.named(domain::parse_invoice_status), amount, row["doc_paid_cents"].cents()});
  else
    figures.pay_applications.push_back(
        {row["doc_number"].int32(), status.named(domain::parse_pay_application_status), amount});
}

// Rows of a query with figures, in project order: one entry per project,
// its own columns read by `read_head` (once, from its first row).
template <class Project, class ReadHead>
std::vector<Project> with_figures_from(const Result& result, ReadHead read_head) {
  std::vector<Project> projects;
  projects.reserve(static_cast<std::size_t>(result.rows()));
  for (Row row : result) {
    std::int64_t id = row["id"].int64();
    if (projects.empty() || projects.back().id != id) read_head(row, projects.emplace_back());
    if (!row["doc_kind"].is_null()) read_figures(row, projects.back().figures);
  }
  return projects;
}

std::vector<ProjectWithFigures> projects_with_figures_from(const Result& result) {
  return with_figures_from<ProjectWithFigures>(result, [](const Row& row, ProjectWithFigures& p) {
    read_project(row, p);
    if (auto client_name = row["client_name"].optional_string())
      p.client_name = std::move(*client_name);
    if (auto architect_name = row["architect_name"].optional_string())
      p.architect_name = std::move(*architect_name);
  });
}

}  // namespace

ProjectName project_name_from(const Row& row) {
  return {row["project_id"].int64(), row["project_number"].string(), row["project_name"].string()};
}

namespace {

Query<std::optional<ProjectRecord>> project_of_query(std::string_view statement,
                                                     std::int64_t org_id, std::int64_t id) {
  return make_query<std::optional<ProjectRecord>>(
      statement,
      [](const Result& result) -> std::optional<ProjectRecord> {
        if (result.empty()) return std::nullopt;
        return project_from(result[0]);
      },
      org_id, id);
}

// A page of projects (PROJECT_PAGE's parameters) by `query`, whose
// statement is `statements.all`, or with a search by the statement for its
// text, the text as $6.
template <class T>
Query<T> project_page(Query<T> query, const Statements& statements, std::int64_t org_id,
                      const ProjectFilter& filter, const Page& page) {
  query.params =
      Params::of(org_id, page.after_id.value_or(0), filter.status, filter.client_id, page.fetch());
  if (filter.text && has_trigram(*filter.text)) {
    query.sql = statements.matching;
    query.params.add(containing_pattern(*filter.text));
  } else if (filter.text) {
    query.sql = statements.containing;
    query.params.add(*filter.text);
  }
  return query;
}

}  // namespace

Query<std::optional<ProjectRecord>> project_of_pay_application_query(std::int64_t org_id,
                                                                     std::int64_t id) {
  return project_of_query(kFindOfPayApplication, org_id, id);
}

Query<std::optional<ProjectRecord>> project_of_change_order_query(std::int64_t org_id,
                                                                  std::int64_t id) {
  return project_of_query(kFindOfChangeOrder, org_id, id);
}

Query<std::optional<ProjectRecord>> project_of_invoice_query(std::int64_t org_id, std::int64_t id) {
  return project_of_query(kFindOfInvoice, org_id, id);
}

Query<std::optional<ProjectWithFigures>> project_with_figures_query(std::int64_t org_id,
                                                                    std::int64_t id) {
  return make_query<std::optional<ProjectWithFigures>>(
      kFindWithFigures,
      [](const Result& result) -> std::optional<ProjectWithFigures> {
        auto projects = projects_with_figures_from(result);
        if (projects.empty()) return std::nullopt;
        return std::move(projects.front());
      },
      org_id, id);
}

Query<PageOf<ProjectWithFigures>> projects_with_figures_query(std::int64_t org_id,
                                                              const ProjectFilter& filter,
                                                              const Page& page) {
  return project_page(make_query<PageOf<ProjectWithFigures>>(
                          kListWithFigures.all,
                          [page](const Result& result) {
                            return trim_page(projects_with_figures_from(result), page);
                          }),
                      kListWithFigures, org_id, filter, page);
}

Query<PageOf<ProjectListingWithFigures>> project_listings_with_figures_query(
    std::int64_t org_id, const ProjectFilter& filter, const Page& page) {
  return project_page(make_query<PageOf<ProjectListingWithFigures>>(
                          kListingsWithFigures.all,
                          [page](const Result& result) {
                            return trim_page(
                                with_figures_from<ProjectListingWithFigures>(result, read_listing),
                                page);
                          }),
                      kListingsWithFigures, org_id, filter, page);
}

ProjectRecord insert_project(Connection& db, std::int64_t org_id, const ProjectFields& f) {
  return project_from(db.exec(kInsert, org_id, f.number, f.name, f.client_id, f.architect_id,
                              f.site_address, f.status, f.contract_type, f.retainage_work_bps,
                              f.retainage_stored_bps, f.start_date, f.completion_date)
                          .single_row());
}

std::optional<ProjectRecord> find_project(Connection& db, std::int64_t org_id, std::int64_t id,
                                          bool for_update) {
  Result result = db.exec(for_update ? kFindForUpdate : kFind, org_id, id);
  if (result.empty()) return std::nullopt;
  return project_from(result[0]);
}

Query<PageOf<ProjectRecord>> projects_query(std::int64_t org_id, const ProjectFilter& filter,
                                            const Page& page) {
  return project_page(make_page_query(kList.all, project_from, page), kList, org_id, filter, page);
}

Query<PageOf<ProjectListing>> project_listings_query(std::int64_t org_id,
                                                     const ProjectFilter& filter,
                                                     const Page& page) {
  return project_page(make_page_query(kListings.all, listing_from, page), kListings, org_id, filter,
                      page);
}

PageOf<ProjectRecord> list_projects(Connection& db, std::int64_t org_id,
                                    const ProjectFilter& filter, const Page& page) {
  return fetch(db, projects_query(org_id, filter, page));
}

ProjectRecord update_project(Connection& db, std::int64_t org_id, std::int64_t id,
                             const ProjectFields& f) {
  return project_from(db.exec(kUpdate, org_id, id, f.number, f.name, f.client_id, f.architect_id,
                              f.site_address, f.status, f.contract_type, f.retainage_work_bps,
                              f.retainage_stored_bps, f.start_date, f.completion_date)
                          .single_row());
}

void set_original_contract_sum(Connection& db, std::int64_t org_id, std::int64_t id,
                               domain::Cents amount) {
  db.exec(kSetContractSum, org_id, id, amount);
}

bool delete_project(Connection& db, std::int64_t org_id, std::int64_t id) {
  return db.exec(kDelete, org_id, id).affected_rows() == 1;
}

// The statements above, for the EXPLAIN check (sql/statement_catalog.hpp).
StoreStatements project_store_statements() {
  return {"project_store",
          {SQL_NAMED(kInsert),
           SQL_NAMED(kFind),
           SQL_NAMED(kFindOfPayApplication),
           SQL_NAMED(kFindOfChangeOrder),
           SQL_NAMED(kFindOfInvoice),
           SQL_NAMED(kFindForUpdate),
           SQL_NAMED(kList.all),
           SQL_NAMED(kList.matching),
           SQL_NAMED(kList.containing),
           SQL_NAMED(kListings.all),
           SQL_NAMED(kListings.matching),
           SQL_NAMED(kListings.containing),
           SQL_NAMED(kFindWithFigures),
           SQL_NAMED(kListWithFigures.all),
           SQL_NAMED(kListWithFigures.matching),
           SQL_NAMED(kListWithFigures.containing),
           SQL_NAMED(kListingsWithFigures.all),
           SQL_NAMED(kListingsWithFigures.matching),
           SQL_NAMED(kListingsWithFigures.containing),
           SQL_NAMED(kUpdate),
           SQL_NAMED(kSetContractSum),
           SQL_NAMED(kDelete)}};
}

}  // namespace construction::sql
