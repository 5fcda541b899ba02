// Helpers shared by case_service.cpp and case_service_coop.cpp: access levels, views, the
// history + audit + change-log triple every change writes.
#pragma once

#include <string>

#include "service/case_service.hpp"

namespace ipa::service::case_internal {

core::Status RequireUser(const Actor& actor);
std::string OfficeText(core::Office office);
std::string ActorOffice(const Actor& actor);

// The actor's access to `c` (reads the access grants).
core::Result<CaseAccess> AccessTo(store::Tx& tx, const Actor& actor, const core::EnforcementCase& c);

// kPermissionDenied (kNone) or the view at the actor's level.
core::Result<CaseView> ViewFor(store::Tx& tx, const Actor& actor, core::EnforcementCase c);
core::Result<CaseView> BuildView(store::Tx& tx, core::EnforcementCase c, CaseAccess access);

// Locks and reads the case and checks the actor's office owns it. kPermissionDenied otherwise.
core::Result<core::EnforcementCase> LoadForWrite(store::Tx& tx, const Actor& actor, core::CaseId id);

// Appends the history entry, the audit entry ("case.<action>") and a change-log row.
core::Status Record(store::Tx& tx, const Actor& actor, const core::EnforcementCase& c,
                    const std::string& action, const std::string& from_status,
                    const std::string& to_status, const std::string& note);

// Cases of other offices related to `c`, with their reasons, as the actor may see them.
core::Result<std::vector<RelatedCase>> FindRelated(store::Tx& tx, const Actor& actor,
                                                   const core::EnforcementCase& c);

// Party organisations: fills name and credit code from the registry when not given.
// kInvalidArgument naming "<field>.org_id" when the organisation does not exist.
core::Status ResolveParty(store::Tx& tx, core::CaseParty& party, const std::string& field);

// Every assignee must be an active office user of `owner`. kInvalidArgument ("assignees").
core::Status CheckAssignees(store::Tx& tx, const std::vector<core::UserId>& assignees, core::Office owner);

}  // namespace ipa::service::case_internal
