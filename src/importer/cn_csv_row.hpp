// One row of a Chinese patent-database CSV export turned into a Patent. Values are kept as
// written (trimmed); number and IPC validation happen in a later normalisation step.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "core/patent.hpp"
#include "importer/cn_csv_columns.hpp"
#include "importer/field_parse.hpp"

namespace ipa::importer {

// The patent in `fields`, or the first field that cannot be used: neither a number nor a title
// (kNoIdentity), an unknown 专利类型, an impossible date, an unknown 国省代码. Either number may
// be empty; core::NormalizePatent then keys the record by publication number or content.
std::expected<core::Patent, FieldError> MapCnRow(const CnColumns& columns,
                                                 const std::vector<std::string>& fields);

// 发明公开 / 发明授权 / 发明 → invention, 实用新型 → utility model, 外观设计 → design ("发明公开;
// 发明授权" lists are fine). Empty text: inferred from the publication number's kind letter
// (U/Y utility model, S/D design, otherwise invention). nullopt for an unknown value.
std::optional<core::PatentType> ParseCnType(std::string_view text,
                                            std::string_view publication_number);

// "河南(41)" / "41" → "410000"; a six-digit code is kept. nullopt result for text without a
// code (e.g. a foreign country name); an error for a code that names no province.
std::expected<std::optional<std::string>, std::string> ParseProvinceCode(std::string_view text);

}  // namespace ipa::importer
