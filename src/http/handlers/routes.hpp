// Route registration, one function per resource family.
#pragma once

#include "http/router.hpp"

namespace ipa::http {

void RegisterAuthRoutes(Router& router);
void RegisterUserRoutes(Router& router);
void RegisterOrganizationRoutes(Router& router);
void RegisterReferenceRoutes(Router& router);
void RegisterAuditRoutes(Router& router);
void RegisterPatentRoutes(Router& router);
void RegisterSearchRoutes(Router& router);
void RegisterSystemRoutes(Router& router);
void RegisterStatisticsRoutes(Router& router);
void RegisterEvidenceLogRoutes(Router& router);
void RegisterCaseRoutes(Router& router);
void RegisterJointOpRoutes(Router& router);
void RegisterEvidenceItemRoutes(Router& router);

}  // namespace ipa::http
