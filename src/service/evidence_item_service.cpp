#include "service/evidence_item_service.hpp"

#include "core/text.hpp"
#include "core/time.hpp"
#include "evidence/leaf.hpp"
#include "service/case_event_drain.hpp"
#include "service/case_service_internal.hpp"
#include "service/crypto.hpp"
#include "service/evidence_file_store.hpp"
#include "store/case_repo.hpp"

namespace ipa::service {
namespace {

using namespace case_internal;
using core::ErrorCode;
using core::Fail;

std::string NowSeconds() { return core::FormatIsoTime(core::NowMs()).substr(0, 19) + "Z"; }

std::string ActorName(const Actor& actor) {
  const std::string login = actor.login();
  const std::string name = actor.user ? actor.user->display_name : std::string();
  return name.empty() || name == login ? login : name + " (" + login + ")";
}

// "YYYY-MM-DDTHH:MM:SSZ" (the leaf validates the calendar and clock values).
core::Status CheckCapturedAt(const std::string& t) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  bool ok = t.size() == kShape.size();
  for (size_t i = 0; ok && i < t.size(); ++i) {
    ok = kShape[i] == 'd' ? (t[i] >= '0' && t[i] <= '9') : t[i] == kShape[i];
  }
  if (!ok) return Fail(ErrorCode::kInvalidArgument, "captured_at: UTC time as YYYY-MM-DDTHH:MM:SSZ", "captured_at");
  return {};
}

core::Status CheckFileName(const std::string& name) {
  const bool bad_char = name.find_first_of("/\\") != std::string::npos ||
                        std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (name.empty() || name.size() > 255 || !core::IsValidUtf8(name) || bad_char || name == "." || name == "..") {
    return Fail(ErrorCode::kInvalidArgument,
                "file: the file name must be 1-255 bytes of UTF-8 without slashes or control characters", "file");
  }
  return {};
}

core::Status CheckText(const std::string& value, const std::string& field, size_t max) {
  if (value.size() > max || !core::IsValidUtf8(value)) {
    return Fail(ErrorCode::kInvalidArgument, field + ": at most " + std::to_string(max) + " bytes of UTF-8", field);
  }
  return {};
}

core::Result<core::EnforcementCase> LoadWritable(store::Tx& tx, const Actor& actor, core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  IPA_TRY(c, store::GetCase(tx, id));
  if (!actor.office() || *actor.office() != c.owner) {
    return Fail(ErrorCode::kPermissionDenied,
                "case " + c.number + " is owned by " + OfficeText(c.owner) + "; only its office records evidence");
  }
  return c;
}

evidence::EvidenceRecord EvidenceRecordOf(const store::EvidenceItemRow& row, const std::string& number) {
  evidence::EvidenceRecord r;
  r.kind = evidence::LeafKind::kEvidence;
  r.office = row.office;
  r.case_id = number;
  r.evidence_id = row.evidence_id;
  r.sha256 = row.sha256;
  r.media_type = row.media_type;
  r.size = static_cast<uint64_t>(row.size);
  r.captured_by = row.captured_by;
  r.captured_at = row.captured_at;
  r.place = row.place;
  r.method = row.method;
  r.tool = row.tool;
  r.notes = row.notes;
  r.recorded_at = row.recorded_at;
  return r;
}

// The item row of an upload to case `c` (serial and leaf still to fill).
store::EvidenceItemRow ItemRowOf(const core::EnforcementCase& c, const Actor& actor, const EvidenceUpload& up,
                                 const std::string& sha, int64_t serial) {
  store::EvidenceItemRow row;
  row.case_id = c.id;
  row.serial = serial;
  row.evidence_id = c.number + "-E" + std::to_string(serial);
  row.office = OfficeText(c.owner);
  row.file_name = up.file_name;
  row.media_type = up.media_type;
  row.size = static_cast<int64_t>(up.data.size());
  row.sha256 = sha;
  row.captured_by = up.captured_by.value_or(ActorName(actor));
  row.captured_at = up.captured_at.value_or(NowSeconds());
  row.place = up.place.value_or("");
  row.method = up.method.value_or("");
  row.tool = up.tool.value_or("");
  row.notes = up.notes.value_or("");
  row.recorded_at = core::FormatIsoTime(core::NowMs());
  row.recorded_by = actor.login();
  row.created_at = core::NowMs();
  return row;
}

}  // namespace

EvidenceItems::EvidenceItems(store::Database& db, EvidenceLog& log, EvidenceItemsOptions options)
    : db_(db), log_(log), options_(std::move(options)) {}

core::Result<std::pair<core::EnforcementCase, CaseAccess>> EvidenceItems::ReadableCase(store::Tx& tx, const Actor& actor,
                                                                                       core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  IPA_TRY(c, store::GetCase(tx, id));
  IPA_TRY(access, AccessTo(tx, actor, c));
  if (access < CaseAccess::kFull) {
    return Fail(ErrorCode::kPermissionDenied, "the evidence of case " + c.number + " is not shared with you");
  }
  return std::pair{std::move(c), access};
}

