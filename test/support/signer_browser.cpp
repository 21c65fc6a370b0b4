#include "test/support/signer_browser.hpp"

#include <regex>

#include "test/support/page_client.hpp"

namespace construction::testing {

HttpResult SignerBrowser::keep(HttpResult result) {
  for (const std::string& set : result.set_cookies)
    if (set.starts_with("signer=")) cookie = set.substr(7, set.find(';') - 7);
  std::smatch found;
  if (std::regex_search(result.body, found, std::regex(R"(name="csrf_token" value="([^"]+)\")")))
    csrf = found[1];
  answers.push_back(result);
  return result;
}

std::map<std::string, std::string> SignerBrowser::headers() const {
  if (cookie.empty()) return {};
  return {{"Cookie", "signer=" + cookie}};
}

HttpResult SignerBrowser::get(const std::string& path) {
  return keep(http_request(port, "GET", path, "", headers(), 10000));
}

HttpResult SignerBrowser::post(const std::string& path, std::map<std::string, std::string> fields,
                               std::map<std::string, std::string> extra) {
  if (!csrf.empty() && !fields.contains("csrf_token")) fields["csrf_token"] = csrf;
  auto all = headers();
  all["Content-Type"] = "application/x-www-form-urlencoded";
  for (auto& [name, value] : extra) all[name] = value;
  return keep(http_request(port, "POST", path, form_encode(fields), all, 10000));
}

namespace {

operations::SignatureMail test_wording() {
  using operations::MailText;
  using operations::SignatureMailFacts;
  return {"http://localhost:8000",
          {[](const SignatureMailFacts&, const std::string& link) {
             return MailText{"Please sign", link + "\n", ""};
           },
           [](const SignatureMailFacts&, const std::string& code) {
             return MailText{"Your signing code: " + code, code + "\n", ""};
           },
           [](const SignatureMailFacts&) {
             return MailText{"Declined", "Declined\n", ""};
           },
           [](const SignatureMailFacts&, bool) {
             return MailText{"Signed", "Signed\n", ""};
           }}};
}

}  // namespace

operations::IssuedSignatureRequest send_for_signature(
    const ScratchDatabase& db, std::int64_t org_id, std::int64_t user_id,
    domain::SignedDocumentKind kind, std::int64_t id,
    const std::vector<domain::SignerInput>& signers) {
  sql::Connection connection = db.connect();
  operations::Caller caller{user_id, org_id, 0, domain::Role::owner};
  return operations::create_signature_request(connection, caller, {kind, id},
                                              {signers, "Please sign this week.", std::nullopt},
                                              test_wording());
}

std::string sign_path(const std::string& link) {
  auto at = link.find("/sign/");
  return at == std::string::npos ? std::string() : link.substr(at);
}

std::string queued_code(const ScratchDatabase& db, const std::string& email) {
  return db.scalar(
      "SELECT substring(subject from 'Your signing code: ([0-9]{6})') FROM messages WHERE "
      "to_addresses[1] = '" +
      email + "' AND subject LIKE 'Your signing code:%' ORDER BY id DESC LIMIT 1");
}

}  // namespace construction::testing
