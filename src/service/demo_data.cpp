#include "service/demo_data.hpp"

#include <random>
#include <set>

#include "core/credit_code.hpp"
#include "core/embedded_data.hpp"
#include "core/region.hpp"
#include "core/tsv.hpp"
#include "service/actor.hpp"
#include "service/case_service_demo.hpp"
#include "service/audit_service.hpp"
#include "service/crypto.hpp"
#include "service/demo_patents.hpp"
#include "service/statistic_service.hpp"
#include "store/audit_repo.hpp"
#include "store/org_repo.hpp"
#include "store/patent_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {
namespace {

using core::Organization;
using core::OrgType;

struct Word {
  std::string zh, en, industry;
};

struct Words {
  std::vector<Word> brand, field, suffix, agency_suffix, university, institute, surname, given;
};

const Words& LoadWords() {
  static const Words words = [] {
    Words w;
    for (const auto& c : core::ParseTsv(core::embedded::kOrgWordsTsv)) {
      if (c.size() < 3) continue;
      Word word{std::string(c[1]), std::string(c[2]), c.size() > 3 ? std::string(c[3]) : ""};
      const std::string_view kind = c[0];
      auto* list = kind == "brand" ? &w.brand
                   : kind == "field" ? &w.field
                   : kind == "suffix" ? &w.suffix
                   : kind == "agency_suffix" ? &w.agency_suffix
                   : kind == "university" ? &w.university
                   : kind == "institute" ? &w.institute
                   : kind == "surname" ? &w.surname
                   : kind == "given" ? &w.given
                                     : nullptr;
      if (list) list->push_back(std::move(word));
    }
    return w;
  }();
  return words;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : gen_(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(gen_() % n); }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  std::mt19937_64 gen_;
};

// County-level regions of one province (districts of Beijing/Tianjin, counties of Hebei).
std::vector<const core::Region*> Districts(std::string_view province) {
  std::vector<const core::Region*> out;
  for (const core::Region& r : core::AllRegions()) {
    if (r.level == core::RegionLevel::kDistrict && r.code.substr(0, 2) == province.substr(0, 2)) {
      out.push_back(&r);
    }
  }
  return out;
}

std::string AreaCode(std::string_view region) {
  if (region.starts_with("11")) return "010";
  if (region.starts_with("12")) return "022";
  static const char* kHebei[] = {"0311", "0315", "0335", "0310", "0319", "0312",
                                 "0313", "0314", "0317", "0316", "0318"};
  const int city = (region[2] - '0') * 10 + (region[3] - '0');
  return (city >= 1 && city <= 11) ? kHebei[city - 1] : "0311";
}

std::string CreditCode(Rng& rng, std::string_view prefix, std::string_view region) {
  std::string code = std::string(prefix) + std::string(region);
  while (code.size() < 17) code.push_back(core::kCreditCodeCharset[rng.Below(31)]);
  code.push_back(core::CreditCodeCheckChar(code));
  return code;
}

struct Spread {
  int beijing, tianjin;  // percent; the rest is Hebei
};

const core::Region& PickRegion(Rng& rng, Spread spread) {
  static const auto bj = Districts("11"), tj = Districts("12"), he = Districts("13");
  const size_t roll = rng.Below(100);
  const auto& pool = roll < static_cast<size_t>(spread.beijing) ? bj
                     : roll < static_cast<size_t>(spread.beijing + spread.tianjin) ? tj
                                                                                   : he;
  return *rng.Pick(pool);
}

std::string CityPrefix(const core::Region& r) {
  if (r.code.starts_with("11")) return "北京";
  if (r.code.starts_with("12")) return "天津";
  const core::Region* city = core::FindRegion(r.parent);
  std::string name = city ? city->name : "河北";
  if (name.ends_with("市")) name.resize(name.size() - 3);
  return name;
}

std::string CityPrefixEn(const core::Region& r) {
  if (r.code.starts_with("11")) return "Beijing";
  if (r.code.starts_with("12")) return "Tianjin";
  static const char* kCities[] = {"Shijiazhuang", "Tangshan", "Qinhuangdao", "Handan",
                                  "Xingtai",      "Baoding",  "Zhangjiakou", "Chengde",
                                  "Cangzhou",     "Langfang", "Hengshui"};
  const int city = (r.code[2] - '0') * 10 + (r.code[3] - '0');
  return (city >= 1 && city <= 11) ? kCities[city - 1] : "Hebei";
}

void FillCommon(Rng& rng, const core::Region& region, Organization& o, const std::string& domain) {
  const Words& w = LoadWords();
  o.region_code = region.code;
  o.address = core::RegionFullName(region.code) + std::to_string(1 + rng.Below(300)) + "号";
  const Word& surname = rng.Pick(w.surname);
  const Word& given = rng.Pick(w.given);
  o.contact.name = surname.zh + given.zh;
  o.contact.phone = AreaCode(region.code) + "-" + std::to_string(60000000 + rng.Below(29999999));
  o.contact.email = "ip@" + domain + ".example.com";
}

std::string Domain(const std::string& en, size_t n) {
  std::string d;
  for (char c : en) {
    if (c >= 'A' && c <= 'Z') d.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z') d.push_back(c);
  }
  return d.substr(0, 20) + std::to_string(n);
}

}  // namespace

