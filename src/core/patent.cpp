#include "core/patent.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace ipa::core {
namespace {

// Looks `name` up in a table indexed by the enum's value.
template <class Enum, size_t N>
std::optional<Enum> FindByName(const std::array<std::string_view, N>& names,
                               std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> kPatentTypeNames = {"invention", "utility_model",
                                                              "design"};

constexpr std::array<std::string_view, kEventKindCount> kEventKindNames = {"examination_request",
                                                                           "grant",
                                                                           "annuity_paid",
                                                                           "lapse_non_payment",
                                                                           "restoration",
                                                                           "surrender",
                                                                           "invalidation_full",
                                                                           "invalidation_partial",
                                                                           "term_compensation",
                                                                           "transfer",
                                                                           "licence",
                                                                           "pledge_registered",
                                                                           "pledge_released",
                                                                           "open_licence_declared",
                                                                           "open_licence_withdrawn",
                                                                           "rejection",
                                                                           "withdrawal"};
static_assert(static_cast<int>(EventKind::kWithdrawal) + 1 == kEventKindCount);

constexpr std::array<std::string_view, 4> kLicenceTypeNames = {"exclusive", "sole", "ordinary",
                                                               "open"};

constexpr std::array<std::string_view, 4> kRegionRuleNames = {"none", "province_code", "address",
                                                              "applicant_name"};

}  // namespace

std::string_view PatentTypeName(PatentType t) { return kPatentTypeNames[static_cast<size_t>(t)]; }

std::optional<PatentType> ParsePatentType(std::string_view name) {
  return FindByName<PatentType>(kPatentTypeNames, name);
}

std::string_view EventKindName(EventKind k) { return kEventKindNames[static_cast<size_t>(k)]; }

std::optional<EventKind> ParseEventKind(std::string_view name) {
  return FindByName<EventKind>(kEventKindNames, name);
}

std::string_view LicenceTypeName(LicenceType t) {
  return kLicenceTypeNames[static_cast<size_t>(t)];
}

std::optional<LicenceType> ParseLicenceType(std::string_view name) {
  return FindByName<LicenceType>(kLicenceTypeNames, name);
}

std::string_view RegionRuleName(RegionRule r) { return kRegionRuleNames[static_cast<size_t>(r)]; }

void SortEventsByDate(std::vector<LegalEvent>& events) {
  for (size_t i = 1; i < events.size(); ++i) {
    for (size_t j = i; j > 0 && events[j].date < events[j - 1].date; --j) std::swap(events[j], events[j - 1]);
  }
}

}  // namespace ipa::core
