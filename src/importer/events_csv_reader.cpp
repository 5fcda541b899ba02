#include "importer/events_csv_reader.hpp"

#include <string_view>

#include "core/text.hpp"
#include "importer/field_parse.hpp"

namespace ipa::importer {
namespace {

enum Col {
  kApp,
  kKind,
  kDate,
  kYear,
  kDays,
  kFrom,
  kTo,
  kLicType,
  kLicensee,
  kStart,
  kEnd,
  kTerritory,
  kNote
};
constexpr std::string_view kNames[EventsCsvReader::kColumns] = {
    "application_number", "kind",     "date",       "patent_year", "days",      "from", "to",
    "licence_type",       "licensee", "term_start", "term_end",    "territory", "note"};

using Fields = std::vector<std::string>;
using Index = std::array<int, EventsCsvReader::kColumns>;

std::string_view Get(const Index& index, const Fields& f, Col c) {
  return index[c] < 0 ? std::string_view() : core::Trim(f[static_cast<size_t>(index[c])]);
}

std::expected<std::optional<core::Date>, FieldError> DateField(const Index& index, const Fields& f,
                                                               Col c) {
  auto d = ParseOptionalDate(Get(index, f, c));
  if (!d) return std::unexpected(FieldError{std::string(kNames[c]), d.error()});
  return *d;
}

std::expected<int, FieldError> IntField(const Index& index, const Fields& f, Col c) {
  const std::string_view text = Get(index, f, c);
  if (text.empty()) return 0;
  const auto v = ParseInteger(text);
  if (!v || *v < 0 || *v > 100000) {
    return std::unexpected(FieldError{
        std::string(kNames[c]), "'" + std::string(text) + "' is not a whole number 0..100000"});
  }
  return static_cast<int>(*v);
}

std::expected<void, FieldError> KindAndDate(const Index& index, const Fields& f,
                                            core::LegalEvent& e) {
  const std::string_view kind = Get(index, f, kKind);
  const auto k = core::ParseEventKind(kind);
  if (!k)
    return std::unexpected(FieldError{"kind", "unknown event kind '" + std::string(kind) + "'"});
  e.kind = *k;
  auto date = DateField(index, f, kDate);
  if (!date) return std::unexpected(date.error());
  if (!*date) return std::unexpected(FieldError{"date", "an event needs a date"});
  e.date = **date;
  return {};
}

std::expected<void, FieldError> Numbers(const Index& index, const Fields& f, core::LegalEvent& e) {
  auto year = IntField(index, f, kYear);
  if (!year) return std::unexpected(year.error());
  auto days = IntField(index, f, kDays);
  if (!days) return std::unexpected(days.error());
  e.patent_year = *year;
  e.days = *days;
  if (e.kind == core::EventKind::kAnnuityPaid && e.patent_year < 1) {
    return std::unexpected(FieldError{"patent_year", "annuity_paid needs the patent year (1..20)"});
  }
  if (e.kind == core::EventKind::kTermCompensation && e.days < 1) {
    return std::unexpected(FieldError{"days", "term_compensation needs the days added"});
  }
  return {};
}

std::expected<void, FieldError> Licence(const Index& index, const Fields& f, core::LegalEvent& e) {
  if (const auto type = Get(index, f, kLicType); !type.empty()) {
    e.licence_type = core::ParseLicenceType(type);
    if (!e.licence_type) {
      return std::unexpected(FieldError{
          "licence_type",
          "unknown licence type '" + std::string(type) + "' (exclusive, sole, ordinary, open)"});
    }
  }
  auto start = DateField(index, f, kStart);
  if (!start) return std::unexpected(start.error());
  auto end = DateField(index, f, kEnd);
  if (!end) return std::unexpected(end.error());
  if (*start && *end && **end < **start) {
    return std::unexpected(FieldError{"term_end", "licence term ends before it starts"});
  }
  e.term_start = *start;
  e.term_end = *end;
  return {};
}

std::expected<EventRecord, FieldError> MapEventRow(const Index& index, const Fields& f) {
  EventRecord r;
  r.application_number = std::string(Get(index, f, kApp));
  if (r.application_number.empty()) {
    return std::unexpected(FieldError{"application_number", "no application number"});
  }
  core::LegalEvent& e = r.event;
  for (auto step : {KindAndDate, Numbers, Licence}) {
    if (auto ok = step(index, f, e); !ok) return std::unexpected(ok.error());
  }
  e.from = Get(index, f, kFrom);
  e.to = Get(index, f, kTo);
  e.licensee = Get(index, f, kLicensee);
  e.territory = Get(index, f, kTerritory);
  e.note = Get(index, f, kNote);
  return r;
}

}  // namespace

EventsCsvReader::EventsCsvReader(ByteSource source, const ReaderOptions& options)
    : table_(std::move(source), options.max_record_bytes) {
  index_.fill(-1);
}

core::Result<std::optional<ImportItem>> EventsCsvReader::ReadHeader() {
  header_done_ = true;
  IPA_TRY(header, table_.Header());
  for (size_t i = 0; i < header->size(); ++i) {
    size_t c = 0;
    while (c < kColumns && kNames[c] != (*header)[i]) ++c;
    if (c == kColumns || index_[c] >= 0) {
      ignored_.push_back((*header)[i]);
    } else {
      index_[c] = static_cast<int>(i);
    }
  }
  const Location where{table_.file(), 1, 0};
  std::string problem = table_.header_error();
  if (problem.empty() && (index_[kApp] < 0 || index_[kKind] < 0 || index_[kDate] < 0)) {
    problem = "the header needs application_number, kind and date columns";
  }
  if (problem.empty()) return std::nullopt;
  done_ = true;
  return MakeRejection(where, "header", problem);
}

core::Result<std::optional<ImportItem>> EventsCsvReader::Next() {
  if (!header_done_) {
    IPA_TRY(header_item, ReadHeader());
    if (header_item) return header_item;
  }
  if (done_) return std::nullopt;
  IPA_TRY(next, table_.Next());
  if (!next) return std::nullopt;
  if (auto* rejection = std::get_if<Rejection>(&*next))
    return ImportItem{rejection->where, *rejection};
  const auto& row = std::get<TableRow>(*next);
  auto record = MapEventRow(index_, *row.fields);
  if (!record) return MakeRejection(row.where, record.error().field, record.error().reason);
  return ImportItem{row.where, std::move(*record)};
}

std::vector<std::string> EventsCsvReader::Warnings() const {
  if (!header_done_) return {};
  return table_.Notes(ignored_);
}

}  // namespace ipa::importer
