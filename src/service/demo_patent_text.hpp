// Titles, abstracts and first claims of demo patents, composed from the field vocabulary in the
// forms Chinese patent documents use ("一种…的制备方法", "本发明公开了…", "1. 一种…，其特征在于…").
#pragma once

#include <string>

#include "core/patent.hpp"
#include "service/demo_rng.hpp"

namespace ipa::service::demo {

struct PatentText {
  std::string title_zh, title_en;
  std::string abstract_zh, abstract_en;
  std::string first_claim;  // empty for designs (a design has no claims)
};

// Writes the texts of one patent of `type` in vocabulary field `field` (a Vocab index).
// Inventions and utility models get a ≈160–220-character abstract; designs the brief
// description (简要说明) a design application carries. English title and abstract only when
// `english`. Deterministic for the state of `rng`.
void ComposeText(DemoRng& rng, int field, core::PatentType type, bool english, PatentText& out);

}  // namespace ipa::service::demo
