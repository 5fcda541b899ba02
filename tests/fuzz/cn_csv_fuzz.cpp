// libFuzzer target: arbitrary bytes through the Chinese patent-database CSV reader (header,
// quoting, encodings, dates).
#include "importer_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ipa::importer::fuzz::DrainBytes(ipa::importer::Format::kCnCsv, data, size);
  return 0;
}
