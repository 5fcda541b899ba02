// One USPTO red-book document (us-patent-grant or us-patent-application, DTD v4.0 .. v4.5)
// mapped to a Patent. Numbers keep the USPTO spelling with a "US" prefix.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "core/patent.hpp"
#include "importer/field_parse.hpp"

namespace pugi {
class xml_node;
}

namespace ipa::importer {

// The patent in `root` (the document element), or the field at fault: "document" for another
// document type (e.g. a sequence listing), "publication-reference" / "application-reference"
// when a number is missing, the date's element for an impossible date.
std::expected<core::Patent, FieldError> MapUsptoDocument(const pugi::xml_node& root);

// Text of an element and its descendants, white space collapsed, common named entities that
// the parser left as written (&lsquo; &mdash; ...) replaced by their characters.
std::string XmlText(const pugi::xml_node& node);

// "A45F  504" (fixed-width IPC of the 2005-era DTD) → "A45F 5/04"; other text is kept.
std::string FixedWidthIpc(std::string_view text);

}  // namespace ipa::importer
