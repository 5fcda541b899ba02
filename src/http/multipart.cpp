#include "http/multipart.hpp"

#include <set>

#include "core/text.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

std::unexpected<core::Error> Bad(const std::string& what, size_t at) {
  return Fail(ErrorCode::kInvalidArgument, "multipart: " + what + " at byte " + std::to_string(at), "body");
}

bool IsBoundaryChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// Parameters of a header value: `; key=value` or `; key="quoted"` (backslash escapes a quote).
core::Result<std::vector<std::pair<std::string, std::string>>> Params(std::string_view s, size_t at) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size() && s[i] == ';') {
      ++i;
      continue;
    }
    const size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) return Bad("parameter without '='", at + i);
    std::string key = core::AsciiLower(core::Trim(s.substr(i, eq - i)));
    i = eq + 1;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
      if (i >= s.size()) return Bad("unterminated quoted parameter", at + i);
      ++i;
    } else {
      const size_t end = s.find(';', i);
      value = std::string(core::Trim(s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end == std::string_view::npos ? s.size() : end;
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

core::Status ParseDisposition(std::string_view value, size_t at, FormPart& part) {
  const size_t semi = value.find(';');
  if (core::AsciiLower(core::Trim(value.substr(0, semi))) != "form-data") {
    return Bad("Content-Disposition must be form-data", at);
  }
  if (semi == std::string_view::npos) return Bad("Content-Disposition without a name", at);
  IPA_TRY(params, Params(value.substr(semi + 1), at + semi + 1));
  bool has_name = false;
  for (auto& [k, v] : params) {
    if (k == "name") {
      part.name = v;
      has_name = true;
    } else if (k == "filename") {
      part.file_name = v;
      part.has_file_name = true;
    } else {
      return Bad("unknown Content-Disposition parameter '" + k.substr(0, 40) + "'", at);
    }
  }
  if (!has_name || part.name.empty()) return Bad("Content-Disposition without a name", at);
  return {};
}

// Reads the header lines starting at `pos` up to and including the empty line.
core::Status ParseHeaders(std::string_view body, size_t& pos, FormPart& part) {
  bool has_disposition = false;
  for (;;) {
    const size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) return Bad("part headers not ended by CRLF CRLF", pos);
    std::string_view line = body.substr(pos, eol - pos);
    const size_t line_at = pos;
    pos = eol + 2;
    if (line.empty()) break;
    if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos) {
      return Bad("bare CR or LF in a header line", line_at);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Bad("header line without ':'", line_at);
    const std::string name = core::AsciiLower(core::Trim(line.substr(0, colon)));
    const std::string_view value = core::Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (has_disposition) return Bad("two Content-Disposition headers", line_at);
      has_disposition = true;
      IPA_CHECK(ParseDisposition(value, line_at + colon + 1, part));
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    } else {
      return Bad("unknown part header '" + name.substr(0, 40) + "'", line_at);
    }
  }
  if (!has_disposition) return Bad("part without Content-Disposition", pos);
  return {};
}

}  // namespace

core::Result<std::string> MultipartBoundary(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (core::AsciiLower(core::Trim(content_type.substr(0, semi))) != "multipart/form-data") {
    return Fail(ErrorCode::kUnsupportedMediaType,
                "send the body as multipart/form-data (got '" + std::string(content_type.substr(0, 60)) + "')");
  }
  std::string boundary;
  if (semi != std::string_view::npos) {
    IPA_TRY(params, Params(content_type.substr(semi + 1), 0));
    for (auto& [k, v] : params) {
      if (k == "boundary") boundary = v;
    }
  }
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ' ||
      !std::all_of(boundary.begin(), boundary.end(), IsBoundaryChar)) {
    return Fail(ErrorCode::kInvalidArgument, "Content-Type: multipart/form-data needs a boundary of 1-70 allowed characters",
                "content-type");
  }
  return boundary;
}

core::Result<std::vector<FormPart>> ParseMultipart(std::string_view body, const std::string& boundary) {
  const std::string first = "--" + boundary + "\r\n";
  const std::string delimiter = "\r\n--" + boundary;
  if (!body.starts_with(first)) return Bad("the body must start with --boundary CRLF", 0);
  std::vector<FormPart> parts;
  std::set<std::string> names;
  size_t pos = first.size();
  for (;;) {
    FormPart part;
    const size_t part_at = pos;
    IPA_CHECK(ParseHeaders(body, pos, part));
    if (!names.insert(part.name).second) return Bad("part '" + part.name.substr(0, 40) + "' sent twice", part_at);
    const size_t end = body.find(delimiter, pos);
    if (end == std::string_view::npos) return Bad("part '" + part.name.substr(0, 40) + "' not closed by a delimiter", pos);
    part.data = body.substr(pos, end - pos);
    parts.push_back(std::move(part));
    pos = end + delimiter.size();
    if (body.substr(pos, 2) == "--") {
      pos += 2;
      if (pos == body.size() || body.substr(pos) == "\r\n") return parts;
      return Bad("text after the closing delimiter", pos);
    }
    if (body.substr(pos, 2) != "\r\n") return Bad("delimiter not followed by CRLF or --", pos);
    pos += 2;
  }
}

}  // namespace ipa::http
