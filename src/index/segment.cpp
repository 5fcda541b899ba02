#include "index/segment.hpp"

#include <algorithm>

#include "core/applicant_name.hpp"
#include "core/ipc_reference.hpp"

namespace ipa::index {
namespace {

constexpr uint32_t kValueGap = 100;  // positions between values of a multi-valued field

std::string JoinValues(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

std::string Both(const std::string& zh, const std::string& en) {
  if (zh.empty()) return en;
  if (en.empty()) return zh;
  return zh + "\n" + en;
}

}  // namespace

std::string FieldText(const core::Patent& p, int field) {
  switch (field) {
    case 0: return Both(p.title_zh, p.title_en);
    case 1: return Both(p.abstract_zh, p.abstract_en);
    case 2: return p.first_claim;
    case 3: {
      std::vector<std::string> names;
      for (const auto& a : p.applicants) names.push_back(a.name);
      return JoinValues(names);
    }
    default: return JoinValues(p.inventors);
  }
}

uint32_t RegionNumber(std::string_view code) {
  if (code.size() != 6) return 0;
  uint32_t v = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  return v;
}

const TermInfo* Segment::Find(std::string_view term) const {
  auto it = lookup_.find(term);
  return it == lookup_.end() ? nullptr : &infos_[it->second];
}

std::pair<uint32_t, uint32_t> Segment::PrefixRange(std::string_view prefix) const {
  auto lo = std::lower_bound(terms_.begin(), terms_.end(), prefix,
                             [](const std::string& t, std::string_view p) { return std::string_view(t) < p; });
  auto hi = lo;
  while (hi != terms_.end() && std::string_view(*hi).starts_with(prefix)) ++hi;
  return {static_cast<uint32_t>(lo - terms_.begin()), static_cast<uint32_t>(hi - terms_.begin())};
}

PostingCursor Segment::Cursor(const TermInfo& info) const {
  return PostingCursor(reinterpret_cast<const uint8_t*>(postings_.data()) + info.bytes_begin,
                       info.bytes_end - info.bytes_begin,
                       std::span<const SkipEntry>(skips_.data() + info.skips_begin, info.skips_end - info.skips_begin),
                       info.positional);
}

size_t Segment::MemoryBytes() const {
  size_t n = postings_.capacity() + skips_.capacity() * sizeof(SkipEntry) + infos_.capacity() * sizeof(TermInfo);
  for (const auto& t : terms_) n += sizeof(std::string) + (t.size() > 15 ? t.capacity() : 0);
  n += lookup_.size() * (sizeof(std::string_view) + sizeof(uint32_t) + 16) + lookup_.bucket_count() * 8;
  auto strings = [](const std::vector<std::string>& v) {
    size_t s = v.capacity() * sizeof(std::string);
    for (const auto& x : v) s += x.size() > 15 ? x.capacity() : 0;
    return s;
  };
  const DocColumns& c = cols_;
  n += strings(c.application_number) + strings(c.publication_number) + strings(c.title);
  n += c.region.capacity() * 4 + c.type.capacity() + (c.filing.capacity() + c.publication.capacity() + c.grant.capacity()) * 4 +
       (c.filing_year.capacity() + c.grant_year.capacity()) * 2;
  n += c.facts.capacity() * sizeof(core::LegalFacts) + c.wipo.capacity();
  n += (c.ipc_offsets.capacity() + c.ipc_ids.capacity() + c.applicant_offsets.capacity() + c.applicant_ids.capacity()) * 4;
  for (const auto& l : c.field_length) n += l.capacity() * 2;
  n += strings(applicant_names_) + strings(applicant_keys_) + ipc_dict_.capacity() * sizeof(IpcEntry);
  return n;
}

struct SegmentBuilder::State {
  struct Entry {
    uint32_t term;
    uint32_t field;
    uint32_t position;
    bool operator<(const Entry& o) const {
      return term != o.term ? term < o.term : field != o.field ? field < o.field : position < o.position;
    }
  };
  Tokenizer tokenizer;
  std::unordered_map<std::string, uint32_t> term_ids;
  std::vector<std::string> term_text;
  std::vector<PostingsWriter> writers;
  std::vector<Entry> doc_entries;
  std::unordered_map<std::string, uint32_t> ipc_ids;
  std::unordered_map<std::string, uint32_t> subclass_ids;
  std::unordered_map<std::string, uint32_t> applicant_ids;
  std::shared_ptr<Segment> seg = std::make_shared<Segment>();
  double total_len[kFieldCount] = {};

