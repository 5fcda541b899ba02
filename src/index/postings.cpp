#include "index/postings.hpp"

#include <algorithm>

namespace ipa::index {

namespace {
inline uint8_t* PutVarintRaw(uint8_t* out, uint32_t v) {
  while (v >= 0x80) {
    *out++ = static_cast<uint8_t>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<uint8_t>(v);
  return out;
}
}  // namespace

void PostingsWriter::Add(uint32_t doc, const uint8_t* tf, const uint32_t* const* field_positions) {
  if (df_ % kSkipInterval == 0) {
    skips.push_back({df_ == 0 ? 0 : last_doc_, static_cast<uint32_t>(bytes.size()),
                     static_cast<uint32_t>(positions.size())});
  }
  // Encoded into a local buffer, appended once: docid delta (≤ 5 bytes), header, ≤ 5 tfs.
  uint8_t head[5 + 1 + 5 * 5];
  // The first doc of a block is written as a delta from the previous doc too; the skip entry
  // keeps that base so a cursor can start decoding at the block.
  uint8_t* h = PutVarintRaw(head, df_ == 0 ? doc : doc - last_doc_);
  uint8_t mask = 0;
  int fields = 0, only = 0;
  uint32_t total_tf = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (!tf[f]) continue;
    mask |= static_cast<uint8_t>(1u << f);
    ++fields;
    only = f;
    total_tf += tf[f];
  }
  // The common case, one field and tf < 16, takes one byte: 1fff tttt. Else the field mask
  // (0 + 5 bits) and a varint tf per field.
  const bool compact = fields == 1 && tf[only] < 16;
  *h++ = static_cast<uint8_t>(compact ? 0x80 | (only << 4) | tf[only] : mask);
  if (!compact) {
    for (int f = 0; f < kFieldCount; ++f) {
      if (tf[f]) h = PutVarintRaw(h, tf[f]);
    }
  }
  bytes.append(reinterpret_cast<const char*>(head), static_cast<size_t>(h - head));
  if (positional_) {
    const size_t old = positions.size();
    positions.resize(old + total_tf * 5);
    auto* out = reinterpret_cast<uint8_t*>(positions.data() + old);
    auto* p = out;
    for (int f = 0; f < kFieldCount; ++f) {
      uint32_t prev = 0;
      for (uint32_t i = 0; i < tf[f]; ++i) {
        p = PutVarintRaw(p, field_positions[f][i] - prev);
        prev = field_positions[f][i];
      }
    }
    positions.resize(old + static_cast<size_t>(p - out));
  }
  last_doc_ = doc;
  ++df_;
}

PostingCursor::PostingCursor(const uint8_t* data, size_t size, const uint8_t* positions,
                             std::span<const SkipEntry> skips, bool positional)
    : begin_(data), pos_begin_(positions), pos_(positions), p_(data), end_(data + size), skips_(skips),
      positional_(positional) {
  doc_ = 0;
  ord_ = 0;
  if (p_ == end_) {
    doc_ = kNoDoc;
    return;
  }
  doc_ = GetVarint(p_);
  DecodeCurrent();
}

void PostingCursor::DecodeCurrent() {
  if (!read_) skip_ += total_tf_;  // the previous document's positions stay unread
  read_ = false;
  total_tf_ = 0;
  const uint8_t head = *p_++;
  const bool compact = head & 0x80;
  mask_ = compact ? static_cast<uint8_t>(1u << ((head >> 4) & 7)) : head;
  for (int f = 0; f < kFieldCount; ++f) {
    if (!(mask_ & (1u << f))) {
      tf_[f] = 0;
      continue;
    }
    tf_[f] = compact ? head & 15u : GetVarint(p_);
    total_tf_ += tf_[f];
  }
}

uint32_t PostingCursor::Next() {
  if (doc_ == kNoDoc) return doc_;
  if (p_ >= end_) return doc_ = kNoDoc;
  doc_ += GetVarint(p_);
  ++ord_;
  DecodeCurrent();
  return doc_;
}

uint32_t PostingCursor::Advance(uint32_t target) {
  if (doc_ >= target) return doc_;
  // Jump to the last block whose preceding doc is below the target, if it is ahead of us.
  const size_t cur_block = ord_ / kSkipInterval;
  // Most targets of a leapfrog lie in the current or the next few blocks: look at the next
  // block first, then gallop, then binary-search the bracketed range.
  size_t block = cur_block;
  if (cur_block + 1 < skips_.size() && skips_[cur_block + 1].last_doc_before < target) {
    size_t lo = cur_block + 1, step = 1;  // skips_[lo].last_doc_before < target
    while (lo + step < skips_.size() && skips_[lo + step].last_doc_before < target) {
      lo += step;
      step *= 2;
    }
    const size_t hi = std::min(lo + step, skips_.size());
    auto it = std::upper_bound(skips_.begin() + static_cast<long>(lo) + 1, skips_.begin() + static_cast<long>(hi), target,
                               [](uint32_t t, const SkipEntry& s) { return t <= s.last_doc_before; });
    block = static_cast<size_t>(it - skips_.begin()) - 1;
  }
  if (block > cur_block) {
    p_ = begin_ + skips_[block].offset;
    pos_ = pos_begin_ + skips_[block].pos_offset;
    skip_ = 0;
    total_tf_ = 0;
    read_ = true;
    ord_ = static_cast<uint32_t>(block * kSkipInterval);
    doc_ = skips_[block].last_doc_before + GetVarint(p_);
    DecodeCurrent();
  }
  while (doc_ < target) Next();
  return doc_;
}

void PostingCursor::ReadPositions() const {
  for (; skip_ > 0; --skip_) {
    while (*pos_++ & 0x80) {
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    pos_buf_[f].clear();
    uint32_t prev = 0;
    for (uint32_t i = 0; i < tf_[f]; ++i) {
      prev += GetVarint(pos_);
      pos_buf_[f].push_back(prev);
    }
  }
  read_ = true;
}

std::span<const uint32_t> PostingCursor::positions(int field) const {
  if (!positional_ || !(mask_ & (1u << field))) return {};
  if (!read_) ReadPositions();
  return pos_buf_[field];
}

}  // namespace ipa::index
