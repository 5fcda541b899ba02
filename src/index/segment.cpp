#include "index/segment.hpp"

#include <algorithm>
#include <cstring>

#include "core/applicant_name.hpp"
#include "core/date.hpp"
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
  const auto* base = reinterpret_cast<const uint8_t*>(postings_.data());
  return PostingCursor(base + info.bytes_begin, info.positions_begin - info.bytes_begin, base + info.positions_begin,
                       std::span<const SkipEntry>(skips_.data() + info.skips_begin, info.skips_end - info.skips_begin),
                       info.positional);
}

std::shared_ptr<const std::vector<uint8_t>> Segment::StatusColumn(core::Date as_of) const {
  const core::Date today = core::Today();
  if (as_of != today) return nullptr;
  std::lock_guard lock(status_mu_);
  if (status_day_ != today || !status_today_) {
    auto column = std::make_shared<std::vector<uint8_t>>(cols_.facts.size());
    for (size_t d = 0; d < cols_.facts.size(); ++d) (*column)[d] = static_cast<uint8_t>(cols_.facts[d].StatusOn(today));
    status_today_ = std::move(column);
    status_day_ = today;
  }
  return status_today_;
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
  n += c.application_number.MemoryBytes() + c.publication_number.MemoryBytes() + c.title.MemoryBytes();
  n += c.region.capacity() * 4 + c.type.capacity() + (c.filing.capacity() + c.publication.capacity() + c.grant.capacity()) * 4 +
       (c.filing_year.capacity() + c.grant_year.capacity()) * 2;
  n += c.facts.capacity() * sizeof(core::LegalFacts) + c.wipo.capacity();
  n += (c.ipc_offsets.capacity() + c.ipc_ids.capacity() + c.applicant_offsets.capacity() + c.applicant_ids.capacity()) * 4;
  for (const auto& l : c.field_length) n += l.capacity() * 2;
  n += strings(applicant_names_) + strings(applicant_keys_) + ipc_dict_.capacity() * sizeof(IpcEntry);
  n += applicant_hashes_.capacity() * sizeof(uint64_t) + cols_.facts.size();  // the status column for today
  return n;
}

