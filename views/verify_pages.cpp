// /verify: anyone, logged in or not, uploads a PDF and learns whether it is
// the sealed record of a completed signature request (operations/
// verification.hpp), and of which. One file per upload, in a multipart
// form (worker/multipart_form.hpp); the answer shows the file's SHA-256
// either way. Referrer-Policy: no-referrer: nothing of a record's page goes
// to a site its links lead to.
#include "operations/verification.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/template_data.hpp"

namespace construction::views {

namespace {

http::Response verify_page(PageContext& page, Data data, unsigned status) {
  data.set("csrf", page.csrf());
  http::Response res =
      page.page("Verify a sealed record", page.render("verify/show", data), status);
  res.set("Referrer-Policy", "no-referrer");
  return res;
}

http::Response refused(PageContext& page, std::string message, unsigned status) {
  Data data = Object{};
  set_text(data, "message", std::move(message));
  return verify_page(page, std::move(data), status);
}

http::Response show(PageContext& page) {
  return verify_page(page, Object{}, 200);
}

http::Response check(PageContext& page) {
  if (page.files.size() > 1) return refused(page, "Choose one file at a time.", 422);
  if (page.files.empty() || page.files.front().data.empty())
    return refused(page, "Choose the sealed PDF to check.", 422);
  operations::Verification verification =
      operations::verify_sealed_file(page.db, page.files.front().data, page.http.client_address);
  if (verification.retry_after > 0) {
    std::int64_t minutes = (verification.retry_after + 59) / 60;
    http::Response res =
        refused(page,
                "Too many files checked from your address. Try again in " +
                    std::to_string(minutes) + (minutes == 1 ? " minute." : " minutes."),
                429);
    res.set(http::Field::retry_after, std::to_string(verification.retry_after));
    return res;
  }
  Data data = Object{{"sha256", verification.sha256_hex}};
  if (const auto& record = verification.record) {
    data.set("matched", true);
    data.set("document", record->document_name);
    data.set("project", record->project_name);
    data.set("organisation", record->organisation);
    data.set("completed", date(record->completed_at));
  } else {
    data.set("unmatched", true);
  }
  return verify_page(page, std::move(data), 200);
}

}  // namespace

void add_verify_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/verify", kAnyone, show, "Verify a sealed record: the upload form");
  routes.add(http::Verb::post, "/verify", kAnyone, check,
             "Verify a sealed record: the uploaded PDF's SHA-256 against every sealed record");
}

}  // namespace construction::views
