#include "views/team_mail.hpp"

#include <chrono>

#include "operations/password_resets.hpp"
#include "views/format.hpp"

namespace construction::views {

operations::LinkMail<operations::InvitationWording> invitation_mail(const PageContext& page) {
  const Views* views = &page.views;
  return {page.views.public_url,
          [views](const sql::InvitationRecord& invitation, const std::string& link) {
            std::string role = label(invitation.role);
            std::string expires = date(invitation.expires_at);
            Data data = Object{{"org_name", invitation.org_name},
                               {"invited_by", invitation.invited_by_name},
                               {"role", role},
                               {"link", link},
                               {"expires", expires}};
            return operations::MailText{
                invitation.invited_by_name + " invited you to " + invitation.org_name,
                invitation.invited_by_name + " invited you to join " + invitation.org_name +
                    " on Construction, as " + role +
                    ".\n\nChoose your name and password here:\n\n" + link +
                    "\n\nThe link works once, until " + expires +
                    ". If you did not expect this email, ignore it.\n",
                views->templates->render("team_mail/invitation", data)};
          }};
}

operations::LinkMail<operations::ResetWording> reset_mail(const PageContext& page) {
  const Views* views = &page.views;
  return {
      page.views.public_url, [views](const sql::ResetTarget& target, const std::string& link) {
        std::string minutes = std::to_string(
            std::chrono::duration_cast<std::chrono::minutes>(operations::kResetLifetime).count());
        Data data = Object{{"org_name", target.org_name},
                           {"email", target.user.email},
                           {"link", link},
                           {"minutes", minutes}};
        return operations::MailText{
            "Choose a new password for Construction",
            "Someone, probably you, asked to choose a new password for " + target.user.email +
                " (" + target.org_name + ").\n\nChoose it here:\n\n" + link +
                "\n\nThe link works once, for " + minutes +
                " minutes. Saving a new password logs this account out everywhere.\n"
                "If you did not ask, ignore this email: your password stays as it is.\n",
            views->templates->render("team_mail/password_reset", data)};
      }};
}

}  // namespace construction::views
