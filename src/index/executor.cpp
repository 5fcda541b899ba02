#include "index/executor.hpp"

#include <algorithm>
#include <cmath>

namespace ipa::index {

double ScoreStats::Idf(const std::string& term) const {
  auto it = df.find(term);
  const double n = it == df.end() ? 0 : it->second;
  return std::log(1.0 + (doc_count - n + 0.5) / (n + 0.5));
}

void CollectTerms(const Node& node, std::vector<std::string>& out) {
  if (node.kind == NodeKind::kText && node.text().match != TextMatch::kPrefix) {
    for (const auto& t : node.text().tokens) out.push_back(t.term);
  }
  for (const auto& c : node.children) CollectTerms(c, out);
}

// One text leaf ready to score: a cursor per query token, positioned together on a doc.
struct SegmentExecutor::Leaf {
  std::vector<PostingCursor> cursors;
  std::vector<uint32_t> qpos;  // query position of each token
  std::vector<bool> positional;
  std::vector<uint32_t> df;
  FieldMask mask = kDefaultFields;
  float idf = 0;
};

SegmentExecutor::SegmentExecutor(const Segment& segment, const FieldParams& params,
                                 const ScoreStats& stats, core::Date as_of)
    : seg_(segment), params_(params), stats_(stats), as_of_(as_of) {}

bool SegmentExecutor::PrepareLeaf(const TextNode& text, Leaf& leaf) {
  leaf.mask = text.fields;
  double idf = 0;
  for (const auto& t : text.tokens) {
    const TermInfo* info = seg_.Find(t.term);
    if (!info) return false;
    leaf.cursors.push_back(seg_.Cursor(*info));
    leaf.qpos.push_back(t.position);
    leaf.positional.push_back(info->positional);
    leaf.df.push_back(info->df);
    idf += stats_.Idf(t.term);
  }
  leaf.idf = static_cast<float>(idf);
  return !leaf.cursors.empty();
}

// Occurrences of the leaf's tokens at their relative query positions in `field` of the current
// doc. A non-positional token (a Han unigram inside a phrase) only has to occur in the field.
static uint32_t PhraseTf(std::vector<PostingCursor>& cursors, const std::vector<uint32_t>& qpos,
                         const std::vector<bool>& positional, int field) {
  for (const auto& c : cursors) {
    if (c.tf(field) == 0) return 0;
  }
  if (cursors.size() == 1) return cursors[0].tf(field);
  size_t anchor = 0;
  while (anchor < cursors.size() && !positional[anchor]) ++anchor;
  if (anchor == cursors.size()) return cursors[0].tf(field);
  std::vector<uint32_t> starts(cursors[anchor].positions(field).begin(), cursors[anchor].positions(field).end());
  for (size_t i = 0; i < cursors.size() && !starts.empty(); ++i) {
    if (i == anchor || !positional[i]) continue;
    auto pos = cursors[i].positions(field);
    std::erase_if(starts, [&](uint32_t p) {
      const int64_t want = static_cast<int64_t>(p) + qpos[i] - qpos[anchor];
      return want < 0 || !std::binary_search(pos.begin(), pos.end(), static_cast<uint32_t>(want));
    });
  }
  return static_cast<uint32_t>(starts.size());
}

float SegmentExecutor::ScoreLeaf(Leaf& leaf, uint32_t doc, bool& matched) {
  float tfw = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (!(leaf.mask & (1u << f))) continue;
    const uint32_t tf = PhraseTf(leaf.cursors, leaf.qpos, leaf.positional, f);
    if (!tf) continue;
    const float len = seg_.cols().field_length[f][doc];
    const float norm = 1.0f - params_.b[f] + params_.b[f] * len / seg_.avg_field_length(f);
    tfw += params_.weight[f] * static_cast<float>(tf) / norm;
  }
  matched = tfw > 0;
  return leaf.idf * tfw * (params_.k1 + 1) / (params_.k1 + tfw);
}

