// Compressed postings of one term: per document a varint docid delta, a header byte (one field
// with tf < 16: 1fff tttt; else the field mask followed by a varint tf per field present) and,
// for positional terms, per field the varint position deltas. A skip entry (first docid, byte offset) every kSkipInterval documents lets a
// cursor jump over blocks. Format and reasons: docs/search-engine.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ipa::index {

inline constexpr int kFieldCount = 5;  // title, abstract, claims, applicant, inventor (FieldMask bits)
inline constexpr uint32_t kSkipInterval = 64;
inline constexpr uint32_t kNoDoc = 0xFFFFFFFFu;

inline void PutVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline uint32_t GetVarint(const uint8_t*& p) {
  uint32_t v = *p & 0x7F;
  if (*p++ < 0x80) return v;
  for (int shift = 7;; shift += 7) {
    v |= static_cast<uint32_t>(*p & 0x7F) << shift;
    if (*p++ < 0x80) return v;
  }
}

struct SkipEntry {
  uint32_t last_doc_before;  // docid of the document before this block (delta base)
  uint32_t offset;           // byte offset of the block's first document
  uint32_t pos_offset;       // byte offset of its positions in the positions stream
};

// One document's occurrences of a term, as the builder hands them over: positions per field in
// ascending order (empty position lists for non-positional terms, with tf in `tf`).
struct DocOccurrences {
  uint32_t doc = 0;
  uint8_t tf[kFieldCount] = {};
  std::vector<uint32_t> positions[kFieldCount];
};

// Appends documents in ascending docid order.
class PostingsWriter {
 public:
  explicit PostingsWriter(bool positional) : positional_(positional) {}
  // Precondition: doc greater than the previous doc; at least one tf > 0.
  void Add(uint32_t doc, const uint8_t* tf, const uint32_t* const* field_positions);
  uint32_t doc_count() const { return df_; }
  bool positional() const { return positional_; }
  std::string bytes;      // the document stream
  std::string positions;  // the positions stream
  std::vector<SkipEntry> skips;

 private:
  bool positional_;
  uint32_t df_ = 0;
  uint32_t last_doc_ = 0;
};

// The read side: a forward-only cursor. Not thread-safe; cheap to create.
class PostingCursor {
 public:
  PostingCursor() = default;
  PostingCursor(const uint8_t* data, size_t size, const uint8_t* positions, std::span<const SkipEntry> skips,
                bool positional);
  uint32_t doc() const { return doc_; }  // kNoDoc when exhausted
  // Moves to the first document >= target (no-op when already there). Returns doc().
  uint32_t Advance(uint32_t target);
  uint32_t Next();
  uint32_t tf(int field) const { return tf_[field]; }
  uint8_t fields() const { return mask_; }
  // Positions of the current document in `field` (positional terms only).
  std::span<const uint32_t> positions(int field) const;

 private:
  void DecodeCurrent();
  void ReadPositions() const;
  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_begin_ = nullptr;
  // Positions are read lazily: pos_ points at the positions of the first document not yet
  // read past; skip_ counts the positions of documents passed since then.
  mutable const uint8_t* pos_ = nullptr;
  mutable uint32_t skip_ = 0;
  mutable bool read_ = false;  // the current document's positions are in pos_buf_
  uint32_t total_tf_ = 0;      // of the current document
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  std::span<const SkipEntry> skips_;
  bool positional_ = false;
  uint32_t doc_ = kNoDoc;
  uint32_t ord_ = 0;  // index of the current doc in the list
  uint8_t mask_ = 0;
  uint32_t tf_[kFieldCount] = {};
  mutable std::vector<uint32_t> pos_buf_[kFieldCount];
};

}  // namespace ipa::index
