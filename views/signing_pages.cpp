// The signer's pages (spec/portal.md, "What a signer does"): the link of a
// signature request's email, opened by someone who is nobody's user.
//
//   GET  /sign/{token}               who sent what, and "Continue"; spends
//                                    nothing, records nothing (mail scanners
//                                    open links)
//   POST /sign/{token}               Continue: the signer cookie, `viewed`
//   GET  /sign/{token}/document      the document (its figures as HTML, its
//                                    PDF embedded) and the next step: code,
//                                    consent, approve; decline at any time
//   GET  /sign/{token}/document.pdf  the stored PDF, byte for byte
//   POST /sign/{token}/code          email a code (429 when asked too often)
//   POST /sign/{token}/code/check    the code typed
//   POST /sign/{token}/consent       "I agree to sign electronically"
//   POST /sign/{token}/approve       the typed name under the intent sentence
//   POST /sign/{token}/decline       the reason
//
// Each step's POST answers 303 to the document page, which says what was
// done and what is next (?done=…, the step's name: nothing secret); a form
// with a mistake is the page again with the mistake beside its field (422).
// Approving and declining end the link, so their answer is the last page
// itself. Every link that opens nothing gets views/signing_context's one
// "This link is no longer valid" page (operations/signing.hpp gives one
// answer whatever the cause).
#include <cctype>

#include "domain/hex.hpp"
#include "domain/signing_consent.hpp"
#include "operations/refusal.hpp"
#include "operations/signing.hpp"
#include "views/format.hpp"
#include "views/signature_mail.hpp"
#include "views/signing_context.hpp"
#include "views/signing_figures.hpp"
#include "worker/content_disposition.hpp"

