// Evidence items of cases: POST/GET /api/v1/cases/{id}/evidence (multipart upload, list),
// /api/v1/evidence/{id} (item, file, custody steps, receipt) and /api/v1/cases/{id}/dossier (a
// zip for offline verification). Registered after the evidence log's fixed /api/v1/evidence/...
// routes, which match first.
#include <charconv>

#include "core/text.hpp"
#include "core/time.hpp"
#include "evidence/base64.hpp"
#include "evidence/receipt.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "http/json_io.hpp"
#include "http/multipart.hpp"
#include "service/evidence_item_service.hpp"
#include "service/zip_writer.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Role;

core::Result<service::EvidenceItems*> Items(Context& ctx) {
  if (!ctx.app.evidence_items) return Fail(ErrorCode::kUnavailable, "evidence items are not served here");
  return ctx.app.evidence_items;
}

core::Result<core::CaseId> CaseParam(const Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "case"));
  return core::CaseId{id};
}

Json CustodyJson(const store::CustodyStepRow& s) {
  return {{"id", s.id},         {"step", s.step},   {"performed_by", s.performed_by}, {"performed_at", s.performed_at},
          {"place", s.place},   {"notes", s.notes}, {"office", s.office},
          {"leaf_index", s.leaf_index ? Json(*s.leaf_index) : Json(nullptr)}};
}

Json ItemJson(const service::EvidenceItemView& v) {
  const store::EvidenceItemRow& e = v.item;
  Json custody = Json::array();
  for (const auto& s : v.custody) custody.push_back(CustodyJson(s));
  return {{"id", e.id},
          {"case_id", e.case_id.value},
          {"case_number", v.case_number},
          {"evidence_id", e.evidence_id},
          {"file_name", e.file_name},
          {"media_type", e.media_type},
          {"size", e.size},
          {"sha256", e.sha256},
          {"captured_by", e.captured_by},
          {"captured_at", e.captured_at},
          {"place", e.place},
          {"method", e.method},
          {"tool", e.tool},
          {"notes", e.notes},
          {"office", e.office},
          {"recorded_at", e.recorded_at},
          {"recorded_by", e.recorded_by},
          {"leaf_index", e.leaf_index ? Json(*e.leaf_index) : Json(nullptr)},
          {"custody", std::move(custody)}};
}

// The text parts an upload may carry besides `file`.
core::Result<service::EvidenceUpload> ReadUpload(const Request& req) {
  IPA_TRY(boundary, MultipartBoundary(req.Header("content-type")));
  if (req.spooled && !req.spooled->Mapped()) {
    return Fail(ErrorCode::kUnavailable, "cannot read the spooled upload; try again later");
  }
  IPA_TRY(parts, ParseMultipart(req.BodyView(), boundary));
  service::EvidenceUpload up;
  bool has_file = false;
  for (const FormPart& p : parts) {
    if (p.name == "file") {
      if (!p.has_file_name) return Fail(ErrorCode::kInvalidArgument, "file: the part needs a filename", "file");
      has_file = true;
      up.file_name = p.file_name;
      up.media_type = std::string(core::Trim(std::string_view(p.content_type).substr(0, p.content_type.find(';'))));
      up.data = p.data;  // a view into the body (memory or the mapped spool file), not a copy
      continue;
    }
    std::optional<std::string>* field = p.name == "captured_at"   ? &up.captured_at
                                        : p.name == "captured_by" ? &up.captured_by
                                        : p.name == "place"       ? &up.place
                                        : p.name == "method"      ? &up.method
                                        : p.name == "tool"        ? &up.tool
                                        : p.name == "notes"       ? &up.notes
                                                                  : nullptr;
    if (!field) {
      return Fail(ErrorCode::kInvalidArgument, "unknown part '" + p.name.substr(0, 60) +
                  "'; send file, captured_at, captured_by, place, method, tool, notes", p.name.substr(0, 60));
    }
    if (p.has_file_name) return Fail(ErrorCode::kInvalidArgument, p.name + ": must be a text part", p.name);
    *field = std::string(p.data);
  }
  if (!has_file) return Fail(ErrorCode::kInvalidArgument, "file: a file part is required", "file");
  return up;
}