std::vector<Organization> GenerateDemoOrganizations(uint64_t seed) {
  const Words& w = LoadWords();
  Rng rng(seed);
  std::vector<Organization> out;
  std::set<std::string> names;
  auto member = [&](Organization& o, bool founding) {
    o.membership.founding = founding;
    o.membership.status = core::MemberStatus::kActive;
    o.membership.joined_on =
        founding ? "2016-03-29"
                 : "20" + std::to_string(17 + rng.Below(8)) + "-0" + std::to_string(1 + rng.Below(9)) +
                       "-1" + std::to_string(rng.Below(9));
  };
  // 120 founding companies: Beijing 40%, Tianjin 30%, Hebei 30%.
  while (out.size() < 120) {
    const core::Region& region = PickRegion(rng, {40, 30});
    const Word& brand = rng.Pick(w.brand);
    const Word& field = rng.Pick(w.field);
    const Word& suffix = rng.Pick(w.suffix);
    Organization o;
    o.type = OrgType::kCompany;
    o.name_zh = CityPrefix(region) + brand.zh + field.zh + suffix.zh;
    if (!names.insert(o.name_zh).second) continue;
    o.name_en = CityPrefixEn(region) + " " + brand.en + " " + field.en + " " + suffix.en;
    o.aliases = {brand.zh + field.zh.substr(0, 6)};
    o.industry = field.industry;
    o.credit_code = CreditCode(rng, "91", region.code);
    FillCommon(rng, region, o, Domain(brand.en, out.size()));
    member(o, true);
    out.push_back(std::move(o));
  }
  // 30 founding agencies: Beijing 50%, Tianjin 25%, Hebei 25%.
  while (out.size() < 150) {
    const core::Region& region = PickRegion(rng, {50, 25});
    const Word& brand = rng.Pick(w.brand);
    const Word& suffix = rng.Pick(w.agency_suffix);
    Organization o;
    o.type = OrgType::kAgency;
    o.name_zh = CityPrefix(region) + brand.zh + suffix.zh;
    if (!names.insert(o.name_zh).second) continue;
    o.name_en = CityPrefixEn(region) + " " + brand.en + " " + suffix.en;
    o.industry = "L";
    o.credit_code = CreditCode(rng, "91", region.code);
    FillCommon(rng, region, o, Domain(brand.en, out.size()));
    member(o, true);
    out.push_back(std::move(o));
  }
  // Universities and institutes that joined later, in the province their name gives.
  for (const auto* list : {&w.university, &w.institute}) {
    for (const Word& word : *list) {
      const std::string province = word.zh.starts_with("北京") ? "11"
                                   : word.zh.starts_with("天津") ? "12"
                                                                 : "13";
      const auto districts = Districts(province);
      const core::Region& region = *rng.Pick(districts);
      Organization o;
      o.type = list == &w.university ? OrgType::kUniversity : OrgType::kInstitute;
      o.name_zh = word.zh;
      if (!names.insert(o.name_zh).second) continue;
      o.name_en = word.en;
      o.industry = list == &w.university ? "P" : "M";
      o.credit_code = CreditCode(rng, "12", region.code);
      FillCommon(rng, region, o, Domain(word.en, out.size()));
      member(o, false);
      out.push_back(std::move(o));
    }
  }
  return out;
}

const std::vector<DemoLogin>& DemoLogins() {
  static const std::vector<DemoLogin> logins = {
      {"admin", "Secretariat-2016-jjj", "admin", ""},
      {"bj_office", "Beijing-IPO-2016-jjj", "office", "BJ"},
      {"tj_office", "Tianjin-IPO-2016-jjj", "office", "TJ"},
      {"he_office", "Hebei-IPO-2016-jjj", "office", "HE"},
      {"member", "Company-2016-jjj-demo", "member", "company"},
      {"agency", "Broker-2016-jjj-demo", "agency", "agency"},
      {"expert", "Counsel-2016-jjj-demo", "expert", ""},
  };
  return logins;
}

