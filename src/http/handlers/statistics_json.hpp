// JSON for statistics figures shared by the statistics handlers: an indicator value with its
// definition (zh and en), numerator and denominator (each naming its series and source).
#pragma once

#include <optional>

#include "core/stats_indicator.hpp"
#include "http/json_io.hpp"

namespace ipa::http {

// {"name", "value", "source", "series"?, "revision"?, ...}; null when absent.
Json FigureJson(const std::optional<core::Figure>& f);
// {"region_code", "year", "value" (null when missing), "missing", "numerator", "denominator",
//  "indicator", "unit", "name_zh", "name_en", "definition_zh", "definition_en"}.
Json IndicatorJson(const core::IndicatorValue& v);

}  // namespace ipa::http
