// The postings codec: varints, random lists written and read back by Next and by Advance to
// random targets (across skip blocks), positional and not.
#include <gtest/gtest.h>

#include <random>

#include "index/postings.hpp"

namespace ipa::index {
namespace {

TEST(PostingsTest, VarintsRoundTrip) {
  std::string buf;
  const std::vector<uint32_t> values = {0, 1, 127, 128, 16383, 16384, 1u << 28, 0xFFFFFFFFu};
  for (uint32_t v : values) PutVarint(buf, v);
  EXPECT_EQ(buf.size(), 1 + 1 + 1 + 2 + 2 + 3 + 5 + 5u);
  const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
  for (uint32_t v : values) EXPECT_EQ(GetVarint(p), v);
}

struct RefDoc {
  uint32_t doc;
  uint8_t tf[kFieldCount];
  std::vector<uint32_t> pos[kFieldCount];
};

std::vector<RefDoc> RandomList(std::mt19937& rng, size_t n) {
  std::vector<RefDoc> docs;
  uint32_t doc = rng() % 5;
  for (size_t i = 0; i < n; ++i) {
    RefDoc d{doc, {}, {}};
    for (int f = 0; f < kFieldCount; ++f) {
      if (rng() % 3 == 0 || (f == kFieldCount - 1 && d.pos[0].empty() && d.pos[1].empty() && d.pos[2].empty() && d.pos[3].empty())) {
        uint32_t p = rng() % 50;
        for (unsigned k = 1 + rng() % 4; k > 0; --k) {
          d.pos[f].push_back(p);
          p += 1 + rng() % 300;
        }
        d.tf[f] = static_cast<uint8_t>(d.pos[f].size());
      }
    }
    docs.push_back(d);
    doc += 1 + (rng() % 4 == 0 ? rng() % 100000 : rng() % 3);
  }
  return docs;
}

void Check(const PostingCursor& c, const RefDoc& want, bool positional) {
  ASSERT_EQ(c.doc(), want.doc);
  for (int f = 0; f < kFieldCount; ++f) {
    EXPECT_EQ(c.tf(f), want.tf[f]);
    if (positional) {
      auto got = c.positions(f);
      EXPECT_EQ(std::vector<uint32_t>(got.begin(), got.end()), want.pos[f]);
    }
  }
}

TEST(PostingsTest, RandomListsRoundTripByNextAndAdvance) {
  std::mt19937 rng(42);
  for (bool positional : {true, false}) {
    for (size_t n : {size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{1000}, size_t{5000}}) {
      const auto ref = RandomList(rng, n);
      PostingsWriter w(positional);
      for (const auto& d : ref) {
        const uint32_t* ptrs[kFieldCount];
        for (int f = 0; f < kFieldCount; ++f) ptrs[f] = d.pos[f].data();
        w.Add(d.doc, d.tf, ptrs);
      }
      EXPECT_EQ(w.doc_count(), n);
      EXPECT_EQ(w.skips.size(), (n + kSkipInterval - 1) / kSkipInterval);
      auto open = [&] {
        return PostingCursor(reinterpret_cast<const uint8_t*>(w.bytes.data()), w.bytes.size(),
                             reinterpret_cast<const uint8_t*>(w.positions.data()), w.skips, positional);
      };
      PostingCursor c = open();
      for (const auto& d : ref) {
        Check(c, d, positional);
        c.Next();
      }
      EXPECT_EQ(c.doc(), kNoDoc);
      for (int trial = 0; trial < 50; ++trial) {
        PostingCursor a = open();
        uint32_t target = 0;
        size_t idx = 0;
        while (true) {
          target += rng() % 20000;
          while (idx < ref.size() && ref[idx].doc < target) ++idx;
          const uint32_t got = a.Advance(target);
          if (idx == ref.size()) {
            EXPECT_EQ(got, kNoDoc);
            break;
          }
          Check(a, ref[idx], positional);
        }
      }
    }
  }
}

TEST(PostingsTest, EmptyListIsExhausted) {
  PostingCursor c(nullptr, 0, nullptr, {}, true);
  EXPECT_EQ(c.doc(), kNoDoc);
  EXPECT_EQ(c.Advance(5), kNoDoc);
}

}  // namespace
}  // namespace ipa::index