core::Result<DemoLoadResult> LoadDemoData(store::Database& db, uint64_t seed) {
  constexpr std::string_view kLoadedKey = "demo_data_loaded";
  // Published CNIPA figures for Beijing, Tianjin, Hebei and the nation (idempotent).
  IPA_CHECK(LoadDemoOfficialStatistics(db));
  IPA_TRY(already, store::ReadValue<std::optional<std::string>>(
                       db, [&](store::Tx& tx) { return store::GetSetting(tx, std::string(kLoadedKey)); }));
  if (already) return DemoLoadResult{};
  std::vector<Organization> orgs = GenerateDemoOrganizations(seed);
  std::vector<std::string> hashes;
  for (const DemoLogin& l : DemoLogins()) {
    IPA_TRY(hash, HashPassword(l.password));
    hashes.push_back(std::move(hash));
  }
  Actor system;
  system.request_id = "demo-data";
  return store::WriteValue<DemoLoadResult>(db, [&](store::Tx& tx) -> core::Result<DemoLoadResult> {
    DemoLoadResult result{true, 0, 0};
    std::optional<core::OrgId> first_company, first_agency;
    for (Organization& o : orgs) {
      IPA_CHECK(core::NormalizeAndValidate(o));
      IPA_TRY(id, store::InsertOrg(tx, o));
      IPA_CHECK(store::AppendChange(tx, "organization", std::to_string(id.value), "create"));
      if (o.type == OrgType::kCompany && !first_company) first_company = id;
      if (o.type == OrgType::kAgency && !first_agency) first_agency = id;
      ++result.organizations;
    }
    for (size_t i = 0; i < DemoLogins().size(); ++i) {
      const DemoLogin& l = DemoLogins()[i];
      core::User u;
      u.login = l.login;
      u.role = *core::ParseRole(l.role);
      u.display_name = l.role == "office" ? l.bound_to + " office demo" : "Demo " + l.role;
      if (u.role == core::Role::kOffice) u.office = core::ParseOffice(l.bound_to);
      if (u.role == core::Role::kMember) u.org_id = first_company;
      if (u.role == core::Role::kAgency) u.org_id = first_agency;
      IPA_CHECK(core::ValidateUserShape(u));
      IPA_CHECK(store::InsertUser(tx, u, hashes[i]));
      ++result.users;
    }
    IPA_CHECK(store::PutSetting(tx, std::string(kLoadedKey), "1"));
    IPA_CHECK(RecordAudit(tx, system, {"demo.load", "registry", "", "ok", "",
                                       std::to_string(result.organizations) + " organizations"}));
    return result;
  });
}

core::Result<std::vector<DemoApplicant>> DemoApplicantsFromRegistry(store::Database& db) {
  std::vector<DemoApplicant> members;
  IPA_CHECK(db.Read([&](store::Tx& tx) -> core::Status {
    int64_t after = 0;
    while (true) {
      IPA_TRY(page, store::ListOrgs(tx, {.status = core::MemberStatus::kActive}, after, 500));
      if (page.empty()) return {};
      for (const Organization& o : page) {
        if (o.type != OrgType::kOffice) members.push_back({o.id, o.name_zh, o.region_code, o.type});
      }
      after = page.back().id.value;
    }
  }));
  return members;
}

namespace {

core::Result<int64_t> LoadDemoPatentsOnce(store::Database& db, int64_t count, uint64_t seed,
                                          const std::function<void(int64_t)>& on_progress) {
  constexpr std::string_view kLoadedKey = "demo_patents_loaded";
  constexpr size_t kBatch = 2000;
  IPA_TRY(already, store::ReadValue<std::optional<std::string>>(
                       db, [&](store::Tx& tx) { return store::GetSetting(tx, std::string(kLoadedKey)); }));
  if (already || count <= 0) return int64_t{0};
  IPA_TRY(members, DemoApplicantsFromRegistry(db));
  DemoPatentOptions options;
  options.count = count;
  options.seed = seed;
  options.members = std::move(members);
  std::vector<core::Patent> batch;
  batch.reserve(kBatch);
  int64_t stored = 0;
  core::Status status;
  auto flush = [&]() -> core::Status {
    if (batch.empty()) return {};
    IPA_CHECK(db.Write([&](store::Tx& tx) -> core::Status {
      for (const core::Patent& p : batch) IPA_CHECK(store::UpsertPatent(tx, p));
      if (stored + static_cast<int64_t>(batch.size()) >= count) {
        IPA_CHECK(store::PutSetting(tx, std::string(kLoadedKey), std::to_string(count)));
      }
      return {};
    }));
    stored += static_cast<int64_t>(batch.size());
    batch.clear();
    if (on_progress) on_progress(stored);
    return {};
  };
  GenerateDemoPatents(options, [&](core::Patent&& p) {
    if (!status) return;
    batch.push_back(std::move(p));
    if (batch.size() >= kBatch) status = flush();
  });
  IPA_CHECK(status);
  IPA_CHECK(flush());
  return stored;
}

}  // namespace

core::Result<int64_t> LoadDemoPatents(store::Database& db, int64_t count, uint64_t seed,
                                      const std::function<void(int64_t)>& on_progress) {
  IPA_TRY(stored, LoadDemoPatentsOnce(db, count, seed, on_progress));
  // The demo enforcement cases name demo patents, so they come after them (once).
  IPA_CHECK(LoadDemoCases(db));
  return stored;
}

}  // namespace ipa::service
