#include "service/demo_patent_vocab.hpp"

#include <algorithm>

#include "core/embedded_data.hpp"
#include "core/tsv.hpp"

namespace ipa::service::demo {
namespace {

constexpr std::array<std::string_view, kVocabKindCount> kKindNames = {
    "name",    "org",      "device",   "material", "method",  "tech",
    "feature", "part",     "step",     "effect",   "purpose", "ingredient",
    "design",  "mprocess", "dprocess", "pos",      "conn"};

int KindIndex(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Vocab::Vocab() {
  for (const auto& row : core::ParseTsv(core::embedded::kPatentVocabTsv)) {
    if (row.size() < 4) continue;
    const std::string_view field = row[0], kind = row[1];
    Term term{std::string(row[2]), std::string(row[3])};
    ++rows_;
    if (field == "_org") {
      auto it =
          std::find_if(org_.begin(), org_.end(), [&](const auto& p) { return p.first == kind; });
      if (it == org_.end()) it = org_.insert(org_.end(), {std::string(kind), {}});
      it->second.push_back(std::move(term));
      continue;
    }
    const int k = KindIndex(kind);
    if (k < 0) continue;
    FieldVocab* target = &generic_;
    if (field != "*") {
      const int f = FieldIndex(field);
      if (f >= 0) {
        target = &fields_[static_cast<size_t>(f)];
      } else {
        fields_.push_back(FieldVocab{std::string(field), {}});
        target = &fields_.back();
      }
    }
    target->terms[static_cast<size_t>(k)].push_back(std::move(term));
  }
}

const Vocab& Vocab::Get() {
  static const Vocab vocab;
  return vocab;
}

int Vocab::FieldIndex(std::string_view key) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

const std::vector<Term>& Vocab::Terms(int field, VocabKind kind) const {
  const auto& own = fields_[static_cast<size_t>(field)].Of(kind);
  return own.empty() ? generic_.Of(kind) : own;
}

const std::vector<Term>& Vocab::Org(std::string_view kind) const {
  static const std::vector<Term> kNone;
  for (const auto& [name, terms] : org_) {
    if (name == kind) return terms;
  }
  return kNone;
}

}  // namespace ipa::service::demo