DocSet SegmentExecutor::Conjunction(const std::vector<const Node*>& texts) {
  DocSet out;
  std::vector<Leaf> leaves(texts.size());
  std::vector<PostingCursor*> all;
  std::vector<uint32_t> dfs;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (!PrepareLeaf(texts[i]->text(), leaves[i])) return out;
  }
  for (auto& l : leaves) {
    for (size_t j = 0; j < l.cursors.size(); ++j) all.push_back(&l.cursors[j]);
  }
  std::vector<size_t> order(all.size());
  std::vector<uint32_t> df_flat;
  for (auto& l : leaves) df_flat.insert(df_flat.end(), l.df.begin(), l.df.end());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return df_flat[a] < df_flat[b]; });
  PostingCursor& lead = *all[order[0]];
  uint32_t doc = lead.doc();
  while (doc != kNoDoc) {
    bool aligned = true;
    for (size_t k = 1; k < order.size(); ++k) {
      const uint32_t d = all[order[k]]->Advance(doc);
      if (d != doc) {
        doc = d == kNoDoc ? kNoDoc : lead.Advance(d);
        aligned = false;
        break;
      }
    }
    if (!aligned) continue;
    float score = 0;
    bool ok = true;
    for (auto& l : leaves) {
      bool m = false;
      score += ScoreLeaf(l, doc, m);
      if (!m) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out.docs.push_back(doc);
      out.scores.push_back(score);
    }
    doc = lead.Next();
  }
  return out;
}

DocSet SegmentExecutor::EvalText(const Node& node) {
  const TextNode& text = node.text();
  if (text.match != TextMatch::kPrefix) return Conjunction({&node});
  // A prefix: the union of every dictionary word starting with it, each scored as a term.
  const std::string& prefix = text.tokens.at(0).term;
  auto [first, last] = seg_.PrefixRange(prefix);
  std::vector<std::pair<uint32_t, float>> hits;
  const float idf = static_cast<float>(std::log(1.0 + stats_.doc_count / 10.0));
  for (uint32_t t = first; t < last && t < first + 4096; ++t) {
    const TermInfo& info = seg_.term_info(t);
    Leaf leaf;
    leaf.mask = text.fields;
    leaf.cursors.push_back(seg_.Cursor(info));
    leaf.qpos.push_back(0);
    leaf.positional.push_back(info.positional);
    leaf.idf = idf;
    for (uint32_t d = leaf.cursors[0].doc(); d != kNoDoc; d = leaf.cursors[0].Next()) {
      bool m = false;
      const float s = ScoreLeaf(leaf, d, m);
      if (m) hits.emplace_back(d, s);
    }
  }
  std::sort(hits.begin(), hits.end());
  DocSet out;
  for (const auto& [d, s] : hits) {
    if (!out.docs.empty() && out.docs.back() == d) {
      out.scores.back() = std::max(out.scores.back(), s);
    } else {
      out.docs.push_back(d);
      out.scores.push_back(s);
    }
  }
  return out;
}

DocSet SegmentExecutor::All() {
  DocSet out;
  const uint32_t n = seg_.doc_count();
  out.docs.resize(n);
  for (uint32_t i = 0; i < n; ++i) out.docs[i] = i;
  out.scores.assign(n, 0.0f);
  return out;
}

// Column leaves, vectorised per kind: the per-doc predicate without re-deriving its constants.
static bool IsColumnLeaf(const Node& n) {
  return n.kind == NodeKind::kDate || n.kind == NodeKind::kIpc || n.kind == NodeKind::kRegion ||
         n.kind == NodeKind::kType || n.kind == NodeKind::kStatus;
}

