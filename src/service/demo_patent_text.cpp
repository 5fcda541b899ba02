#include "service/demo_patent_text.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"
#include "service/demo_patent_vocab.hpp"

namespace ipa::service::demo {
namespace {

using K = VocabKind;

constexpr size_t kMinAbstract = 160, kMaxAbstract = 220;

enum class Form {
  kDevice,
  kDeviceMethod,
  kMethod,
  kMaterialProcess,
  kMaterialAndProcess,
  kMaterialProduct
};

// The thing a title names: "一种" + zh, and its English.
struct Subject {
  Form form = Form::kDevice;
  std::string zh, en;
  const Term* object = nullptr;  // the device or material, when there is one
};

class Writer {
 public:
  Writer(DemoRng& rng, int field, bool utility)
      : rng_(rng), v_(Vocab::Get()), field_(field), utility_(utility) {}

  const Term& One(K k) { return rng_.Pick(v_.Terms(field_, k)); }
  const Term& Generic(K k) { return rng_.Pick(v_.Generic().Of(k)); }
  const std::vector<Term>& GenericAll(K k) const { return v_.Generic().Of(k); }
  const std::vector<Term>& Own(K k) const { return v_.Field(field_).Of(k); }
  const std::vector<Term>& All(K k) const { return v_.Terms(field_, k); }
  DemoRng& rng() { return rng_; }
  bool utility() const { return utility_; }
  std::string_view Lead() const { return utility_ ? "本实用新型" : "本发明"; }
  std::string_view LeadEn() const { return utility_ ? "utility model" : "invention"; }

  // Up to `k` distinct terms; in file order when `ordered` (method steps), shuffled otherwise.
  std::vector<const Term*> Some(const std::vector<Term>& list, size_t k, bool ordered) {
    std::vector<const Term*> out;
    size_t needed = std::min(k, list.size());
    for (size_t i = 0; i < list.size() && needed > 0; ++i) {
      if (rng_.Below(list.size() - i) < needed) {
        out.push_back(&list[i]);
        --needed;
      }
    }
    if (!ordered) {
      for (size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[rng_.Below(i)]);
    }
    return out;
  }

 private:
  DemoRng& rng_;
  const Vocab& v_;
  int field_;
  bool utility_;
};

std::string Capitalised(std::string_view s) {
  std::string out;
  if (s.empty()) return out;
  out.reserve(s.size());
  out.push_back(s[0] >= 'a' && s[0] <= 'z' ? static_cast<char>(s[0] - 'a' + 'A') : s[0]);
  out.append(s.substr(1));
  return out;
}

std::string_view Article(std::string_view word) {
  return !word.empty() && std::string_view("aeiouAEIOU").find(word[0]) != std::string_view::npos
             ? "an"
             : "a";
}

// "a、b、c和d"
void JoinZh(std::string& s, const std::vector<const Term*>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += i + 1 == items.size() ? "和" : "、";
    s += items[i]->zh;
  }
}

// "a b, a c and a d" with articles when `articles`.
void JoinEn(std::string& s, const std::vector<const Term*>& items, bool articles) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += i + 1 == items.size() ? " and " : ", ";
    if (articles) {
      s += Article(items[i]->en);
      s += ' ';
    }
    s += items[i]->en;
  }
}

Subject DeviceSubject(Writer& w) {
  Subject s;
  const Term& device = w.One(K::kDevice);
  s.object = &device;
  const double r = w.rng().Unit();
  if (r < (w.utility() ? 0.08 : 0.35)) {
    const Term& tech = w.One(K::kTech);
    s.zh = "基于" + tech.zh + "的" + device.zh;
    s.en = device.en + " based on " + tech.en;
  } else if (r < (w.utility() ? 0.45 : 0.55)) {
    const Term& feature = w.Generic(K::kFeature);
    s.zh = feature.zh + device.zh;
    s.en = feature.en + " " + device.en;
  } else {
    s.zh = device.zh;
    s.en = device.en;
  }
  return s;
}

