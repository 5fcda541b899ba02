// An immutable index segment: the inverted index (term dictionary sorted for prefix ranges,
// compressed postings per term) and the columnar arrays of its documents, all keyed by one
// dense local document id. Built once by SegmentBuilder, then shared read-only between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ipc_code.hpp"
#include "core/legal_status.hpp"
#include "core/patent.hpp"
#include "index/postings.hpp"
#include "index/tokenizer.hpp"

namespace ipa::index {

inline constexpr int32_t kNoDate = INT32_MIN;

// Per-field BM25F parameters: weight and length normalisation b. Field order = FieldMask bits.
struct FieldParams {
  float weight[kFieldCount] = {3.0f, 1.0f, 1.0f, 2.0f, 1.5f};
  float b[kFieldCount] = {0.5f, 0.75f, 0.75f, 0.3f, 0.3f};
  float k1 = 1.2f;
};

struct TermInfo {
  uint32_t df = 0;
  uint32_t bytes_begin = 0, bytes_end = 0;  // in Segment::postings_: documents, then positions
  uint32_t positions_begin = 0;
  uint32_t skips_begin = 0, skips_end = 0;  // in Segment::skips_
  bool positional = true;
};

// An IPC code in the segment's code dictionary, pre-split for filters and facets.
struct IpcEntry {
  core::IpcCode code;
  std::string subclass;  // "H01M"
  uint32_t subclass_id = 0;  // index into Segment::subclasses()
  char section = 'A';
};

// The strings of one column packed back to back (one buffer plus an offset per document),
// instead of a std::string per document (32 bytes each plus a heap block when longer than 15).
class StringColumn {
 public:
  void push_back(std::string_view s) {
    data_.append(s);
    offsets_.push_back(static_cast<uint32_t>(data_.size()));
  }
  std::string_view operator[](size_t i) const {
    return std::string_view(data_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t MemoryBytes() const { return data_.capacity() + offsets_.capacity() * sizeof(uint32_t); }
  void shrink_to_fit() {
    data_.shrink_to_fit();
    offsets_.shrink_to_fit();
  }

 private:
  std::string data_;
  std::vector<uint32_t> offsets_{0};
};

// Columns: one entry per local document.
struct DocColumns {
  StringColumn application_number, publication_number, title;
  std::vector<uint32_t> region;  // GB/T 2260 code as an integer (0 = unknown)
  std::vector<uint8_t> type;     // core::PatentType
  std::vector<int32_t> filing, publication, grant;  // days, kNoDate when absent
  std::vector<uint16_t> filing_year, grant_year;    // calendar year, 0 when absent
  std::vector<core::LegalFacts> facts;
  std::vector<uint8_t> wipo;  // 1..35, 0 = none
  // Multi-valued: values of doc d are [offsets[d], offsets[d + 1]).
  std::vector<uint32_t> ipc_offsets{0}, ipc_ids;              // ids into Segment::ipc_dict
  std::vector<uint32_t> applicant_offsets{0}, applicant_ids;  // ids into the applicant dictionary
  std::vector<uint16_t> field_length[kFieldCount];            // tokens per field (capped)
};

class Segment {
 public:
  uint32_t doc_count() const { return static_cast<uint32_t>(cols_.type.size()); }
  const DocColumns& cols() const { return cols_; }
  const std::vector<IpcEntry>& ipc_dict() const { return ipc_dict_; }
  const std::vector<std::string>& applicant_names() const { return applicant_names_; }
  // std::hash of each applicant name, so counts can be merged across segments by name without
  // hashing strings per query.
  const std::vector<uint64_t>& applicant_hashes() const { return applicant_hashes_; }
  // When `as_of` is today: every document's legal status today (core::LegalStatus values), one
  // byte per document, computed once a day and kept, so facets and counts over many hits read
  // 1 byte instead of a 64-byte timeline each. nullptr for any other date: callers then ask
  // each document's LegalFacts.
  std::shared_ptr<const std::vector<uint8_t>> StatusColumn(core::Date as_of) const;
  // A document's status on `as_of`, from `column` when there is one.
  static core::LegalStatus StatusOf(const DocColumns& c, const std::vector<uint8_t>* column, uint32_t doc, core::Date as_of) {
    return column ? static_cast<core::LegalStatus>((*column)[doc]) : c.facts[doc].StatusOn(as_of);
  }
  const std::vector<std::string>& subclasses() const { return subclasses_; }
  float avg_field_length(int f) const { return avg_len_[f]; }
  // The smallest and largest filing or grant year in the segment (0, 0 when none).
  uint16_t min_year() const { return min_year_; }
  uint16_t max_year() const { return max_year_; }
  size_t postings_bytes() const { return postings_.size(); }

  // The term's info, or nullptr when the segment lacks it.
  const TermInfo* Find(std::string_view term) const;
  // Terms in [first, last) of the sorted dictionary starting with `prefix`.
  std::pair<uint32_t, uint32_t> PrefixRange(std::string_view prefix) const;
  const TermInfo& term_info(uint32_t ordinal) const { return infos_[ordinal]; }
  std::string_view term(uint32_t ordinal) const { return terms_[ordinal]; }
  uint32_t term_count() const { return static_cast<uint32_t>(terms_.size()); }
  PostingCursor Cursor(const TermInfo& info) const;
  size_t MemoryBytes() const;

 private:
  friend class SegmentBuilder;
  std::vector<std::string> terms_;  // sorted
  std::vector<TermInfo> infos_;     // parallel to terms_
  std::unordered_map<std::string_view, uint32_t> lookup_;
  std::string postings_;
  std::vector<SkipEntry> skips_;
  DocColumns cols_;
  std::vector<IpcEntry> ipc_dict_;
  std::vector<std::string> subclasses_;
  std::vector<std::string> applicant_names_;  // display name per applicant id (segment-local)
  std::vector<std::string> applicant_keys_;
  std::vector<uint64_t> applicant_hashes_;
  mutable std::mutex status_mu_;
  mutable core::Date status_day_{INT32_MIN};
  mutable std::shared_ptr<const std::vector<uint8_t>> status_today_;
  float avg_len_[kFieldCount] = {1, 1, 1, 1, 1};
  uint16_t min_year_ = 0, max_year_ = 0;
};

// Builds a segment from patents added in document order. Not thread-safe; build segments in
// parallel with one builder each.
class SegmentBuilder {
 public:
  SegmentBuilder();
  ~SegmentBuilder();
  // Adds the patent as the next local document; returns its local id.
  uint32_t Add(const core::Patent& patent);
  uint32_t doc_count() const;
  // Finishes the segment; the builder is empty afterwards.
  std::shared_ptr<const Segment> Finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// The text of a field for indexing and highlighting (applicants and inventors joined by "; ").
std::string FieldText(const core::Patent& patent, int field);
uint32_t RegionNumber(std::string_view code);  // "120116" → 120116; 0 when not 6 digits

}  // namespace ipa::index