  uint32_t TermId(std::string_view term, TermKind kind) {
    auto it = term_ids.find(std::string(term));
    if (it != term_ids.end()) return it->second;
    const auto id = static_cast<uint32_t>(writers.size());
    term_ids.emplace(std::string(term), id);
    term_text.emplace_back(term);
    writers.emplace_back(kind != TermKind::kHanUnigram);
    return id;
  }

  void IndexText(uint32_t doc, const core::Patent& p) {
    doc_entries.clear();
    for (int f = 0; f < kFieldCount; ++f) {
      uint32_t tokens = 0;
      auto sink = [&](const Token& t) {
        doc_entries.push_back({TermId(t.term, t.kind), static_cast<uint32_t>(f), t.position});
        ++tokens;
      };
      if (f >= 3) {  // multi-valued: a gap between values stops phrases crossing them
        const auto values = f == 3 ? [&] {
          std::vector<std::string> v;
          for (const auto& a : p.applicants) v.push_back(a.name);
          return v;
        }() : p.inventors;
        uint32_t pos = 0;
        for (const auto& v : values) pos = tokenizer.Tokenize(v, TokenizeMode::kIndex, sink, pos) + kValueGap;
      } else {
        tokenizer.Tokenize(FieldText(p, f), TokenizeMode::kIndex, sink);
      }
      seg->cols_.field_length[f].push_back(static_cast<uint16_t>(std::min<uint32_t>(tokens, 65535)));
      total_len[f] += tokens;
    }
    std::sort(doc_entries.begin(), doc_entries.end());
    std::vector<uint32_t> positions[kFieldCount];
    size_t i = 0;
    while (i < doc_entries.size()) {
      const uint32_t term = doc_entries[i].term;
      uint8_t tf[kFieldCount] = {};
      for (auto& v : positions) v.clear();
      for (; i < doc_entries.size() && doc_entries[i].term == term; ++i) {
        const auto f = doc_entries[i].field;
        if (tf[f] < 255) {
          ++tf[f];
          positions[f].push_back(doc_entries[i].position);
        }
      }
      const uint32_t* ptrs[kFieldCount];
      for (int f = 0; f < kFieldCount; ++f) ptrs[f] = positions[f].data();
      writers[term].Add(doc, tf, ptrs);
    }
  }