// Short terms (up to 7 bytes: every Han unigram and bigram, most words) packed with their
// length into a 64-bit key in an open-addressing table; longer ones in a string map.
class TermTable {
 public:
  static bool Packable(std::string_view t) { return t.size() <= 7; }
  static uint64_t Pack(std::string_view t) {
    uint64_t k = 0;
    std::memcpy(&k, t.data(), t.size());
    return k | (uint64_t{t.size()} << 56);
  }
  // The id of `term`, or kNoDoc when absent.
  uint32_t Find(uint64_t key) const {
    if (slots_.empty()) return kNoDoc;
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].id == kNoDoc) return kNoDoc;
      if (slots_[i].key == key) return slots_[i].id;
    }
  }
  void Insert(uint64_t key, uint32_t id) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Put(key, id);
    ++size_;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t id = kNoDoc;
  };
  static size_t Hash(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20); }
  void Put(uint64_t key, uint32_t id) {
    size_t i = Hash(key) & mask_;
    while (slots_[i].id != kNoDoc) i = (i + 1) & mask_;
    slots_[i] = {key, id};
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1u << 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const auto& s : old) {
      if (s.id != kNoDoc) Put(s.key, s.id);
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

struct SegmentBuilder::State {
  // One occurrence in the current doc: term (high 29 bits), field (3 bits), position (32 bits),
  // so one integer sort groups a doc's occurrences by term, then field, then position.
  static uint64_t Entry(uint32_t term, uint32_t field, uint32_t position) {
    return (uint64_t{term} << 35) | (uint64_t{field} << 32) | position;
  }
  Tokenizer tokenizer;
  TermTable short_terms;
  std::unordered_map<std::string, uint32_t> long_terms;
  std::vector<std::string> term_text;
  std::vector<PostingsWriter> writers;
  std::vector<uint64_t> doc_entries;
  std::vector<uint32_t> flat_positions;
  std::vector<std::string> values;
  std::unordered_map<std::string, uint32_t> ipc_ids;
  std::unordered_map<std::string, uint32_t> subclass_ids;
  std::unordered_map<std::string, uint32_t> applicant_ids;
  std::shared_ptr<Segment> seg = std::make_shared<Segment>();
  double total_len[kFieldCount] = {};

  uint32_t NewTerm(std::string_view term, TermKind kind) {
    const auto id = static_cast<uint32_t>(writers.size());
    term_text.emplace_back(term);
    writers.emplace_back(kind != TermKind::kHanUnigram);
    return id;
  }

  // Han unigrams of the BMP (3 UTF-8 bytes, every second token of Chinese text) by code point.
  std::vector<uint32_t> unigram_ids = std::vector<uint32_t>(0x10000, kNoDoc);

  uint32_t TermId(std::string_view term, TermKind kind) {
    if (kind == TermKind::kHanUnigram && term.size() == 3) {
      const auto* b = reinterpret_cast<const uint8_t*>(term.data());
      const uint32_t cp = ((b[0] & 0x0Fu) << 12) | ((b[1] & 0x3Fu) << 6) | (b[2] & 0x3Fu);
      uint32_t& id = unigram_ids[cp];
      if (id == kNoDoc) id = NewTerm(term, kind);
      return id;
    }
    if (TermTable::Packable(term)) {
      const uint64_t key = TermTable::Pack(term);
      uint32_t id = short_terms.Find(key);
      if (id == kNoDoc) {
        id = NewTerm(term, kind);
        short_terms.Insert(key, id);
      }
      return id;
    }
    auto it = long_terms.find(std::string(term));
    if (it != long_terms.end()) return it->second;
    const uint32_t id = NewTerm(term, kind);
    long_terms.emplace(std::string(term), id);
    return id;
  }

  void IndexText(uint32_t doc, const core::Patent& p) {
    doc_entries.clear();
    for (int f = 0; f < kFieldCount; ++f) {
      uint32_t tokens = 0;
      auto sink = [&](const Token& t) {
        doc_entries.push_back(Entry(TermId(t.term, t.kind), static_cast<uint32_t>(f), t.position));
        ++tokens;
      };
      if (f >= 3) {  // multi-valued: a gap between values stops phrases crossing them
        values.clear();
        if (f == 3) {
          for (const auto& a : p.applicants) values.push_back(a.name);
        }
        const auto& vals = f == 3 ? values : p.inventors;
        uint32_t pos = 0;
        for (const auto& v : vals) pos = tokenizer.Tokenize(v, TokenizeMode::kIndex, sink, pos) + kValueGap;
      } else if (f == 0) {
        tokenizer.Tokenize(FieldText(p, f), TokenizeMode::kIndex, sink);
      } else {
        // The abstract and claim texts are tokenized in place (FieldText would copy them).
        const std::string& zh = f == 1 ? p.abstract_zh : p.first_claim;
        uint32_t pos = tokenizer.Tokenize(zh, TokenizeMode::kIndex, sink);
        if (f == 1 && !p.abstract_en.empty()) tokenizer.Tokenize(p.abstract_en, TokenizeMode::kIndex, sink, pos);
      }
      seg->cols_.field_length[f].push_back(static_cast<uint16_t>(std::min<uint32_t>(tokens, 65535)));
      total_len[f] += tokens;
    }
    std::sort(doc_entries.begin(), doc_entries.end());
    size_t i = 0;
    while (i < doc_entries.size()) {
      const auto term = static_cast<uint32_t>(doc_entries[i] >> 35);
      uint8_t tf[kFieldCount] = {};
      // Entries are sorted by field, then position: each field's kept positions are one run of
      // flat_positions.
      uint32_t start[kFieldCount] = {};
      flat_positions.clear();
      for (; i < doc_entries.size() && (doc_entries[i] >> 35) == term; ++i) {
        const auto f = static_cast<uint32_t>(doc_entries[i] >> 32) & 7u;
        if (tf[f] == 0) start[f] = static_cast<uint32_t>(flat_positions.size());
        if (tf[f] < 255) {
          ++tf[f];
          flat_positions.push_back(static_cast<uint32_t>(doc_entries[i]));
        }
      }
      const uint32_t* ptrs[kFieldCount];
      for (int f = 0; f < kFieldCount; ++f) ptrs[f] = flat_positions.data() + start[f];
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
        seg->applicant_hashes_.push_back(std::hash<std::string_view>{}(a.name));
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
  for (const auto* years : {&seg.cols_.filing_year, &seg.cols_.grant_year}) {
    for (uint16_t y : *years) {
      if (!y) continue;
      seg.min_year_ = seg.min_year_ ? std::min(seg.min_year_, y) : y;
      seg.max_year_ = std::max(seg.max_year_, y);
    }
  }
  // The columns grew by doubling: give the slack back (up to half of each array).
  DocColumns& c = seg.cols_;
  for (auto* col : {&c.application_number, &c.publication_number, &c.title}) col->shrink_to_fit();
  c.region.shrink_to_fit();
  c.type.shrink_to_fit();
  for (auto* v : {&c.filing, &c.publication, &c.grant}) v->shrink_to_fit();
  c.filing_year.shrink_to_fit();
  c.grant_year.shrink_to_fit();
  c.facts.shrink_to_fit();
  c.wipo.shrink_to_fit();
  for (auto* v : {&c.ipc_offsets, &c.ipc_ids, &c.applicant_offsets, &c.applicant_ids}) v->shrink_to_fit();
  for (auto& l : c.field_length) l.shrink_to_fit();
  std::vector<uint32_t> order(s.writers.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return s.term_text[a] < s.term_text[b]; });
  size_t total = 0, total_skips = 0;
  for (const auto& w : s.writers) {
    total += w.bytes.size() + w.positions.size();
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
    info.positions_begin = static_cast<uint32_t>(seg.postings_.size());
    seg.postings_ += w.positions;
    info.bytes_end = static_cast<uint32_t>(seg.postings_.size());
    info.skips_begin = static_cast<uint32_t>(seg.skips_.size());
    seg.skips_.insert(seg.skips_.end(), w.skips.begin(), w.skips.end());
    info.skips_end = static_cast<uint32_t>(seg.skips_.size());
    std::string().swap(w.bytes);
    std::string().swap(w.positions);
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
