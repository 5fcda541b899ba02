// Highlighted snippets: the query's terms marked in a field's text with <mark>…</mark>, the
// rest HTML-escaped, cut to a window around the first hit at character boundaries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/query.hpp"

namespace ipa::index {

// The terms a query looks for in `field` (one FieldMask bit), outside NOTs. Prefixes end in
// '*' ("batter*").
std::vector<std::string> HighlightTerms(const Query& query, FieldMask field);

// `text` HTML-escaped with every token whose term is in `terms` (or starts with a "x*"
// prefix) wrapped in <mark>. When max_bytes > 0 and the text is longer, a window of about
// max_bytes around the first hit, with "…" where text was cut.
std::string Highlight(std::string_view text, const std::vector<std::string>& terms, size_t max_bytes = 0);

std::string HtmlEscape(std::string_view text);

}  // namespace ipa::index
