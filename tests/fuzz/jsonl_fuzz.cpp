// libFuzzer target: arbitrary bytes through the JSON Lines reader. Every patent it accepts must
// survive writer → reader → writer unchanged.
#include <cstdio>

#include "importer/jsonl_writer.hpp"
#include "importer_fuzz.hpp"

namespace {

void CheckRoundTrip(const ipa::importer::ImportItem& item) {
  const auto* patent = std::get_if<ipa::core::Patent>(&item.value);
  if (patent == nullptr) return;
  const std::string line = ipa::importer::ToJsonLine(*patent);
  auto reader = ipa::importer::ReaderFromString(ipa::importer::Format::kJsonl, line, "again");
  auto again = reader->Next();
  if (!again || !*again || !std::holds_alternative<ipa::core::Patent>((*again)->value)) {
    std::fprintf(stderr, "written line was not read back: %s\n", line.c_str());
    std::abort();
  }
  if (ipa::importer::ToJsonLine(std::get<ipa::core::Patent>((*again)->value)) != line) {
    std::fprintf(stderr, "round trip changed the patent: %s\n", line.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ipa::importer::fuzz::DrainBytes(ipa::importer::Format::kJsonl, data, size, CheckRoundTrip);
  return 0;
}
