#include "importer/jsonl_reader.hpp"

#include "core/text.hpp"

namespace ipa::importer {

JsonlReader::JsonlReader(ByteSource source, const ReaderOptions& options)
    : lines_(std::move(source), options.max_record_bytes), max_(options.max_record_bytes) {}

core::Result<std::optional<ImportItem>> JsonlReader::Next() {
  Line line;
  while (true) {
    IPA_TRY(got, lines_.Next(line));
    if (!got) return std::nullopt;
    if (line.too_long || !core::Trim(line.text).empty()) break;
  }
  const Location where{lines_.name(), line.number, ++records_};
  if (line.too_long) {
    return MakeRejection(
        where, "",
        "line is longer than the maximum record size of " + std::to_string(max_) + " bytes");
  }
  auto patent = parser_.Parse(line.text);
  if (!patent) return MakeRejection(where, patent.error().field, patent.error().reason);
  return ImportItem{where, std::move(*patent)};
}

}  // namespace ipa::importer