namespace {
// A fast predicate for one column leaf.
class ColumnTest {
 public:
  ColumnTest(const Segment& seg, const Node& leaf, core::Date as_of) : c_(seg.cols()), kind_(leaf.kind) {
    if (kind_ == NodeKind::kIpc) {
      mask_.resize(seg.ipc_dict().size());
      for (size_t i = 0; i < mask_.size(); ++i) mask_[i] = core::IpcMatchesPrefix(seg.ipc_dict()[i].code, leaf.ipc().prefix);
    } else if (kind_ == NodeKind::kRegion) {
      const std::string& p = leaf.region().prefix;
      div_ = 1;
      for (size_t i = p.size(); i < 6; ++i) div_ *= 10;
      want_ = static_cast<uint32_t>(std::stoul(p));
    } else if (kind_ == NodeKind::kDate) {
      const DateNode& n = leaf.date();
      col_ = n.field == DateField::kFiling ? &c_.filing : n.field == DateField::kPublication ? &c_.publication : &c_.grant;
      from_ = n.from ? n.from->days : INT32_MIN + 1;
      to_ = n.to ? n.to->days : INT32_MAX;
    } else if (kind_ == NodeKind::kStatus) {
      day_ = leaf.status().on.value_or(as_of);
      statuses_ = leaf.status().statuses;
      status_column_ = seg.StatusColumn(day_);
    } else if (kind_ == NodeKind::kType) {
      type_ = static_cast<uint8_t>(leaf.type().type);
    }
  }
  bool operator()(uint32_t doc) const {
    switch (kind_) {
      case NodeKind::kDate: {
        const int32_t d = (*col_)[doc];
        return d >= from_ && d <= to_;
      }
      case NodeKind::kIpc:
        for (uint32_t i = c_.ipc_offsets[doc]; i < c_.ipc_offsets[doc + 1]; ++i) {
          if (mask_[c_.ipc_ids[i]]) return true;
        }
        return false;
      case NodeKind::kRegion: return c_.region[doc] != 0 && c_.region[doc] / div_ == want_;
      case NodeKind::kType: return c_.type[doc] == type_;
      case NodeKind::kStatus:
        return (statuses_ >> static_cast<int>(Segment::StatusOf(c_, status_column_.get(), doc, day_))) & 1u;
      default: return false;
    }
  }

 private:
  const DocColumns& c_;
  NodeKind kind_;
  std::vector<uint8_t> mask_;
  uint32_t div_ = 1, want_ = 0;
  const std::vector<int32_t>* col_ = nullptr;
  int32_t from_ = 0, to_ = 0;
  core::Date day_{};
  std::shared_ptr<const std::vector<uint8_t>> status_column_;  // when day_ is today
  uint16_t statuses_ = 0;
  uint8_t type_ = 0;
};
}  // namespace

bool SegmentExecutor::Matches(const Node& leaf, uint32_t doc) const {
  return IsColumnLeaf(leaf) && ColumnTest(seg_, leaf, as_of_)(doc);
}

DocSet SegmentExecutor::Scan(const Node& leaf) {
  ColumnTest test(seg_, leaf, as_of_);
  DocSet out;
  const uint32_t n = seg_.doc_count();
  for (uint32_t d = 0; d < n; ++d) {
    if (test(d)) out.docs.push_back(d);
  }
  out.scores.assign(out.docs.size(), 0.0f);
  return out;
}

DocSet SegmentExecutor::Subtract(DocSet a, const DocSet& b) {
  DocSet out;
  size_t j = 0;
  for (size_t i = 0; i < a.docs.size(); ++i) {
    while (j < b.docs.size() && b.docs[j] < a.docs[i]) ++j;
    if (j < b.docs.size() && b.docs[j] == a.docs[i]) continue;
    out.docs.push_back(a.docs[i]);
    out.scores.push_back(a.scores[i]);
  }
  return out;
}

static DocSet IntersectSum(const DocSet& a, const DocSet& b) {
  DocSet out;
  size_t i = 0, j = 0;
  while (i < a.docs.size() && j < b.docs.size()) {
    if (a.docs[i] < b.docs[j]) {
      ++i;
    } else if (b.docs[j] < a.docs[i]) {
      ++j;
    } else {
      out.docs.push_back(a.docs[i]);
      out.scores.push_back(a.scores[i] + b.scores[j]);
      ++i, ++j;
    }
  }
  return out;
}

static DocSet UnionSum(const DocSet& a, const DocSet& b) {
  DocSet out;
  size_t i = 0, j = 0;
  while (i < a.docs.size() || j < b.docs.size()) {
    if (j == b.docs.size() || (i < a.docs.size() && a.docs[i] < b.docs[j])) {
      out.docs.push_back(a.docs[i]);
      out.scores.push_back(a.scores[i++]);
    } else if (i == a.docs.size() || b.docs[j] < a.docs[i]) {
      out.docs.push_back(b.docs[j]);
      out.scores.push_back(b.scores[j++]);
    } else {
      out.docs.push_back(a.docs[i]);
      out.scores.push_back(a.scores[i++] + b.scores[j++]);
    }
  }
  return out;
}

DocSet SegmentExecutor::EvalOr(const std::vector<DocSet>& sets) {
  DocSet acc;
  for (const auto& s : sets) acc = UnionSum(acc, s);
  return acc;
}