core::Result<EvidenceItemView> EvidenceItems::ViewOf(store::Tx& tx, store::EvidenceItemRow item,
                                                     const std::string& number) {
  IPA_TRY(custody, store::ListCustodySteps(tx, item.id));
  return EvidenceItemView{std::move(item), number, std::move(custody)};
}

core::Result<EvidenceItemView> EvidenceItems::Upload(const Actor& actor, core::CaseId case_id, EvidenceUpload up) {
  if (up.data.size() > options_.max_bytes) {
    return Fail(ErrorCode::kPayloadTooLarge, "file: over the limit of " + std::to_string(options_.max_bytes) + " bytes", "file");
  }
  if (up.data.empty()) return Fail(ErrorCode::kInvalidArgument, "file: is empty", "file");
  IPA_CHECK(CheckFileName(up.file_name));
  if (up.media_type.empty()) up.media_type = "application/octet-stream";
  up.media_type = core::AsciiLower(up.media_type);
  if (up.captured_at) IPA_CHECK(CheckCapturedAt(*up.captured_at));
  for (auto [value, field] : {std::pair{&up.place, "place"}, {&up.method, "method"}, {&up.tool, "tool"},
                              {&up.notes, "notes"}, {&up.captured_by, "captured_by"}}) {
    if (*value) IPA_CHECK(CheckText(**value, field, 4000));
  }
  // Permission and a valid record before anything is stored.
  const std::string sha = Sha256Hex(up.data);
  IPA_CHECK(db_.Read([&](store::Tx& tx) -> core::Status {
    IPA_TRY(c, LoadWritable(tx, actor, case_id));
    return evidence::ValidateRecord(EvidenceRecordOf(ItemRowOf(c, actor, up, sha, 1), c.number));
  }));
  IPA_TRY(stored_sha, StoreEvidenceFile(FilesRoot(), up.data));
  if (stored_sha != sha) return core::Internal("evidence file hash changed while storing");

  using Out = std::pair<store::EvidenceItemRow, std::string>;
  IPA_TRY(inserted, store::WriteValue<Out>(db_, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_CHECK(store::LockCase(tx, case_id));
    IPA_TRY(c, LoadWritable(tx, actor, case_id));
    IPA_TRY(serial, store::NextEvidenceSerial(tx, c.id));
    store::EvidenceItemRow row = ItemRowOf(c, actor, up, sha, serial);
    IPA_TRY(leaf, evidence::EncodeLeaf(EvidenceRecordOf(row, c.number)));
    row.leaf = std::move(leaf);
    IPA_TRY(id, store::InsertEvidenceItem(tx, row));
    row.id = id;
    IPA_CHECK(Record(tx, actor, c, "evidence_added", "", "", row.evidence_id + " " + row.file_name + " sha256 " + sha));
    return Out{std::move(row), c.number};
  }));
  auto& [row, number] = inserted;
  IPA_TRY(index, log_.Append(row.leaf));
  row.leaf_index = static_cast<int64_t>(index);
  IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::SetEvidenceItemLeafIndex(tx, row.id, *row.leaf_index); }));
  return EvidenceItemView{std::move(row), number, {}};
}

core::Result<std::vector<EvidenceItemView>> EvidenceItems::List(const Actor& actor, core::CaseId case_id) {
  using Out = std::vector<EvidenceItemView>;
  return store::ReadValue<Out>(db_, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_TRY(found, ReadableCase(tx, actor, case_id));
    IPA_TRY(rows, store::ListEvidenceItems(tx, case_id));
    Out out;
    for (auto& row : rows) {
      IPA_TRY(view, ViewOf(tx, std::move(row), found.first.number));
      out.push_back(std::move(view));
    }
    return out;
  });
}

core::Result<EvidenceItemView> EvidenceItems::Get(const Actor& actor, int64_t id) {
  return store::ReadValue<EvidenceItemView>(db_, [&](store::Tx& tx) -> core::Result<EvidenceItemView> {
    IPA_CHECK(RequireUser(actor));
    IPA_TRY(row, store::GetEvidenceItem(tx, id));
    IPA_TRY(found, ReadableCase(tx, actor, row.case_id));
    return ViewOf(tx, std::move(row), found.first.number);
  });
}

core::Result<std::string> EvidenceItems::FileBytes(const EvidenceItemView& view) const {
  return ReadEvidenceFile(FilesRoot(), view.item.sha256);
}

