// Error values and Result<T>: how every expected failure travels through the code.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace ipa::core {

// The short list of failure kinds. http/problem.cpp maps each to one HTTP status.
enum class ErrorCode {
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kPreconditionFailed,
  kPreconditionRequired,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kTooManyRequests,
  kUnavailable,
  kInternal,
};

inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::kInvalidArgument,      ErrorCode::kUnauthenticated,
    ErrorCode::kPermissionDenied,     ErrorCode::kNotFound,
    ErrorCode::kAlreadyExists,        ErrorCode::kConflict,
    ErrorCode::kPreconditionFailed,   ErrorCode::kPreconditionRequired,
    ErrorCode::kPayloadTooLarge,      ErrorCode::kUnsupportedMediaType,
    ErrorCode::kTooManyRequests,      ErrorCode::kUnavailable,
    ErrorCode::kInternal,
};

// `message` is safe to show a client; `field` names the offending input (may be empty);
// `detail` is only logged. `retry_after_s` is set with kTooManyRequests.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
  std::string detail;
  int retry_after_s = 0;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(field), {}, 0});
}
inline std::unexpected<Error> Internal(std::string detail) {
  return std::unexpected(Error{ErrorCode::kInternal, "internal error", {}, std::move(detail), 0});
}

// Stable lower-case slug of a code ("invalid-argument"), used in problem `type` URIs.
std::string_view ErrorSlug(ErrorCode code);

}  // namespace ipa::core

// Propagates an error from an expression returning Result/Status; yields its value otherwise.
#define IPA_TRY(var, ...)                                    \
  auto var##_result_ = (__VA_ARGS__);                             \
  if (!var##_result_) return std::unexpected(std::move(var##_result_.error())); \
  auto var = std::move(*var##_result_)

#define IPA_CONCAT_INNER_(a, b) a##b
#define IPA_CONCAT_(a, b) IPA_CONCAT_INNER_(a, b)
#define IPA_CHECK(...) IPA_CHECK_IMPL_((__VA_ARGS__), IPA_CONCAT_(ipa_check_result_, __COUNTER__))
#define IPA_CHECK_IMPL_(expr, name)                                              \
  do {                                                                           \
    auto name = (expr);                                                          \
    if (!name) return std::unexpected(std::move(name.error()));                  \
  } while (0)
