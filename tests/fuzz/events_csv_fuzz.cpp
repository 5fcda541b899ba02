// libFuzzer target: arbitrary bytes through the legal-events CSV reader.
#include "importer_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ipa::importer::fuzz::DrainBytes(ipa::importer::Format::kEventsCsv, data, size);
  return 0;
}
