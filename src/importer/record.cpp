#include "importer/record.hpp"

#include <array>
#include <utility>

#include "importer/cn_csv_reader.hpp"
#include "importer/events_csv_reader.hpp"
#include "importer/jsonl_reader.hpp"
#include "importer/uspto_xml_reader.hpp"

namespace ipa::importer {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 4> kFormats{{
    {Format::kCnCsv, "cn-csv"},
    {Format::kJsonl, "jsonl"},
    {Format::kUsptoXml, "uspto-xml"},
    {Format::kEventsCsv, "events-csv"},
}};

std::unique_ptr<RecordReader> MakeReader(Format format, ByteSource source,
                                         const ReaderOptions& options) {
  switch (format) {
    case Format::kCnCsv:
      return std::make_unique<CnCsvReader>(std::move(source), options);
    case Format::kJsonl:
      return std::make_unique<JsonlReader>(std::move(source), options);
    case Format::kUsptoXml:
      return std::make_unique<UsptoXmlReader>(std::move(source), options);
    case Format::kEventsCsv:
      return std::make_unique<EventsCsvReader>(std::move(source), options);
  }
  return nullptr;
}

}  // namespace

RecordReader::~RecordReader() = default;

std::vector<std::string> RecordReader::Warnings() const { return {}; }

core::Result<Format> ParseFormat(std::string_view name) {
  for (const auto& [format, text] : kFormats) {
    if (text == name) return format;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown format '" + std::string(name) +
                        "' (expected cn-csv, jsonl, uspto-xml or events-csv)",
                    "format");
}

std::string_view FormatName(Format format) {
  for (const auto& [f, text] : kFormats) {
    if (f == format) return text;
  }
  return "jsonl";
}

core::Result<std::unique_ptr<RecordReader>> OpenReader(Format format, const std::string& path,
                                                       const ReaderOptions& options) {
  IPA_TRY(source, ByteSource::OpenFile(path));
  return MakeReader(format, std::move(source), options);
}

std::unique_ptr<RecordReader> ReaderFromString(Format format, std::string data, std::string name,
                                               const ReaderOptions& options) {
  return MakeReader(format, ByteSource::FromString(std::move(data), std::move(name)), options);
}

}  // namespace ipa::importer
