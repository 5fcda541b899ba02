// libFuzzer target: arbitrary bytes through the USPTO red-book XML reader (document splitting,
// pugixml, mapping).
#include "importer_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ipa::importer::fuzz::DrainBytes(ipa::importer::Format::kUsptoXml, data, size);
  return 0;
}
