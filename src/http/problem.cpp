#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace ipa::http {

int HttpStatusFor(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kPreconditionRequired: return 428;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ProblemResponse(const core::Error& error, const std::string& request_id) {
  const std::string slug(core::ErrorSlug(error.code));
  std::string title = slug;
  title[0] = static_cast<char>(title[0] - 'a' + 'A');
  for (char& c : title) {
    if (c == '-') c = ' ';
  }
  nlohmann::json body = {
      {"type", "https://ipalliance.cn/problems/" + slug},
      {"title", title},
      {"status", HttpStatusFor(error.code)},
      {"detail", error.message.empty() ? title : error.message},
      {"request_id", request_id},
  };
  if (!error.field.empty()) body["field"] = error.field;
  Response r;
  r.status = HttpStatusFor(error.code);
  r.content_type = "application/problem+json; charset=utf-8";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (error.code == core::ErrorCode::kTooManyRequests ||
      (error.code == core::ErrorCode::kUnavailable && error.retry_after_s > 0)) {
    r.SetHeader("Retry-After", std::to_string(error.retry_after_s > 0 ? error.retry_after_s : 1));
  }
  return r;
}

}  // namespace ipa::http
