// How the team's emails read (operations/team_mail.hpp queues them): the
// subject and plain text written here, the HTML part from the templates
// under team_mail/, which escape every value.
#pragma once

#include "operations/team_mail.hpp"
#include "views/page_context.hpp"

namespace construction::views {

operations::LinkMail<operations::InvitationWording> invitation_mail(const PageContext& page);
operations::LinkMail<operations::ResetWording> reset_mail(const PageContext& page);

}  // namespace construction::views
