#include "importer/uspto_xml_reader.hpp"

#include <pugixml.hpp>

#include "importer/uspto_xml_map.hpp"

namespace ipa::importer {
namespace {

// Escapes decoded; DOCTYPE (with its internal subset) skipped; no DTD is read.
constexpr unsigned kParseOptions = pugi::parse_default & ~pugi::parse_doctype;

}  // namespace

UsptoXmlReader::UsptoXmlReader(ByteSource source, const ReaderOptions& options)
    : splitter_(std::move(source), options.max_record_bytes), max_(options.max_record_bytes) {}

core::Result<std::optional<ImportItem>> UsptoXmlReader::Next() {
  XmlDocument doc;
  IPA_TRY(got, splitter_.Next(doc));
  if (!got) return std::nullopt;
  const Location where{splitter_.name(), doc.line, doc.number};
  if (doc.too_long) {
    return MakeRejection(
        where, "document",
        "document is longer than the maximum record size of " + std::to_string(max_) + " bytes");
  }
  pugi::xml_document xml;
  const pugi::xml_parse_result parsed =
      xml.load_buffer(doc.text.data(), doc.text.size(), kParseOptions, pugi::encoding_auto);
  if (!parsed) {
    return MakeRejection(where, "document",
                         std::string("malformed or truncated XML: ") + parsed.description() +
                             " at byte " + std::to_string(parsed.offset) + " of the document");
  }
  auto patent = MapUsptoDocument(xml.document_element());
  if (!patent) return MakeRejection(where, patent.error().field, patent.error().reason);
  return ImportItem{where, std::move(*patent)};
}

}  // namespace ipa::importer
