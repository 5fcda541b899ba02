// The vocabulary the demo corpus writes titles, abstracts and claims with: terms per technology
// field and kind, parsed once from data/demo/patent_vocab.tsv (embedded in the binary).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ipa::service::demo {

enum class VocabKind {
  kName,        // the field's name ("电池与储能")
  kOrg,         // word for company names in the field ("储能科技")
  kDevice,      // apparatus or system ("电池包")
  kMaterial,    // substance or composition ("锂电池正极材料")
  kMethod,      // a complete method name ("荷电状态估计方法")
  kTech,        // a technique a title can be based on ("卡尔曼滤波")
  kFeature,     // a quality in utility-model titles ("便于清洁的")
  kPart,        // component named in claims ("电芯")
  kStep,        // method step, in a sensible order
  kEffect,      // advantage ("提高了电池的能量密度")
  kPurpose,     // application ("电网储能")
  kIngredient,  // raw material of a composition ("碳酸锂")
  kDesign,      // product shown in a design patent ("移动电源")
  kMProcess,    // process applied to a material ("制备方法")
  kDProcess,    // process applied to a device ("控制方法")
  kPos,         // position in a claim ("顶部")
  kConn,        // connection in a claim ("固定连接")
  kCount,
};
inline constexpr size_t kVocabKindCount = static_cast<size_t>(VocabKind::kCount);

struct Term {
  std::string zh, en;
};

struct FieldVocab {
  std::string key;  // "battery"
  std::array<std::vector<Term>, kVocabKindCount> terms;
  const std::vector<Term>& Of(VocabKind k) const { return terms[static_cast<size_t>(k)]; }
};

class Vocab {
 public:
  // The embedded vocabulary, parsed on first use. Thread-safe.
  static const Vocab& Get();

  int FieldIndex(std::string_view key) const;  // -1 when unknown
  size_t FieldCount() const { return fields_.size(); }
  const FieldVocab& Field(int i) const { return fields_[static_cast<size_t>(i)]; }
  // The field's terms of a kind, or the generic ("*") terms when the field has none.
  const std::vector<Term>& Terms(int field, VocabKind kind) const;
  const FieldVocab& Generic() const { return generic_; }
  // Rows of the "_org" pseudo-field: "uni_suffix", "inst_suffix", "bank", "road", "variant".
  const std::vector<Term>& Org(std::string_view kind) const;
  size_t RowCount() const { return rows_; }

 private:
  Vocab();
  std::vector<FieldVocab> fields_;
  FieldVocab generic_;
  std::vector<std::pair<std::string, std::vector<Term>>> org_;
  size_t rows_ = 0;
};

}  // namespace ipa::service::demo