DocSet SegmentExecutor::FilterText(const Node& node, DocSet in) {
  if (node.text().match == TextMatch::kPrefix) return IntersectSum(in, EvalText(node));
  Leaf leaf;
  DocSet out;
  if (!PrepareLeaf(node.text(), leaf)) return out;
  for (size_t i = 0; i < in.docs.size(); ++i) {
    const uint32_t doc = in.docs[i];
    bool on = true;
    for (auto& c : leaf.cursors) {
      const uint32_t d = c.Advance(doc);
      if (d == kNoDoc) return out;
      on = on && d == doc;
    }
    if (!on) continue;
    bool m = false;
    const float s = ScoreLeaf(leaf, doc, m);
    if (m) {
      out.docs.push_back(doc);
      out.scores.push_back(in.scores[i] + s);
    }
  }
  return out;
}

DocSet SegmentExecutor::Filter(const Node& node, DocSet in) {
  if (in.docs.empty()) return in;
  if (IsColumnLeaf(node)) {
    ColumnTest test(seg_, node, as_of_);
    DocSet out;
    for (size_t i = 0; i < in.docs.size(); ++i) {
      if (test(in.docs[i])) {
        out.docs.push_back(in.docs[i]);
        out.scores.push_back(in.scores[i]);
      }
    }
    return out;
  }
  switch (node.kind) {
    case NodeKind::kText: return FilterText(node, std::move(in));
    case NodeKind::kNot: {
      DocSet matched = Filter(node.children[0], in);
      return Subtract(std::move(in), matched);
    }
    case NodeKind::kAnd:
      for (const auto& c : node.children) in = Filter(c, std::move(in));
      return in;
    case NodeKind::kOr: {
      std::vector<DocSet> parts;
      for (const auto& c : node.children) {
        DocSet m = Filter(c, in);
        parts.push_back(std::move(m));
      }
      // Each part carries in's score once; the union must too: take the max per doc.
      DocSet acc;
      for (auto& p : parts) {
        DocSet merged;
        size_t i = 0, j = 0;
        while (i < acc.docs.size() || j < p.docs.size()) {
          if (j == p.docs.size() || (i < acc.docs.size() && acc.docs[i] < p.docs[j])) {
            merged.docs.push_back(acc.docs[i]);
            merged.scores.push_back(acc.scores[i++]);
          } else if (i == acc.docs.size() || p.docs[j] < acc.docs[i]) {
            merged.docs.push_back(p.docs[j]);
            merged.scores.push_back(p.scores[j++]);
          } else {
            merged.docs.push_back(acc.docs[i]);
            merged.scores.push_back(std::max(acc.scores[i++], p.scores[j++]));
          }
        }
        acc = std::move(merged);
      }
      return acc;
    }
    default: return in;
  }
}

DocSet SegmentExecutor::EvalAnd(const Node& node) {
  std::vector<const Node*> texts, rest;
  for (const auto& c : node.children) {
    if (c.kind == NodeKind::kText && c.text().match != TextMatch::kPrefix) {
      texts.push_back(&c);
    } else {
      rest.push_back(&c);
    }
  }
  DocSet set;
  if (!texts.empty()) {
    set = Conjunction(texts);
  } else {
    auto first = std::find_if(rest.begin(), rest.end(), [](const Node* n) { return n->kind != NodeKind::kNot; });
    if (first == rest.end()) {
      set = All();
    } else {
      set = Eval(**first);
      rest.erase(first);
    }
  }
  // Cheap column tests first, then text and compound filters, each group in query order.
  // (Not std::stable_sort: its temporary buffer is deprecated under clang 19 with libstdc++ 12.)
  for (const Node* c : rest) {
    if (IsColumnLeaf(*c)) set = Filter(*c, std::move(set));
  }
  for (const Node* c : rest) {
    if (!IsColumnLeaf(*c)) set = Filter(*c, std::move(set));
  }
  return set;
}

DocSet SegmentExecutor::Eval(const Node& node) {
  if (IsColumnLeaf(node)) return Scan(node);
  switch (node.kind) {
    case NodeKind::kText: return EvalText(node);
    case NodeKind::kAnd: return EvalAnd(node);
    case NodeKind::kOr: {
      std::vector<DocSet> sets;
      for (const auto& c : node.children) sets.push_back(Eval(c));
      return EvalOr(sets);
    }
    case NodeKind::kNot: return Subtract(All(), Eval(node.children[0]));
    default: return {};
  }
}

}  // namespace ipa::index
