#include "service/demo_patent_deals.hpp"

#include <algorithm>

#include "core/region.hpp"
#include "service/demo_patent_tables.hpp"

namespace ipa::service::demo {

using core::Date;
using core::EventKind;
using core::LegalEvent;

std::optional<Date> DealWindow::Pick(DemoRng& rng, Date after) const {
  const Date lo = std::max(from_, after);
  if (to_ < lo) return std::nullopt;
  const Date d = core::AddDays(lo, rng.Between(0, to_.days - lo.days));
  for (const Gap& g : gaps_) {
    if (g.start <= d && d < g.restored) return std::nullopt;
  }
  return d;
}

LegalEvent& PushEvent(std::vector<LegalEvent>& events, EventKind kind, Date date,
                      const char* note) {
  LegalEvent& e = events.emplace_back();
  e.kind = kind;
  e.date = date;
  e.note = note;
  return e;
}

bool IsResearch(const Party& p) {
  return p.kind == PartyKind::kUniversity || p.kind == PartyKind::kInstitute;
}

namespace {

// Where the counterparty of a deal sits: Beijing research goes mostly to Tianjin and Hebei.
int CounterpartProvince(DemoRng& rng, const Parties& parties, const Party& owner) {
  const int home = owner.place->province;
  if (IsResearch(owner) && parties.IsBeijing(home)) {
    const double r = rng.Unit();
    if (r < 0.8) return rng.Chance(0.5) ? parties.Tianjin() : parties.Hebei();
    return r < 0.9 ? home : parties.PickProvince(rng);
  }
  return rng.Chance(0.7) ? home : parties.PickProvince(rng);
}

Party Counterpart(DemoRng& rng, const Parties& parties, const Party& owner, int field) {
  const int province = CounterpartProvince(rng, parties, owner);
  const double member_share = parties.IsTianjinOrHebei(province) && IsResearch(owner) ? 0.4 : 0.15;
  return parties.Company(rng, province, field, member_share);
}

std::string ProvinceName(const Party& p) {
  const core::Region* r =
      core::FindRegion(std::string(Provinces()[static_cast<size_t>(p.place->province)].code));
  return r ? r->name : "中国";
}

struct Deals {
  double transfer, licence, pledge, open_licence;
};

Deals DealRates(const Parties& parties, const Party& owner) {
  if (IsResearch(owner)) {
    return parties.IsBeijing(owner.place->province) ? Deals{0.18, 0.10, 0, 0.08}
                                                    : Deals{0.025, 0.025, 0, 0.08};
  }
  if (owner.kind == PartyKind::kIndividual) return {0.08, 0.02, 0, 0.01};
  return {0.05, 0.02, 0.015, 0.02};
}

void AddLicence(DemoRng& rng, const Party& licensor, const Party& licensee, Date start,
                Date recorded, core::LicenceType type, Date right_end,
                std::vector<LegalEvent>& events) {
  LegalEvent& e = PushEvent(events, EventKind::kLicence, recorded, "专利实施许可合同备案");
  e.from = licensor.name;
  e.licensee = licensee.name;
  e.licence_type = type;
  e.term_start = start;
  e.term_end = std::min(core::AddYears(start, rng.Between(2, 8)), right_end);
  e.territory = rng.Chance(0.8) ? "中国" : ProvinceName(licensee);
}

// The owner's deals on a granted right, in the window the right is in force.
class Dealer {
 public:
  Dealer(DemoRng& rng, const Parties& parties, const LifeContext& ctx, const DealWindow& window,
         Date term_end, std::vector<LegalEvent>& events)
      : rng_(rng),
        parties_(parties),
        ctx_(ctx),
        window_(window),
        term_end_(term_end),
        events_(events),
        original_(*ctx.owner),
        owner_(*ctx.owner) {}

  void Run() {
    const Deals rates = DealRates(parties_, original_);
    if (rng_.Chance(rates.transfer)) Transfer();
    if (rng_.Chance(rates.licence)) Licence();
    if (owner_.kind == PartyKind::kCompany && rng_.Chance(rates.pledge)) Pledge();
    if (!exclusive_ && rng_.Chance(rates.open_licence)) OpenLicence();
  }

