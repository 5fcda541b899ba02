#include "service/demo_patent_parties.hpp"

#include <cmath>

#include "core/embedded_data.hpp"
#include "core/region.hpp"
#include "core/tsv.hpp"
#include "service/demo_patent_tables.hpp"
#include "service/demo_patent_vocab.hpp"

namespace ipa::service::demo {
namespace {

// Words from data/demo/org_words.tsv, the list the demo registry composes its names from.
struct OrgWords {
  std::vector<std::string> brand, field, suffix, agency_suffix, surname, given;
};

const OrgWords& Words() {
  static const OrgWords words = [] {
    OrgWords w;
    for (const auto& c : core::ParseTsv(core::embedded::kOrgWordsTsv)) {
      if (c.size() < 3) continue;
      auto* list = c[0] == "brand"           ? &w.brand
                   : c[0] == "field"         ? &w.field
                   : c[0] == "suffix"        ? &w.suffix
                   : c[0] == "agency_suffix" ? &w.agency_suffix
                   : c[0] == "surname"       ? &w.surname
                   : c[0] == "given"         ? &w.given
                                             : nullptr;
      if (list) list->emplace_back(c[1]);
    }
    return w;
  }();
  return words;
}

std::string StripSuffix(std::string name, std::string_view suffix) {
  if (name.ends_with(suffix) && name.size() > suffix.size() + 3)
    name.resize(name.size() - suffix.size());
  return name;
}

// First applicant kinds, percent: member university, member institute, member company,
// university, institute, company, individual. Rows: invention, utility model, design.
constexpr double kApplicantMix[3][3][7] = {
    // Beijing
    {{18, 12, 8, 10, 4, 43, 5}, {5, 4, 8, 4, 1, 65, 13}, {0, 0, 6, 0, 0, 70, 24}},
    // Tianjin and Hebei
    {{10, 6, 12, 8, 2, 54, 8}, {3, 2, 12, 3, 1, 64, 15}, {0, 0, 8, 0, 0, 68, 24}},
    // elsewhere
    {{6, 3, 4, 12, 2, 63, 10}, {2, 1, 4, 4, 1, 73, 15}, {0, 0, 4, 0, 0, 64, 32}},
};
enum MemberKind {
  kMemberCompany = 0,
  kMemberUniversity = 1,
  kMemberInstitute = 2,
  kMemberAgency = 3
};

}  // namespace

Parties::Parties(uint64_t seed, const std::vector<DemoApplicant>& members) : seed_(seed) {
  BuildPlaces();
  for (const DemoApplicant& m : members) AddMember(m);
}

void Parties::BuildPlaces() {
  const auto provinces = Provinces();
  provinces_.resize(provinces.size());
  for (size_t i = 0; i < provinces.size(); ++i) {
    const ProvinceInfo& info = provinces[i];
    Province& pr = provinces_[i];
    pr.short_name = info.short_name;
    province_picker_.Add(info.share);
    const std::string two(info.code.substr(0, 2));
    const int index = static_cast<int>(i);
    if (two == "11") beijing_ = index;
    if (two == "12") tianjin_ = index;
    if (two == "13") hebei_ = index;
    auto add_place = [&](City& city, std::string code, std::string address, double weight) {
      places_.push_back(Place{std::move(code), std::move(address), city.prefix, index});
      city.places.push_back(&places_.back());
      city.picker.Add(weight);
    };
    if (two == "11" || two == "12") {
      City city{std::string(info.short_name), {}, {}, 1};
      for (const core::Region& r : core::AllRegions()) {
        if (r.level == core::RegionLevel::kDistrict && r.code.starts_with(two)) {
          add_place(city, r.code, core::RegionFullName(r.code), JjjPlaceWeight(r.code));
        }
      }
      pr.cities.push_back(std::move(city));
    } else if (two == "13") {
      for (const core::Region* c : core::RegionChildren(info.code)) {
        City city{StripSuffix(c->name, "市"), {}, {}, JjjPlaceWeight(c->code)};
        for (const core::Region* d : core::RegionChildren(c->code)) {
          add_place(city, d->code, core::RegionFullName(d->code), 1.0);
        }
        if (!city.places.empty()) pr.cities.push_back(std::move(city));
      }
    } else {
      const std::string province_name = core::RegionFullName(info.code);
      bool first = true;
      for (std::string_view name : core::Split(info.places, ' ')) {
        const bool district = name.ends_with("区");
        City city{district ? std::string(info.short_name) : StripSuffix(std::string(name), "市"),
                  {},
                  {},
                  first ? 2.0 : 1.0};
        add_place(city, std::string(info.code), province_name + std::string(name), 1.0);
        pr.cities.push_back(std::move(city));
        first = false;
      }
    }
    for (const City& c : pr.cities) pr.city_picker.Add(c.weight);
  }
}

void Parties::AddMember(const DemoApplicant& m) {
  const int kind = m.type == core::OrgType::kCompany      ? kMemberCompany
                   : m.type == core::OrgType::kUniversity ? kMemberUniversity
                   : m.type == core::OrgType::kInstitute  ? kMemberInstitute
                   : m.type == core::OrgType::kAgency     ? kMemberAgency
                                                          : -1;
  const int province = ProvinceIndex(m.region_code);
  if (kind < 0 || province < 0) return;
  Province& pr = provinces_[static_cast<size_t>(province)];
  const Place* place = nullptr;
  for (const City& c : pr.cities) {
    for (const Place* p : c.places) {
      if (p->code == m.region_code) place = p;
    }
  }
  if (place == nullptr) {
    std::string address = core::RegionFullName(m.region_code);
    if (address.empty()) address = core::RegionFullName(m.region_code.substr(0, 2) + "0000");
    places_.push_back(Place{m.region_code, std::move(address), pr.short_name, province});
    place = &places_.back();
  }
  const PartyKind party_kind = kind == kMemberUniversity  ? PartyKind::kUniversity
                               : kind == kMemberInstitute ? PartyKind::kInstitute
                               : kind == kMemberAgency    ? PartyKind::kAgency
                                                          : PartyKind::kCompany;
  const uint64_t identity = Mix(seed_ ^ 0x3e3e, static_cast<uint64_t>(m.id.value));
  pr.members[kind].push_back(Party{m.name, m.id, party_kind, place, identity});
  DemoRng h(identity);
  pr.member_pickers[kind].Add(0.5 + 1.5 * h.Unit());  // some members file more than others
}

int Parties::PickProvince(DemoRng& rng) const {
  return static_cast<int>(province_picker_.Pick(rng));
}

int Parties::ProvinceIndex(std::string_view region_code) const {
  if (region_code.size() < 2) return -1;
  const auto provinces = Provinces();
  for (size_t i = 0; i < provinces.size(); ++i) {
    if (provinces[i].code.substr(0, 2) == region_code.substr(0, 2)) return static_cast<int>(i);
  }
  return -1;
}

std::optional<Party> Parties::Member(DemoRng& rng, int province, int kind) const {
  const Province& pr = provinces_[static_cast<size_t>(province)];
  if (pr.members[kind].empty()) return std::nullopt;
  return pr.members[kind][pr.member_pickers[kind].Pick(rng)];
}

const Place* Parties::PlaceFor(uint64_t identity, int province, std::string& prefix) const {
  const Province& pr = provinces_[static_cast<size_t>(province)];
  DemoRng h(identity ^ 0x91ace);
  const City& city = pr.cities[pr.city_picker.Pick(h)];
  const double style = h.Unit();
  if (pr.cities.size() > 1 && style < 0.3) {
    prefix = pr.short_name;  // "河北…", "广东…"
  } else {
    prefix = city.prefix;
    if (pr.cities.size() > 1 && style > 0.85 && city.prefix != pr.short_name) prefix += "市";
  }
  return city.places[city.picker.Pick(h)];
}

Party Parties::Composed(uint64_t identity, int province, PartyKind kind, int field) const {
  const OrgWords& w = Words();
  const Vocab& v = Vocab::Get();
  Party party;
  party.kind = kind;
  party.identity = identity;
  std::string prefix;
  party.place = PlaceFor(identity, province, prefix);
  DemoRng h(identity);
  const std::string& brand = h.Pick(w.brand);
  auto field_word = [&]() -> const std::string& {
    const auto& own = v.Field(field).Of(VocabKind::kOrg);
    return own.empty() || h.Chance(0.2) ? h.Pick(w.field) : h.Pick(own).zh;
  };
  switch (kind) {
    case PartyKind::kCompany:
      party.name = prefix + brand + field_word() + h.Pick(w.suffix);
      break;
    case PartyKind::kUniversity:
      party.name = prefix + brand + h.Pick(v.Org("uni_suffix")).zh;
      break;
    case PartyKind::kInstitute:
      party.name = prefix + brand + field_word() + h.Pick(v.Org("inst_suffix")).zh;
      break;
    case PartyKind::kAgency:
      party.name = prefix + brand + h.Pick(w.agency_suffix);
      break;
    case PartyKind::kIndividual:
      break;
  }
  return party;
}

Party Parties::Company(DemoRng& rng, int province, int field, double member_share) const {
  if (member_share > 0 && rng.Chance(member_share)) {
    if (auto m = Member(rng, province, kMemberCompany)) return *m;
  }
  // Few companies file most patents: company k of a pool is drawn with density ~ k^(-2/3).
  const double pool = 100 + 3000 * Provinces()[static_cast<size_t>(province)].share;
  const double u = rng.Unit();
  const auto k = static_cast<uint64_t>(pool * u * u * u);
  const uint64_t group = static_cast<uint64_t>(province) * 64 + static_cast<uint64_t>(field);
  return Composed(Mix(Mix(seed_ ^ 0xc0c0, group), k), province, PartyKind::kCompany, field);
}

Party Parties::University(DemoRng& rng, int province) const {
  const double pool = 6 + 60 * Provinces()[static_cast<size_t>(province)].share;
  const double u = rng.Unit();
  const auto k = static_cast<uint64_t>(pool * u * std::sqrt(u));
  return Composed(Mix(Mix(seed_ ^ 0x0a1, static_cast<uint64_t>(province)), k), province,
                  PartyKind::kUniversity, 0);
}

Party Parties::Individual(DemoRng& rng, int province) const {
  Party party;
  party.kind = PartyKind::kIndividual;
  party.identity = rng.Next();
  party.name = PersonName(rng);
  std::string prefix;
  party.place = PlaceFor(party.identity, province, prefix);
  return party;
}

Party Parties::Applicant(DemoRng& rng, int province, core::PatentType type, int field) const {
  const int region_class = IsBeijing(province) ? 0 : IsTianjinOrHebei(province) ? 1 : 2;
  const double* mix = kApplicantMix[region_class][static_cast<int>(type)];
  double x = rng.Unit() * 100;
  int choice = 0;
  while (choice < 6 && x >= mix[choice]) x -= mix[choice++];
  if (choice <= 2) {
    const int kind = choice == 0   ? kMemberUniversity
                     : choice == 1 ? kMemberInstitute
                                   : kMemberCompany;
    if (auto m = Member(rng, province, kind)) return *m;
    choice += 3;  // no such member here: a non-member of the same kind
  }
  switch (choice) {
    case 3:
      return University(rng, province);
    case 4: {
      const uint64_t group = static_cast<uint64_t>(province) * 64 + static_cast<uint64_t>(field);
      return Composed(Mix(Mix(seed_ ^ 0x1257, group), rng.Below(3)), province,
                      PartyKind::kInstitute, field);
    }
    case 5:
      return Company(rng, province, field, 0);
    default:
      return Individual(rng, province);
  }
}

std::string Parties::Address(const Party& party, DemoRng& rng) const {
  const auto& roads = Vocab::Get().Org("road");
  DemoRng h(party.kind == PartyKind::kIndividual ? rng.Next() : party.identity ^ 0xadd);
  std::string out =
      party.place->address + h.Pick(roads).zh + std::to_string(h.Between(1, 999)) + "号";
  return out;
}

std::string Parties::PersonName(DemoRng& rng) const {
  const OrgWords& w = Words();
  return rng.Pick(w.surname) + rng.Pick(w.given);
}

void Parties::Inventors(DemoRng& rng, const Party& applicant, std::vector<std::string>& out) const {
  out.clear();
  int count = 1;
  switch (applicant.kind) {
    case PartyKind::kUniversity:
    case PartyKind::kInstitute:
      count = rng.Between(2, 7);
      break;
    case PartyKind::kIndividual:
      count = rng.Between(1, 2);
      break;
    default:
      count = rng.Between(1, 5);
      break;
  }
  if (applicant.kind == PartyKind::kIndividual) out.push_back(applicant.name);
  for (int attempt = 0; static_cast<int>(out.size()) < count && attempt < 3 * count; ++attempt) {
    std::string name;
    if (applicant.kind == PartyKind::kIndividual) {
      name = PersonName(rng);
    } else {  // an organisation's inventors recur: 40 people, a few of them prolific
      const double u = rng.Unit();
      DemoRng h(Mix(applicant.identity, static_cast<uint64_t>(40 * u * std::sqrt(u))));
      name = PersonName(h);
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
}

void Parties::Agency(DemoRng& rng, const Party& applicant, core::Patent& patent) const {
  const double p =
      applicant.kind == PartyKind::kUniversity || applicant.kind == PartyKind::kInstitute ? 0.9
      : applicant.kind == PartyKind::kIndividual                                          ? 0.35
                                                                                          : 0.62;
  if (!rng.Chance(p)) return;
  const int province = rng.Chance(0.2) ? beijing_ : applicant.place->province;
  std::optional<Party> agency;
  if (rng.Chance(0.4)) agency = Member(rng, province, kMemberAgency);
  if (!agency) {
    const double pool = 20 + 400 * Provinces()[static_cast<size_t>(province)].share;
    const double u = rng.Unit();
    const auto k = static_cast<uint64_t>(pool * u * u);
    agency = Composed(Mix(Mix(seed_ ^ 0xa6e, static_cast<uint64_t>(province)), k), province,
                      PartyKind::kAgency, 0);
  }
  patent.agency = agency->name;
  const int agents = rng.Chance(0.6) ? 2 : 1;
  for (int i = 0; i < agents; ++i) {
    DemoRng h(Mix(agency->identity, rng.Below(12)));
    std::string name = PersonName(h);
    if (patent.agents.empty() || patent.agents[0] != name) patent.agents.push_back(std::move(name));
  }
}

std::string Parties::Bank(DemoRng& rng, const Party& borrower) const {
  return rng.Pick(Vocab::Get().Org("bank")).zh + borrower.place->prefix + "分行";
}

}  // namespace ipa::service::demo
