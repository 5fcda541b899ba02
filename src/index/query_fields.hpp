// The fields of the query language (TI=, AB=, …, status=) and what kind of value each takes.
// Internal to the query parser and printer.
#pragma once

#include <string_view>

#include "index/query.hpp"

namespace ipa::index {

enum class FieldKind : uint8_t { kText, kDate, kIpc, kRegion, kType, kStatus };

struct FieldSpec {
  std::string_view name;  // canonical spelling: "TI", "AD", "region"
  FieldKind kind = FieldKind::kText;
  FieldMask mask = 0;                   // kText
  DateField date = DateField::kFiling;  // kDate
};

// Free text: the default text fields (TAC and PA), which no field name spells.
inline constexpr FieldSpec kFreeText{"", FieldKind::kText, kDefaultFields, DateField::kFiling};

// The field named `name`, case-insensitively ("ti", "Region"); nullptr when unknown.
const FieldSpec* FindField(std::string_view name);

// The text field with this mask; nullptr for kDefaultFields or a mask no name spells.
const FieldSpec* TextFieldFor(FieldMask mask);

// "TI, AB, CL, TAC, PA, IN, IPC, AD, PD, GD, region, type, status".
std::string_view FieldList();

}  // namespace ipa::index