  void AddColumns(const core::Patent& p) {
    DocColumns& c = seg->cols_;
    c.application_number.push_back(p.application_number);
    c.publication_number.push_back(p.publication_number);
    c.title.push_back(p.title_zh.empty() ? p.title_en : p.title_zh);
    c.region.push_back(RegionNumber(p.region_code));
    c.type.push_back(static_cast<uint8_t>(p.type));
    auto day = [](const std::optional<core::Date>& d) { return d ? d->days : kNoDate; };
    c.filing.push_back(day(p.filing_date));
    c.publication.push_back(day(p.publication_date));
    c.grant.push_back(day(p.grant_date));
    auto year = [](const std::optional<core::Date>& d) {
      int y = 0;
      unsigned m = 0, dd = 0;
      if (d) core::SplitDate(*d, y, m, dd);
      return static_cast<uint16_t>(y);
    };
    c.filing_year.push_back(year(p.filing_date));
    c.grant_year.push_back(year(p.grant_date));
    c.facts.push_back(core::CompileFacts(p));
    const auto wipo = p.ipc.empty() ? std::nullopt : core::WipoFieldFor(p.ipc.front());
    c.wipo.push_back(static_cast<uint8_t>(wipo.value_or(0)));
    for (const auto& code : p.ipc) {
      auto it = ipc_ids.find(code);
      if (it == ipc_ids.end()) {
        auto parsed = core::ParseIpcCode(code);
        if (!parsed) continue;
        it = ipc_ids.emplace(code, static_cast<uint32_t>(seg->ipc_dict_.size())).first;
        std::string sub = parsed->SubclassString();
        auto sit = subclass_ids.find(sub);
        if (sit == subclass_ids.end()) {
          sit = subclass_ids.emplace(sub, static_cast<uint32_t>(seg->subclasses_.size())).first;
          seg->subclasses_.push_back(sub);
        }
        seg->ipc_dict_.push_back({*parsed, std::move(sub), sit->second, parsed->section});
      }
      if (std::find(c.ipc_ids.begin() + c.ipc_offsets.back(), c.ipc_ids.end(), it->second) == c.ipc_ids.end()) {
        c.ipc_ids.push_back(it->second);
      }
    }
    c.ipc_offsets.push_back(static_cast<uint32_t>(c.ipc_ids.size()));
    for (const auto& a : p.applicants) {
      std::string key = core::ApplicantKey(a.name);
      if (key.empty()) continue;
      auto it = applicant_ids.find(key);
      if (it == applicant_ids.end()) {
        it = applicant_ids.emplace(key, static_cast<uint32_t>(seg->applicant_names_.size())).first;
        seg->applicant_names_.push_back(a.name);
        seg->applicant_keys_.push_back(std::move(key));
      }
      if (std::find(c.applicant_ids.begin() + c.applicant_offsets.back(), c.applicant_ids.end(), it->second) ==
          c.applicant_ids.end()) {
        c.applicant_ids.push_back(it->second);
      }
    }
    c.applicant_offsets.push_back(static_cast<uint32_t>(c.applicant_ids.size()));
  }
};

SegmentBuilder::SegmentBuilder() : s_(std::make_unique<State>()) {}
SegmentBuilder::~SegmentBuilder() = default;

uint32_t SegmentBuilder::doc_count() const { return s_->seg->doc_count(); }

uint32_t SegmentBuilder::Add(const core::Patent& patent) {
  const uint32_t doc = doc_count();
  s_->AddColumns(patent);
  s_->IndexText(doc, patent);
  return doc;
}

std::shared_ptr<const Segment> SegmentBuilder::Finish() {
  State& s = *s_;
  Segment& seg = *s.seg;
  const uint32_t n = seg.doc_count();
  for (int f = 0; f < kFieldCount; ++f) {
    seg.avg_len_[f] = n ? std::max(1.0f, static_cast<float>(s.total_len[f] / n)) : 1.0f;
  }
  std::vector<uint32_t> order(s.writers.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return s.term_text[a] < s.term_text[b]; });
  size_t total = 0, total_skips = 0;
  for (const auto& w : s.writers) {
    total += w.bytes.size();
    total_skips += w.skips.size();
  }
  seg.postings_.reserve(total);
  seg.skips_.reserve(total_skips);
  seg.terms_.reserve(order.size());
  seg.infos_.reserve(order.size());
  for (uint32_t id : order) {
    PostingsWriter& w = s.writers[id];
    TermInfo info;
    info.df = w.doc_count();
    info.positional = w.positional();
    info.bytes_begin = static_cast<uint32_t>(seg.postings_.size());
    seg.postings_ += w.bytes;
    info.bytes_end = static_cast<uint32_t>(seg.postings_.size());
    info.skips_begin = static_cast<uint32_t>(seg.skips_.size());
    seg.skips_.insert(seg.skips_.end(), w.skips.begin(), w.skips.end());
    info.skips_end = static_cast<uint32_t>(seg.skips_.size());
    std::string().swap(w.bytes);
    std::vector<SkipEntry>().swap(w.skips);
    seg.terms_.push_back(std::move(s.term_text[id]));
    seg.infos_.push_back(info);
  }
  seg.lookup_.reserve(seg.terms_.size());
  for (uint32_t i = 0; i < seg.terms_.size(); ++i) seg.lookup_.emplace(seg.terms_[i], i);
  std::shared_ptr<const Segment> out = std::move(s.seg);
  s_ = std::make_unique<State>();
  return out;
}

}  // namespace ipa::index