Subject ChooseSubject(Writer& w) {
  if (w.utility()) return DeviceSubject(w);
  const double r = w.rng().Unit();
  Subject s;
  if (!w.Own(K::kMaterial).empty() && r < 0.35) {
    const Term& material = w.rng().Pick(w.Own(K::kMaterial));
    const Term& process = w.Generic(K::kMProcess);
    s.object = &material;
    const double q = w.rng().Unit();
    if (q < 0.55) {
      s.form = Form::kMaterialProcess;
      s.zh = material.zh + "的" + process.zh;
      s.en = process.en + " of " + material.en;
    } else if (q < 0.75) {
      s.form = Form::kMaterialAndProcess;
      s.zh = material.zh + "及其" + process.zh;
      s.en = material.en + " and " + process.en + " thereof";
    } else {
      s.form = Form::kMaterialProduct;
      s.zh = material.zh;
      s.en = material.en;
    }
  } else if (!w.Own(K::kMethod).empty() && r < 0.60) {
    const Term& method = w.rng().Pick(w.Own(K::kMethod));
    s.form = Form::kMethod;
    if (w.rng().Chance(0.5)) {
      const Term& tech = w.One(K::kTech);
      s.zh = "基于" + tech.zh + "的" + method.zh;
      s.en = method.en + " based on " + tech.en;
    } else {
      s.zh = method.zh;
      s.en = method.en;
    }
  } else if (r < 0.70) {
    const Term& device = w.One(K::kDevice);
    const Term& process = w.Generic(K::kDProcess);
    s.form = Form::kDeviceMethod;
    s.object = &device;
    s.zh = device.zh + "的" + process.zh;
    s.en = process.en + " of " + device.en;
  } else {
    s = DeviceSubject(w);
  }
  return s;
}

// "本发明提高了…，降低了…，适用于…。" grown until the abstract reaches the target length.
void AppendEffects(Writer& w, std::string& zh, std::string& en, bool english) {
  std::vector<const Term*> effects = w.Some(w.All(K::kEffect), 4, false);
  for (const Term* t : w.Some(w.GenericAll(K::kEffect), 5, false)) effects.push_back(t);
  const Term& purpose = w.One(K::kPurpose);
  const size_t target = static_cast<size_t>(w.rng().Between(kMinAbstract, kMaxAbstract - 8));
  size_t length =
      core::Utf8Length(zh) + core::Utf8Length(w.Lead()) + core::Utf8Length(purpose.zh) + 5;
  zh += w.Lead();
  size_t used = 0;
  for (const Term* e : effects) {
    const size_t n = core::Utf8Length(e->zh) + 1;
    if (used >= 2 && (length >= target || length + n > kMaxAbstract)) break;
    if (used > 0) zh += "，";
    zh += e->zh;
    length += n;
    ++used;
  }
  if (length + 12 < target) {
    const Term& tech = w.One(K::kTech);
    zh += "，并可结合" + tech.zh + "技术进一步扩展应用";
  }
  zh += "，适用于";
  zh += purpose.zh;
  zh += "。";
  if (english) {
    en += " It ";
    JoinEn(en, {effects[0], effects[1]}, false);
    en += ", and is suitable for " + purpose.en + ".";
  }
}

void DeviceBody(Writer& w, const Subject& s, PatentText& out, bool english) {
  auto parts = w.Some(w.All(K::kPart), 5, false);
  const Term& pos1 = w.Generic(K::kPos);
  const Term& pos2 = w.Generic(K::kPos);
  const Term& conn = w.Generic(K::kConn);
  const Term& conn2 = w.Generic(K::kConn);
  std::string& zh = out.abstract_zh;
  zh += "该" + s.object->zh + "包括";
  JoinZh(zh, parts);
  zh += "，所述" + parts[0]->zh + "的" + pos1.zh + conn.zh + "有" + parts[1]->zh + "，所述" +
        parts[2]->zh + "设置于" + parts[1]->zh + "的" + pos2.zh + "，所述" + parts[3]->zh + "与" +
        parts[2]->zh + conn2.zh;
  if (parts.size() > 4)
    zh += "，所述" + parts[4]->zh + "安装在" + parts[0]->zh + "的" + w.Generic(K::kPos).zh;
  zh += "。";
  parts.resize(4);
  out.first_claim = "1. 一种" + s.zh + "，其特征在于，包括" + parts[0]->zh + "、" + parts[1]->zh +
                    "和" + parts[2]->zh + "，所述" + parts[0]->zh + "的" + pos1.zh + conn.zh +
                    "有" + parts[1]->zh + "，所述" + parts[1]->zh + "的" + pos2.zh + "设有" +
                    parts[2]->zh + "。";
  if (english) {
    out.abstract_en += ", comprising ";
    JoinEn(out.abstract_en, parts, true);
    out.abstract_en += ". The " + parts[0]->en + " is " + conn.en + " to the " + parts[1]->en +
                       " at its " + pos1.en + ".";
  }
}

