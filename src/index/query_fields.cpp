#include "index/query_fields.hpp"

#include <array>

namespace ipa::index {
namespace {

constexpr std::array<FieldSpec, 13> kFields = {{
    {"TI", FieldKind::kText, kFieldTitle, DateField::kFiling},
    {"AB", FieldKind::kText, kFieldAbstract, DateField::kFiling},
    {"CL", FieldKind::kText, kFieldClaims, DateField::kFiling},
    {"TAC", FieldKind::kText, kFieldTac, DateField::kFiling},
    {"PA", FieldKind::kText, kFieldApplicant, DateField::kFiling},
    {"IN", FieldKind::kText, kFieldInventor, DateField::kFiling},
    {"IPC", FieldKind::kIpc, 0, DateField::kFiling},
    {"AD", FieldKind::kDate, 0, DateField::kFiling},
    {"PD", FieldKind::kDate, 0, DateField::kPublication},
    {"GD", FieldKind::kDate, 0, DateField::kGrant},
    {"region", FieldKind::kRegion, 0, DateField::kFiling},
    {"type", FieldKind::kType, 0, DateField::kFiling},
    {"status", FieldKind::kStatus, 0, DateField::kFiling},
}};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

}  // namespace

const FieldSpec* FindField(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (EqualsIgnoringCase(f.name, name)) return &f;
  }
  return nullptr;
}

const FieldSpec* TextFieldFor(FieldMask mask) {
  for (const FieldSpec& f : kFields) {
    if (f.kind == FieldKind::kText && f.mask == mask) return &f;
  }
  return nullptr;
}

std::string_view FieldList() {
  return "TI, AB, CL, TAC, PA, IN, IPC, AD, PD, GD, region, type, status";
}

}  // namespace ipa::index