core::Result<store::CustodyStepRow> EvidenceItems::AddCustody(const Actor& actor, int64_t id, CustodyInput in) {
  if (core::Trim(in.step).empty()) return Fail(ErrorCode::kInvalidArgument, "step: is required", "step");
  IPA_CHECK(CheckText(in.step, "step", 1000));
  IPA_CHECK(CheckText(in.place, "place", 4000));
  IPA_CHECK(CheckText(in.notes, "notes", 4000));
  IPA_TRY(step, store::WriteValue<store::CustodyStepRow>(db_, [&](store::Tx& tx) -> core::Result<store::CustodyStepRow> {
    IPA_TRY(item, store::GetEvidenceItem(tx, id));
    IPA_CHECK(store::LockCase(tx, item.case_id));
    IPA_TRY(c, LoadWritable(tx, actor, item.case_id));
    store::CustodyStepRow s;
    s.item_id = item.id;
    s.step = in.step;
    s.office = OfficeText(c.owner);
    s.performed_by = ActorName(actor);
    s.performed_at = core::FormatIsoTime(core::NowMs());
    s.place = in.place;
    s.notes = in.notes;
    s.created_at = core::NowMs();
    evidence::EvidenceRecord r;
    r.kind = evidence::LeafKind::kCustody;
    r.office = s.office;
    r.case_id = c.number;
    r.evidence_id = item.evidence_id;
    r.sha256 = item.sha256;
    r.captured_by = s.performed_by;
    r.captured_at = s.performed_at;
    r.place = s.place;
    r.notes = s.notes;
    r.custody_step = s.step;
    r.recorded_at = s.performed_at;
    IPA_TRY(leaf, evidence::EncodeLeaf(r));
    s.leaf = std::move(leaf);
    IPA_TRY(step_id, store::InsertCustodyStep(tx, s));
    s.id = step_id;
    IPA_CHECK(Record(tx, actor, c, "custody_step", "", "", item.evidence_id + ": " + s.step));
    return s;
  }));
  IPA_TRY(index, log_.Append(step.leaf));
  step.leaf_index = static_cast<int64_t>(index);
  IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::SetCustodyLeafIndex(tx, step.id, *step.leaf_index); }));
  return step;
}

core::Result<evidence::Receipt> EvidenceItems::Receipt(const Actor& actor, int64_t id, std::chrono::milliseconds wait) {
  IPA_TRY(view, Get(actor, id));
  if (!view.item.leaf_index) {
    core::Error e{ErrorCode::kUnavailable, "evidence " + view.item.evidence_id + " is not in the log yet", {}, {}, 2};
    return std::unexpected(e);
  }
  auto receipt = log_.GetReceipt(static_cast<uint64_t>(*view.item.leaf_index), wait);
  if (!receipt && receipt.error().code == ErrorCode::kUnavailable) {
    core::Error e{ErrorCode::kUnavailable,
                  "no co-signed checkpoint covers evidence " + view.item.evidence_id + " yet; retry shortly", {}, {}, 2};
    return std::unexpected(e);
  }
  return receipt;
}

core::Result<DossierContent> EvidenceItems::Dossier(const Actor& actor, core::CaseId case_id) {
  DossierContent d;
  IPA_TRY(view, GetCase(db_, actor, case_id));
  if (view.access < CaseAccess::kFull) {
    return Fail(ErrorCode::kPermissionDenied, "case " + view.c.number + " is not shared with you");
  }
  d.view = std::move(view);
  IPA_TRY(items, List(actor, case_id));
  d.items = std::move(items);
  d.checkpoint = log_.LatestCheckpoint();
  d.public_keys = log_.PublicKeys();
  for (const EvidenceItemView& v : d.items) {
    if (!v.item.leaf_index || !d.checkpoint || static_cast<uint64_t>(*v.item.leaf_index) >= d.checkpoint->checkpoint.size) {
      continue;
    }
    auto receipt = log_.GetReceipt(static_cast<uint64_t>(*v.item.leaf_index), std::chrono::milliseconds(0));
    if (receipt) d.receipts.emplace(v.item.id, std::move(*receipt));
  }
  return d;
}

core::Result<size_t> EvidenceItems::RecoverUnlogged() {
  size_t done = 0;
  using Items = std::vector<store::EvidenceItemRow>;
  IPA_TRY(items, store::ReadValue<Items>(db_, [](store::Tx& tx) { return store::ListUnloggedEvidenceItems(tx, 100000); }));
  for (const auto& item : items) {
    IPA_TRY(index, AppendOnce(db_, log_, item.leaf));
    IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::SetEvidenceItemLeafIndex(tx, item.id, index); }));
    ++done;
  }
  using Steps = std::vector<store::CustodyStepRow>;
  IPA_TRY(steps, store::ReadValue<Steps>(db_, [](store::Tx& tx) { return store::ListUnloggedCustodySteps(tx, 100000); }));
  for (const auto& step : steps) {
    IPA_TRY(index, AppendOnce(db_, log_, step.leaf));
    IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::SetCustodyLeafIndex(tx, step.id, index); }));
    ++done;
  }
  return done;
}

core::Result<std::vector<StoredEvidenceFile>> ListStoredEvidenceFiles(store::Database& db, const std::string& data_dir) {
  std::vector<StoredEvidenceFile> out;
  int64_t after = 0;
  for (;;) {
    using Items = std::vector<store::EvidenceItemRow>;
    IPA_TRY(page, store::ReadValue<Items>(db, [&](store::Tx& tx) { return store::ListAllEvidenceItems(tx, after, 1000); }));
    if (page.empty()) return out;
    for (const auto& item : page) {
      out.push_back({item.evidence_id, EvidenceFilePath(data_dir + "/evidence", item.sha256), item.sha256,
                     static_cast<uint64_t>(item.size)});
    }
    after = page.back().id;
  }
}

}  // namespace ipa::service