 private:
  const Party& OwnerOn(Date d) const { return sold_ && d >= *sold_ ? owner_ : original_; }
  Date AfterSale() const { return sold_.value_or(Date{}); }

  void Transfer() {
    const auto d = window_.Pick(rng_, Date{});
    const Party buyer = Counterpart(rng_, parties_, owner_, ctx_.field);
    if (!d || buyer.name == owner_.name) return;
    LegalEvent& e = PushEvent(events_, EventKind::kTransfer, *d, "专利权的转移");
    e.from = owner_.name;
    e.to = buyer.name;
    owner_ = buyer;
    sold_ = d;
  }

  void Licence() {
    const auto d = window_.Pick(rng_, Date{});
    if (!d) return;
    const Date recorded = core::AddDays(*d, rng_.Between(10, 90));  // recorded within three months
    const Party& licensor = OwnerOn(*d);
    const Party licensee = Counterpart(rng_, parties_, licensor, ctx_.field);
    if (recorded > window_.to() || licensee.name == licensor.name) return;
    const double r = rng_.Unit();
    const auto type = r < 0.25  ? core::LicenceType::kExclusive
                      : r < 0.4 ? core::LicenceType::kSole
                                : core::LicenceType::kOrdinary;
    exclusive_ = type != core::LicenceType::kOrdinary;
    AddLicence(rng_, licensor, licensee, *d, recorded, type, term_end_, events_);
  }

  void Pledge() {
    const auto d = window_.Pick(rng_, AfterSale());
    if (!d) return;
    const std::string bank = parties_.Bank(rng_, owner_);
    LegalEvent& e =
        PushEvent(events_, EventKind::kPledgeRegistered, *d, "专利权质押合同登记的生效");
    e.from = owner_.name;
    e.to = bank;
    const Date release = core::AddDays(*d, rng_.Between(365, 1100));
    if (rng_.Chance(0.75) && release <= window_.to()) {
      LegalEvent& r =
          PushEvent(events_, EventKind::kPledgeReleased, release, "专利权质押合同登记的注销");
      r.from = owner_.name;
      r.to = bank;
    }
  }

  // Open licences exist from 2021-06-01 (Patent Law Art. 50); anyone may then take one.
  void OpenLicence() {
    const auto d = window_.Pick(rng_, std::max(core::MakeDate(2021, 6, 1), AfterSale()));
    if (!d) return;
    PushEvent(events_, EventKind::kOpenLicenceDeclared, *d, "专利开放许可声明").from = owner_.name;
    Date until = window_.to();
    if (rng_.Chance(0.1)) {
      const Date withdrawn = core::AddDays(*d, rng_.Between(60, 700));
      if (withdrawn <= window_.to()) {
        PushEvent(events_, EventKind::kOpenLicenceWithdrawn, withdrawn, "专利开放许可声明撤回")
            .from = owner_.name;
        until = withdrawn;
      }
    }
    const int takers = rng_.Chance(0.4) ? rng_.Between(1, 2) : 0;
    for (int i = 0; i < takers; ++i) {
      const Date start = core::AddDays(*d, rng_.Between(14, 400));
      const Party licensee = Counterpart(rng_, parties_, owner_, ctx_.field);
      if (start >= until) break;
      if (licensee.name != owner_.name) {
        AddLicence(rng_, owner_, licensee, start, start, core::LicenceType::kOpen, term_end_,
                   events_);
      }
    }
  }

  DemoRng& rng_;
  const Parties& parties_;
  const LifeContext& ctx_;
  const DealWindow& window_;
  Date term_end_;
  std::vector<LegalEvent>& events_;
  const Party original_;
  Party owner_;
  std::optional<Date> sold_;  // the transfer date, after which the buyer deals
  bool exclusive_ = false;    // no open licence over an exclusive or sole licence
};

}  // namespace

void MakeDeals(DemoRng& rng, const Parties& parties, const LifeContext& ctx,
               const DealWindow& window, Date term_end, std::vector<LegalEvent>& events) {
  Dealer(rng, parties, ctx, window, term_end, events).Run();
}

}  // namespace ipa::service::demo
