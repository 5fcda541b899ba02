// Who appears on demo patents: applicants (member organisations, composed non-member companies,
// universities and institutes, individuals), inventors, agencies and banks, each with a place.
// A composed organisation keeps its name, place and address across all its patents.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/patent.hpp"
#include "service/demo_patents.hpp"
#include "service/demo_rng.hpp"

namespace ipa::service::demo {

enum class PartyKind { kCompany, kUniversity, kInstitute, kIndividual, kAgency };

struct Place {
  std::string code;     // district code in Beijing, Tianjin, Hebei; province code elsewhere
  std::string address;  // "北京市海淀区", "广东省深圳市"
  std::string prefix;   // name prefix: "北京", "石家庄", "深圳"
  int province = 0;     // index into Provinces()
};

struct Party {
  std::string name;
  std::optional<core::OrgId> org_id;
  PartyKind kind = PartyKind::kCompany;
  const Place* place = nullptr;
  uint64_t identity = 0;  // equal for every appearance of the same organisation
};

class Parties {
 public:
  Parties(uint64_t seed, const std::vector<DemoApplicant>& members);

  int PickProvince(DemoRng& rng) const;
  int ProvinceIndex(std::string_view region_code) const;  // by the first two digits; -1 if none
  bool IsBeijing(int province) const { return province == beijing_; }
  bool IsTianjinOrHebei(int province) const { return province == tianjin_ || province == hebei_; }
  int Tianjin() const { return tianjin_; }
  int Hebei() const { return hebei_; }

  // The first applicant of a patent of `type` in `field` filed from `province`.
  Party Applicant(DemoRng& rng, int province, core::PatentType type, int field) const;
  // A company of `province` (a member with probability `member_share` when there is one).
  Party Company(DemoRng& rng, int province, int field, double member_share) const;
  Party University(DemoRng& rng, int province) const;
  Party Individual(DemoRng& rng, int province) const;

  std::string Address(const Party& party, DemoRng& rng) const;
  void Inventors(DemoRng& rng, const Party& applicant, std::vector<std::string>& out) const;
  // Sets agency and agents, or leaves them empty (applicants that file themselves).
  void Agency(DemoRng& rng, const Party& applicant, core::Patent& patent) const;
  std::string Bank(DemoRng& rng, const Party& borrower) const;
  std::string PersonName(DemoRng& rng) const;

 private:
  struct City {
    std::string prefix;
    std::vector<const Place*> places;
    WeightedPicker picker;
    double weight = 1;
  };
  struct Province {
    std::string short_name;
    std::vector<City> cities;
    WeightedPicker city_picker;
    // Members by kind: company, university, institute, agency.
    std::vector<Party> members[4];
    WeightedPicker member_pickers[4];
  };
  void BuildPlaces();
  void AddMember(const DemoApplicant& m);
  std::optional<Party> Member(DemoRng& rng, int province, int kind) const;
  Party Composed(uint64_t identity, int province, PartyKind kind, int field) const;
  const Place* PlaceFor(uint64_t identity, int province, std::string& prefix) const;

  uint64_t seed_;
  std::deque<Place> places_;  // stable addresses for Place pointers
  std::vector<Province> provinces_;
  WeightedPicker province_picker_;
  int beijing_ = -1, tianjin_ = -1, hebei_ = -1;
};

}  // namespace ipa::service::demo
