// A strict multipart/form-data parser (RFC 7578 over RFC 2046): the boundary comes from the
// Content-Type header, every delimiter and header line ends in CRLF, each part has a
// Content-Disposition of form-data with a name (and, for files, a filename) and optionally a
// Content-Type; nothing else is accepted. Errors say what is wrong and at which byte.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ipa::http {

struct FormPart {
  std::string name;
  std::string file_name;     // "" unless the part has a filename
  bool has_file_name = false;
  std::string content_type;  // as sent ("" when absent)
  std::string_view data;     // points into the parsed body
};

// The boundary parameter of a multipart/form-data Content-Type. kUnsupportedMediaType for
// another media type; kInvalidArgument for a missing or malformed boundary.
core::Result<std::string> MultipartBoundary(std::string_view content_type);

// The parts of `body`, in order. The result's `data` views point into `body`. kInvalidArgument
// (message "multipart: <what> at byte <n>") for a missing delimiter, a header line not ended by
// CRLF, an unknown header, a Content-Disposition that is not form-data with a name, a duplicate
// part name, or text after the closing delimiter.
core::Result<std::vector<FormPart>> ParseMultipart(std::string_view body, const std::string& boundary);

}  // namespace ipa::http
