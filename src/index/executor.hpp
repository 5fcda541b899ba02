// Executes a query tree over one segment: the matching local doc ids in ascending order with
// their BM25F scores. Conjunctions of text leaves run as one leapfrog over all their postings
// (skipping blocks); other children of an AND filter the candidates; column leaves test the
// columnar arrays. Internal to search.cpp and tests.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/query.hpp"
#include "index/segment.hpp"

namespace ipa::index {

struct DocSet {
  std::vector<uint32_t> docs;  // ascending local ids
  std::vector<float> scores;   // parallel to docs
};

// Collection-wide statistics for scoring, so every segment scores alike.
struct ScoreStats {
  double doc_count = 1;
  std::unordered_map<std::string, uint32_t> df;  // per query term, summed over segments
  double Idf(const std::string& term) const;
};

class SegmentExecutor {
 public:
  SegmentExecutor(const Segment& segment, const FieldParams& params, const ScoreStats& stats,
                  core::Date as_of);
  // Every live and deleted doc matching the node (callers drop deleted ones).
  DocSet Eval(const Node& node);
  // True when a column leaf (date, IPC, region, type, status) matches doc.
  bool Matches(const Node& leaf, uint32_t doc) const;

 private:
  struct Leaf;
  DocSet EvalAnd(const Node& node);
  DocSet EvalOr(const std::vector<DocSet>& sets);
  DocSet EvalText(const Node& node);
  DocSet Conjunction(const std::vector<const Node*>& texts);
  DocSet Filter(const Node& node, DocSet in);
  DocSet FilterText(const Node& node, DocSet in);
  DocSet All();
  DocSet Scan(const Node& leaf);
  DocSet Subtract(DocSet a, const DocSet& b);
  bool PrepareLeaf(const TextNode& text, Leaf& leaf);
  float ScoreLeaf(Leaf& leaf, uint32_t doc, bool& matched);

  const Segment& seg_;
  const FieldParams& params_;
  const ScoreStats& stats_;
  core::Date as_of_;
};

// Every term a query's text leaves look up (prefixes excluded), for ScoreStats.
void CollectTerms(const Node& node, std::vector<std::string>& out);

}  // namespace ipa::index
