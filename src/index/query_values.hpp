// The values of query fields: text (terms, phrases, prefixes), dates, years and ranges, IPC
// prefixes, regions, patent types and legal statuses, each turned into a query tree leaf.
// Internal to the query parser. `index` is the 0-based character index of the value in the
// query, for error messages.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "index/query.hpp"
#include "index/query_fields.hpp"
#include "index/query_scanner.hpp"

namespace ipa::index {

// The value `text` of `field` compared with `op` (only date fields take other than kEq).
// `quoted`: written in quotes (a phrase, for text fields).
core::Result<Node> FieldValue(const FieldSpec& field, FieldOp op, const std::string& text,
                              bool quoted, size_t index);

// A date range "[from TO to]"; "*" leaves a bound open.
core::Result<Node> DateRangeValue(DateField field, const std::string& from, size_t from_index,
                                  const std::string& to, size_t to_index);

// The tokens of query text (TokenizeMode::kQuery), positions from 0.
std::vector<QueryToken> QueryTokens(std::string_view text);

// Names accepted by type= and status=, for messages and docs.
std::string_view StatusNames();

}  // namespace ipa::index