core::Result<Response> Upload(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(case_id, CaseParam(ctx));
  if (ctx.req.BodySize() > items->max_bytes() + (1u << 20)) {
    return Fail(ErrorCode::kPayloadTooLarge, "file: over the limit of " + std::to_string(items->max_bytes()) + " bytes", "file");
  }
  IPA_TRY(up, ReadUpload(ctx.req));
  IPA_TRY(view, items->Upload(ctx.actor, case_id, std::move(up)));
  Response r = JsonResponse(ItemJson(view), 201);
  r.SetHeader("Location", "/api/v1/evidence/" + std::to_string(view.item.id));
  return r;
}

core::Result<Response> List(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(case_id, CaseParam(ctx));
  IPA_TRY(list, items->List(ctx.actor, case_id));
  Json out = Json::array();
  for (const auto& v : list) out.push_back(ItemJson(v));
  return JsonResponse({{"items", std::move(out)}});
}

core::Result<Response> Get(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(id, ParseId(ctx.Param("id"), "evidence item"));
  IPA_TRY(view, items->Get(ctx.actor, id));
  return JsonResponse(ItemJson(view));
}

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266).
std::string Attachment(const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || std::string_view("-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

core::Result<Response> File(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(id, ParseId(ctx.Param("id"), "evidence item"));
  IPA_TRY(view, items->Get(ctx.actor, id));
  IPA_TRY(bytes, items->FileBytes(view));
  Response r;
  r.content_type = view.item.media_type;
  r.body = std::move(bytes);
  r.SetHeader("Content-Disposition", Attachment(view.item.file_name));
  r.SetHeader("Cache-Control", "private, no-store");
  return r;
}

core::Result<Response> AddCustody(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(id, ParseId(ctx.Param("id"), "evidence item"));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  service::CustodyInput in;
  IPA_TRY(step, f.RequiredString("step"));
  in.step = step;
  IPA_TRY(place, f.String("place"));
  in.place = place.value_or("");
  IPA_TRY(notes, f.String("notes"));
  in.notes = notes.value_or("");
  IPA_CHECK(f.Finish());
  IPA_TRY(saved, items->AddCustody(ctx.actor, id, std::move(in)));
  return JsonResponse(CustodyJson(saved), 201);
}

core::Result<uint64_t> WaitMs(const Request& req) {
  auto it = req.query.find("wait_ms");
  if (it == req.query.end()) return 5000;
  uint64_t v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v > 30000) {
    return Fail(ErrorCode::kInvalidArgument, "wait_ms: an integer from 0 to 30000", "wait_ms");
  }
  return v;
}

core::Result<Response> Receipt(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(id, ParseId(ctx.Param("id"), "evidence item"));
  IPA_TRY(wait_ms, WaitMs(ctx.req));
  IPA_TRY(view, items->Get(ctx.actor, id));
  IPA_TRY(receipt, items->Receipt(ctx.actor, id, std::chrono::milliseconds(wait_ms)));
  Response r;
  r.body = evidence::FormatReceipt(receipt);
  r.SetHeader("Content-Disposition", "attachment; filename=\"receipt-" + view.item.evidence_id + ".json\"");
  return r;
}

constexpr std::string_view kDossierReadme =
    "案件证据卷宗 / Case evidence dossier\n"
    "\n"
    "本卷宗包含: case.json (案件信息), files/ (证据文件), receipts/ (每件证据的收据),\n"
    "checkpoint.txt (最新的三方联署检查点), keys.json (日志及各局公钥)。\n"
    "离线核验: 在任何电脑上运行\n"
    "    ipalliance verify receipts/<证据编号>.json files/<证据编号>-<文件名>\n"
    "或在平台的 /verify 页面中选择收据和文件 (在浏览器内核验, 不联网)。\n"
    "核验内容: 文件的 SHA-256 与记录一致; 记录位于日志的该位置; 检查点由日志和京津冀三局共同签署。\n"
    "请将 keys.json 中的公钥与各局公布的公钥核对。\n"
    "\n"
    "This dossier holds case.json (the case), files/ (the evidence files), receipts/ (one receipt\n"
    "per evidence item covered by a checkpoint), checkpoint.txt (the latest checkpoint co-signed by\n"
    "the log and the three offices) and keys.json (the public keys).\n"
    "To verify offline, with no network:\n"
    "    ipalliance verify receipts/<evidence_id>.json files/<evidence_id>-<file_name>\n"
    "or open the platform's /verify page and choose the receipt and the file (checked in the\n"
    "browser). It checks that the file's SHA-256 is the one recorded, that the record is at that\n"
    "position in the log, and that the log and all three offices signed the checkpoint.\n"
    "Compare the keys in keys.json with the keys each office publishes.\n";

core::Result<Response> Dossier(Context& ctx) {
  IPA_TRY(items, Items(ctx));
  IPA_TRY(case_id, CaseParam(ctx));
  IPA_TRY(content, items->Dossier(ctx.actor, case_id));
  const std::string number = content.view.c.number;
  auto shared = std::make_shared<service::DossierContent>(std::move(content));
  Json keys = Json::object();
  for (const auto& [name, key] : shared->public_keys) {
    keys[name] = evidence::Base64Encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  }
  auto keys_text = std::make_shared<std::string>(Json{{"public_keys", keys}}.dump(2) + "\n");
  auto case_text = std::make_shared<std::string>(ToJson(shared->view).dump(2) + "\n");
  Response r;
  r.content_type = "application/zip";
  r.SetHeader("Content-Disposition", "attachment; filename=\"dossier-" + number + ".zip\"");
  r.SetHeader("Cache-Control", "private, no-store");
  r.stream = ProduceBody([shared, keys_text, case_text, items](const std::function<bool(std::string)>& emit) {
    service::ZipWriter zip([&](std::string_view bytes) { return emit(std::string(bytes)); });
    const int64_t now = core::NowMs();
    if (!zip.Add("README.txt", kDossierReadme, now) || !zip.Add("case.json", *case_text, now) ||
        !zip.Add("keys.json", *keys_text, now)) {
      return;
    }
    if (shared->checkpoint && !zip.Add("checkpoint.txt", shared->checkpoint->note, now)) return;
    for (const auto& v : shared->items) {
      auto bytes = items->FileBytes(v);
      if (bytes && !zip.Add("files/" + v.item.evidence_id + "-" + v.item.file_name, *bytes, now)) return;
      auto receipt = shared->receipts.find(v.item.id);
      if (receipt != shared->receipts.end() &&
          !zip.Add("receipts/" + v.item.evidence_id + ".json", evidence::FormatReceipt(receipt->second), now)) {
        return;
      }
    }
    (void)zip.Finish();
  });
  return r;
}

}  // namespace