void StepsBody(Writer& w, PatentText& out, bool english) {
  const auto steps = w.Some(w.All(K::kStep), 4, true);
  const size_t claimed = std::min<size_t>(steps.size(), 3);
  out.abstract_zh += "该方法包括以下步骤：";
  out.first_claim = "1. 一种" + out.title_zh.substr(std::string_view("一种").size()) +
                    "，其特征在于，包括以下步骤：";
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string item = "S" + std::to_string(i + 1) + "，" + steps[i]->zh;
    out.abstract_zh += item + (i + 1 == steps.size() ? "。" : "；");
    if (i < claimed) out.first_claim += item + (i + 1 == claimed ? "。" : "；");
    if (english) {
      out.abstract_en += i == 0 ? ", comprising the following steps: " : "; ";
      out.abstract_en += "S" + std::to_string(i + 1) + ", " + steps[i]->en;
    }
  }
  if (english) out.abstract_en += ".";
}

void CompositionBody(Writer& w, const Subject& s, PatentText& out, bool english) {
  const auto ingredients = w.Some(w.All(K::kIngredient), 4, false);
  std::string recipe;
  for (size_t i = 0; i < ingredients.size(); ++i) {
    const int lo = w.rng().Between(1, 60);
    if (i > 0) recipe += i + 1 == ingredients.size() ? "和" : "、";
    recipe += ingredients[i]->zh + std::to_string(lo) + "～" +
              std::to_string(lo + w.rng().Between(5, 30)) + "份";
  }
  out.abstract_zh += "该" + s.object->zh + "按重量份计，包括以下原料：" + recipe + "。";
  out.first_claim =
      "1. 一种" + s.object->zh + "，其特征在于，按重量份计，包括以下原料：" + recipe + "。";
  if (s.form == Form::kMaterialAndProcess) {
    const auto steps = w.Some(w.All(K::kStep), 3, true);
    out.abstract_zh += "其制备方法包括：";
    for (size_t i = 0; i < steps.size(); ++i)
      out.abstract_zh += steps[i]->zh + (i + 1 == steps.size() ? "。" : "；");
  }
  if (english) {
    out.abstract_en += ", made from ";
    JoinEn(out.abstract_en, ingredients, false);
    out.abstract_en += ".";
  }
}

void ComposeDesign(Writer& w, int field, bool english, PatentText& out) {
  const Vocab& v = Vocab::Get();
  const auto& designs = v.Field(field).Of(K::kDesign);
  const Term& product = designs.empty() ? w.One(K::kDevice) : w.rng().Pick(designs);
  out.title_zh = product.zh;
  std::string title_en = product.en;
  if (w.rng().Chance(0.35)) {
    const Term& variant = w.rng().Pick(v.Org("variant"));
    out.title_zh += "（" + variant.zh + "）";
    title_en += " (" + variant.en + ")";
  }
  static constexpr std::string_view kPoints[] = {"形状", "形状与图案的结合",
                                                 "形状、图案与色彩的结合"};
  static constexpr std::string_view kViews[] = {"立体图", "主视图", "设计1立体图"};
  out.abstract_zh = "1．本外观设计产品的名称：" + out.title_zh + "。2．本外观设计产品的用途：用于" +
                    w.One(K::kPurpose).zh + "。3．本外观设计产品的设计要点：在于" +
                    std::string(kPoints[w.rng().Below(3)]) + "。4．最能表明设计要点的图片或照片：" +
                    std::string(kViews[w.rng().Below(3)]) + "。";
  if (w.rng().Chance(0.5)) out.abstract_zh += "5．后视图与主视图对称，省略后视图。";
  if (english) out.title_en = Capitalised(title_en);
}

}  // namespace

void ComposeText(DemoRng& rng, int field, core::PatentType type, bool english, PatentText& out) {
  out = PatentText{};
  Writer w(rng, field, type == core::PatentType::kUtilityModel);
  if (type == core::PatentType::kDesign) {
    ComposeDesign(w, field, english, out);
    return;
  }
  const Subject s = ChooseSubject(w);
  out.title_zh = "一种" + s.zh;
  out.abstract_zh.reserve(720);
  out.abstract_zh =
      std::string(w.Lead()) + "公开了一种" + s.zh + "，涉及" + w.One(K::kName).zh + "技术领域。";
  if (english) {
    out.title_en = Capitalised(s.en);
    out.abstract_en =
        "The " + std::string(w.LeadEn()) + " discloses " + std::string(Article(s.en)) + " " + s.en;
  }
  switch (s.form) {
    case Form::kDevice:
      DeviceBody(w, s, out, english);
      break;
    case Form::kDeviceMethod:
    case Form::kMethod:
    case Form::kMaterialProcess:
      StepsBody(w, out, english);
      break;
    case Form::kMaterialAndProcess:
    case Form::kMaterialProduct:
      CompositionBody(w, s, out, english);
      break;
  }
  AppendEffects(w, out.abstract_zh, out.abstract_en, english);
}

}  // namespace ipa::service::demo
