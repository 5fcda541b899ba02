// Errors as RFC 9457 problem documents, and the one table from error codes to HTTP statuses.
#pragma once

#include <string>

#include "core/error.hpp"
#include "http/message.hpp"

namespace ipa::http {

int HttpStatusFor(core::ErrorCode code);

// An application/problem+json response for `error`; `request_id` is echoed in the body.
Response ProblemResponse(const core::Error& error, const std::string& request_id);

}  // namespace ipa::http