namespace construction::views {

namespace {

using operations::SigningView;

operations::Witness witness(const SigningContext& s) {
  return {s.client_address(), s.user_agent()};
}

operations::SignerKey key(const SigningContext& s) {
  return {s.token, s.secret};
}

std::string document_path(const SigningContext& s, std::string_view done = {}) {
  std::string path = "/sign/" + s.token + "/document";
  if (!done.empty()) path += "?done=" + std::string(done);
  return path;
}

// What the document page shows besides the document: the step the signer
// is at, what they just did, and a form's mistake.
struct StepState {
  std::string done;  // the step just done (?done=…)
  bool code_sent = false;
  std::string code, code_error;
  std::string consent_error;
  std::string typed_name, typed_name_error;
  std::string reason, reason_error;
};

enum class Step { code, consent, approve };

Step step_of(const sql::SignatureSignerRecord& signer) {
  if (!signer.code_accepted_at) return Step::code;
  if (!signer.consented_at) return Step::consent;
  return Step::approve;
}

List steps_list(Step step) {
  static constexpr const char* kLabels[] = {"Read", "Confirm by code", "Consent", "Sign"};
  int current = static_cast<int>(step) + 1;
  List steps;
  for (int i = 0; i < 4; ++i) {
    Object item{{"label", std::string(kLabels[i])}};
    if (i < current) item["done"] = true;
    if (i == current) item["current"] = true;
    steps.push_back(item);
  }
  return steps;
}

// What was done and what is next, after each step.
std::string status_text(const SigningView& view, std::string_view done) {
  if (done == "continued")
    return "Read the document below. Next: ask for a code by email, to confirm it is you.";
  if (done == "code-sent")
    return "We emailed a code to " + view.signer.email +
           ". Next: type it below (it works for 10 minutes).";
  if (done == "code-accepted")
    return "Code accepted. Next: read the consent to sign electronically below, and agree to it.";
  if (done == "consented")
    return "Your consent is recorded. Next: type your full name under the sentence below to "
           "approve, or decline.";
  return {};
}

List paragraphs(std::string_view text) {
  List out;
  while (!text.empty()) {
    auto end = text.find("\n\n");
    std::string_view paragraph = text.substr(0, end);
    while (!paragraph.empty() && paragraph.back() == '\n') paragraph.remove_suffix(1);
    if (!paragraph.empty()) out.push_back(std::string(paragraph));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
  }
  return out;
}

void set_if(Object& data, const char* name, const std::string& value) {
  if (!value.empty()) data[name] = value;
}

http::Response document_page(SigningContext& s, const SigningView& view, const StepState& state,
                             unsigned status = 200) {
  const sql::SignatureRequestRecord& request = view.request;
  Step step = step_of(view.signer);
  Object data{{"token", s.token},
              {"csrf", s.csrf()},
              {"org_name", request.org_name},
              {"project_name", request.project_name},
              {"document_name", request.document_name},
              {"email", view.signer.email},
              {"steps", steps_list(step)},
              {"figures", signing_figures(s.db, *s.views.templates, request.org_id, request.kind,
                                          request.document_id, request.document_name)},
              {"intent", view.intent},
              {"code", state.code},
              {"typed_name", state.typed_name},
              {"reason", state.reason}};
  set_if(data, "status", status_text(view, state.done));
  set_if(data, "code_error", state.code_error);
  set_if(data, "consent_error", state.consent_error);
  set_if(data, "typed_name_error", state.typed_name_error);
  set_if(data, "reason_error", state.reason_error);
  if (!state.reason_error.empty()) data["decline_open"] = true;
  if (step == Step::code) {
    data["code_step"] = true;
    if (state.code_sent || view.code_pending) data["code_sent"] = true;
    // The first look: the document, then the way to sign it. From then on
    // the step comes first, so that a phone shows it without scrolling
    // past the document after every form.
    else
      data["document_first"] = true;
  } else if (step == Step::consent) {
    data["consent_step"] = true;
    data["consent_paragraphs"] = paragraphs(domain::kSigningConsentText);
    data["consent_version"] = std::string(domain::kSigningConsentVersion);
    data["consent_sha256"] = domain::hex_digits(operations::signing_consent_sha256());
  } else {
    data["approve_step"] = true;
  }
  return s.page(request.document_name, s.render("signing/document", data), status);
}

// The last page of a link: approved, completed or declined.
http::Response final_page(SigningContext& s, const SigningView& view, const std::string& heading,
                          const std::string& what_was_done, const std::string& what_next) {
  return s.page(heading,
                s.render("signing/done", Object{{"org_name", view.request.org_name},
                                                {"project_name", view.request.project_name},
                                                {"heading", heading},
                                                {"what_was_done", what_was_done},
                                                {"what_next", what_next}}));
}

// A handler that needs the signer's view first: the link and cookie must
// open one, or the one invalid page. A Refusal not_found from the step (the
// link ended meanwhile) is the same page.
template <class Step>
SigningHandler with_view(Step step) {
  return [step](SigningContext& s) -> http::Response {
    auto view = operations::signing_view(s.db, key(s));
    if (!view) return s.invalid();
    try {
      return step(s, *view);
    } catch (const operations::Refusal& refusal) {
      if (refusal.kind == operations::Refusal::Kind::not_found) return s.invalid();
      // A step out of order (a stale page): the page as it is now.
      if (auto now = operations::signing_view(s.db, key(s))) return document_page(s, *now, {}, 409);
      return s.invalid();
    }
  };
}

// "30 seconds", "12 minutes".
std::string wait_text(std::int64_t seconds) {
  if (seconds < 120) return std::to_string(seconds) + " seconds";
  return std::to_string((seconds + 59) / 60) + " minutes";
}

http::Response show_link(SigningContext& s) {
  auto view = operations::open_signing(s.db, s.token);
  if (!view) return s.invalid();
  const sql::SignatureRequestRecord& request = view->request;
  Object data{{"token", s.token},
              {"org_name", request.org_name},
              {"document_name", request.document_name},
              {"amount", money(request.amount_cents)},
              {"project_name", request.project_name},
              {"signer_name", view->signer.name},
              {"sent_by", request.sent_by_name},
              {"expires", date(request.expires_on)}};
  set_if(data, "message", request.message);
  return s.page(request.document_name, s.render("signing/open", data));
}

http::Response continue_link(SigningContext& s) {
  auto session = operations::continue_signing(s.db, s.token, witness(s));
  if (!session) return s.invalid();
  if (session->secret.empty())
    return s.limited(session->retry_after,
                     "This link was continued too many times in the last hour. Try again in " +
                         wait_text(session->retry_after) + ".");
  s.set_signer_cookie(session->secret);
  return s.redirect("/sign/" + s.token + "/document?done=continued");
}

http::Response show_document(SigningContext& s, const SigningView& view) {
  auto done = s.http.query_value("done");
  return document_page(s, view, {.done = done.value_or("")});
}

http::Response document_pdf(SigningContext& s, const SigningView& view) {
  http::Response res = http::inline_file_response("application/pdf", view.request.pdf_filename,
                                                  operations::signing_pdf(s.db, key(s)));
  add_signing_file_headers(res);
  return res;
}

http::Response send_code(SigningContext& s, const SigningView&) {
  auto sending = operations::send_code(s.db, key(s), witness(s), signature_mail(s.views));
  if (!sending.sent)
    return s.limited(sending.retry_after,
                     "A code was sent a short while ago. Check your email (and its spam folder) "
                     "for it, or ask for a new one in " +
                         wait_text(sending.retry_after) + ".");
  return s.redirect(document_path(s, "code-sent"));
}

bool six_digits(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The code as typed, spaces and dashes dropped ("123 456" reads as it does
// on a phone's screen).
std::string typed_code(std::string_view text) {
  std::string code;
  for (char c : text)
    if (c != ' ' && c != '-') code += c;
  return code;
}

http::Response check_code(SigningContext& s, const SigningView& view) {
  std::string code = typed_code(s.field("code"));
  StepState state{.code_sent = true, .code = code};
  if (!six_digits(code)) {
    state.code_error = "Type the 6 digits of the code from the email.";
    return document_page(s, view, state, 422);
  }
  switch (operations::check_code(s.db, key(s), code, witness(s))) {
    case operations::CodeCheck::accepted:
      return s.redirect(document_path(s, "code-accepted"));
    case operations::CodeCheck::wrong:
      state.code_error = "That code is not right. Check the latest email and type it again.";
      break;
    case operations::CodeCheck::spent:
      state.code = {};
      state.code_error =
          "This code no longer works (it was used, is older than 10 minutes, or was typed wrong "
          "5 times). Ask for a new code.";
      break;
  }
  return document_page(s, view, state, 422);
}

http::Response give_consent(SigningContext& s, const SigningView& view) {
  if (s.field("agree") != "yes")
    return document_page(
        s, view,
        {.consent_error = "Tick \u201CI agree to sign electronically\u201D to go on, or decline "
                          "below."},
        422);
  operations::consent(s.db, key(s), s.field("consent_version"), witness(s));
  return s.redirect(document_path(s, "consented"));
}

http::Response approve(SigningContext& s, const SigningView& view) {
  std::string typed_name = s.field("typed_name");
  operations::Approval approval;
  try {
    approval = operations::approve(s.db, key(s), typed_name, witness(s), signature_mail(s.views));
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    return document_page(
        s, view, {.typed_name = typed_name, .typed_name_error = "Type your full name to sign."},
        422);
  }
  const std::string& name = view.request.document_name;
  if (approval == operations::Approval::completed)
    return final_page(s, view, "Signed",
                      "You signed " + name + ", and so has everyone asked to: it is done.",
                      "The sealed PDF (the document, and a certificate of how and when each "
                      "person signed) is on its way to " +
                          view.signer.email + ".");
  return final_page(s, view, "Signed", "You signed " + name + ". Others are still to sign it.",
                    "When everyone has signed, the sealed PDF (the document, and a certificate "
                    "of how and when each person signed) comes to " +
                        view.signer.email + ".");
}

http::Response decline(SigningContext& s, const SigningView& view) {
  std::string reason = s.field("reason");
  try {
    operations::decline(s.db, key(s), reason, witness(s), signature_mail(s.views));
  } catch (const operations::Refusal& refusal) {
    if (refusal.kind != operations::Refusal::Kind::invalid_fields) throw;
    return document_page(
        s, view,
        {.reason = reason,
         .reason_error = "Say why you decline: " + view.request.org_name + " reads it."},
        422);
  }
  return final_page(s, view, "Declined", "You declined " + view.request.document_name + ".",
                    view.request.org_name + " is told, with your reason. Nothing was signed.");
}

}  // namespace

void add_signing_routes(http::Router& router, sql::Pool& pool, const Views& views) {
  auto add = [&](http::Verb method, const char* pattern, SigningHandler handler, bool csrf,
                 const char* summary,
                 std::source_location source = std::source_location::current()) {
    router.add(
        method, pattern,
        [&pool, &views, handler = std::move(handler), csrf](http::RequestContext& http) {
          return serve_signing(http, pool, views, handler, csrf);
        },
        summary, "signer", source);
  };
  using http::Verb;
  add(Verb::get, "/sign/{token}", show_link, false,
      "A signature request's link: who sent what, and Continue (spends nothing)");
  add(Verb::post, "/sign/{token}", continue_link, false,
      "Continue: the signer cookie, and the event viewed");
  add(Verb::get, "/sign/{token}/document", with_view(show_document), false,
      "The document to sign, as HTML and as its PDF, and the next step");
  add(Verb::get, "/sign/{token}/document.pdf", with_view(document_pdf), false,
      "The document's PDF exactly as sent");
  add(Verb::post, "/sign/{token}/code", with_view(send_code), true,
      "Email the signer a one-time code");
  add(Verb::post, "/sign/{token}/code/check", with_view(check_code), true,
      "Check the code the signer typed");
  add(Verb::post, "/sign/{token}/consent", with_view(give_consent), true,
      "The consent to sign electronically, accepted");
  add(Verb::post, "/sign/{token}/approve", with_view(approve), true,
      "Approve: the typed name under the intent sentence");
  add(Verb::post, "/sign/{token}/decline", with_view(decline), true, "Decline, with a reason");
}

}  // namespace construction::views