void RegisterEvidenceItemRoutes(Router& router) {
  const Policy offices = Policy::Roles({Role::kOffice});
  const std::string tag = "evidence";
  Route upload{"POST", "/api/v1/cases/{id}/evidence", offices,
               "Upload evidence (multipart/form-data: file, captured_at, captured_by, place, method, tool, notes)",
               tag, Upload, {}, true, 201};
  upload.raw_body = true;
  upload.raw_body_type = "multipart/form-data";
  upload.max_body = size_t{1} << 34;  // the configured limit is enforced by the handler (413)
  router.Add(std::move(upload));
  router.Add({"GET", "/api/v1/cases/{id}/evidence", Policy::AnyUser(), "The case's evidence items with custody steps", tag, List});
  router.Add({"GET", "/api/v1/cases/{id}/dossier", Policy::AnyUser(),
              "The case dossier: a zip of case.json, files, receipts, checkpoint and keys", tag, Dossier});
  router.Add({"GET", "/api/v1/evidence/{id}", Policy::AnyUser(), "An evidence item", tag, Get});
  router.Add({"GET", "/api/v1/evidence/{id}/file", Policy::AnyUser(), "An evidence item's file (attachment)", tag, File});
  router.Add({"POST", "/api/v1/evidence/{id}/custody", offices, "Add a chain-of-custody step: {step, place, notes}", tag,
              AddCustody, {}, true, 201});
  router.Add({"GET", "/api/v1/evidence/{id}/receipt", Policy::AnyUser(),
              "The item's receipt for offline verification (503 + Retry-After until a checkpoint covers it)", tag, Receipt,
              {{"wait_ms", "how long to wait for a co-signed checkpoint (0-30000, default 5000)"}}});
}

}  // namespace ipa::http
