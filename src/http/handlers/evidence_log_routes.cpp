// /api/v1/evidence/...: the evidence log's keys, checkpoint, proofs and leaves, and the remote
// witness protocol (docs/evidence-log-format.md). Access: keys and the witness endpoints are
// public (a witness is authenticated by its signature); checkpoint and proofs (hashes only) for
// any signed-in user, members included, so a rights holder can check a receipt's consistency;
// leaf contents and receipts for offices and admins; appending raw leaves for admins only.
#include <charconv>

#include "evidence/base64.hpp"
#include "evidence/receipt.hpp"
#include "http/handlers/routes.hpp"
#include "http/json_io.hpp"
#include "service/audit_service.hpp"
#include "service/evidence_log.hpp"
#include "service/office_keys.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

core::Result<service::EvidenceLog*> Log(Context& ctx) {
  if (!ctx.app.evidence) return Fail(ErrorCode::kUnavailable, "the evidence log is not running here");
  return ctx.app.evidence;
}

// A decimal query parameter; `fallback` when absent (nullopt: required).
core::Result<uint64_t> UintParam(const Request& req, const std::string& name,
                                 std::optional<uint64_t> fallback = std::nullopt) {
  auto it = req.query.find(name);
  if (it == req.query.end()) {
    if (fallback) return *fallback;
    return Fail(ErrorCode::kInvalidArgument, name + " is required", name);
  }
  uint64_t v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
    return Fail(ErrorCode::kInvalidArgument, name + ": expected a non-negative integer", name);
  }
  return v;
}

core::Result<uint64_t> IndexParam(Context& ctx) {
  const std::string& s = ctx.Param("index");
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
    return Fail(ErrorCode::kInvalidArgument, "index: expected a non-negative integer", "index");
  }
  return v;
}

Json HashList(const std::vector<evidence::Hash>& hashes) {
  Json out = Json::array();
  for (const auto& h : hashes) out.push_back(evidence::Base64Encode(evidence::HashBytes(h)));
  return out;
}

core::Result<Response> GetKeys(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  Json keys = Json::array();
  Json public_keys = Json::object();
  for (const evidence::VerifierKey& k : log->Keys()) {
    const std::string b64 = evidence::Base64Encode(
        std::string_view(reinterpret_cast<const char*>(k.key.data()), k.key.size()));
    auto office = service::OfficeOfKeyName(k.name);
    keys.push_back({{"name", k.name}, {"public_key", b64}, {"verifier_key", evidence::FormatVerifierKey(k)},
                    {"office", office ? Json(*office) : Json(nullptr)}});
    public_keys[k.name] = b64;
  }
  return JsonResponse({{"origin", log->origin()}, {"keys", keys}, {"public_keys", public_keys}});
}

core::Result<Response> GetCheckpoint(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  auto latest = log->LatestCheckpoint();
  if (!latest) return Fail(ErrorCode::kNotFound, "no checkpoint has been published yet");
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = latest->note;
  return r;
}

uint64_t PublishedSize(service::EvidenceLog& log) {
  auto latest = log.LatestCheckpoint();
  return latest ? latest->checkpoint.size : 0;
}

core::Result<Response> GetInclusion(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(index, UintParam(ctx.req, "index"));
  IPA_TRY(size, UintParam(ctx.req, "size", PublishedSize(*log)));
  IPA_TRY(path, log->InclusionProof(index, size));
  return JsonResponse({{"leaf_index", index}, {"tree_size", size}, {"inclusion_path", HashList(path)}});
}

core::Result<Response> GetConsistency(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(first, UintParam(ctx.req, "first"));
  IPA_TRY(second, UintParam(ctx.req, "second", PublishedSize(*log)));
  IPA_TRY(proof, log->ConsistencyProof(first, second));
  return JsonResponse({{"first", first}, {"second", second}, {"consistency", HashList(proof)}});
}

core::Result<Response> GetLeaf(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(index, IndexParam(ctx));
  IPA_TRY(leaf, log->Leaf(index));
  return JsonResponse({{"leaf_index", index},
                       {"leaf", evidence::Base64Encode(leaf)},
                       {"leaf_hash", evidence::HashHex(evidence::HashLeaf(leaf))}});
}

core::Result<Response> GetLeafReceipt(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(index, IndexParam(ctx));
  IPA_TRY(wait_ms, UintParam(ctx.req, "wait_ms", 0));
  if (wait_ms > 30000) return Fail(ErrorCode::kInvalidArgument, "wait_ms: at most 30000", "wait_ms");
  IPA_TRY(receipt, log->GetReceipt(index, std::chrono::milliseconds(wait_ms)));
  Response r;
  r.body = evidence::FormatReceipt(receipt);
  return r;
}

core::Result<Response> AppendLeaf(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader fields(body);
  IPA_TRY(leaf_b64, fields.RequiredString("leaf"));
  IPA_CHECK(fields.Finish());
  auto leaf = evidence::Base64Decode(leaf_b64);
  if (!leaf) return Fail(ErrorCode::kInvalidArgument, "leaf: " + leaf.error().message, "leaf");
  IPA_TRY(index, log->Append(std::move(*leaf)));
  service::RecordAuditNow(ctx.app.db, ctx.actor,
                          {.action = "evidence.append", .object_type = "evidence_leaf", .object_id = std::to_string(index)});
  return JsonResponse({{"leaf_index", index}}, 201);
}

core::Result<Response> WitnessPending(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(from, UintParam(ctx.req, "from", 0));
  IPA_TRY(work, log->PendingFor(ctx.Param("office"), from));
  if (!work) {
    Response r;
    r.status = 204;
    return r;
  }
  return JsonResponse({{"note", work->note}, {"tree_size", work->tree_size},
                       {"from", work->from_size}, {"consistency", HashList(work->consistency)}});
}

core::Result<Response> WitnessCosign(Context& ctx) {
  IPA_TRY(log, Log(ctx));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader fields(body);
  IPA_TRY(note, fields.RequiredString("note"));
  IPA_CHECK(fields.Finish());
  IPA_CHECK(log->SubmitCosignature(ctx.Param("office"), note));
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterEvidenceLogRoutes(Router& router) {
  const Policy readers = Policy::AnyUser();
  const Policy staff = Policy::Roles({core::Role::kAdmin, core::Role::kOffice});
  router.Add({"GET", "/api/v1/evidence/keys", Policy::Public(),
              "The evidence log's public keys (log and office witnesses)", "evidence", GetKeys});
  router.Add({"GET", "/api/v1/evidence/checkpoint", readers,
              "The latest checkpoint co-signed by every office (signed-note text)", "evidence", GetCheckpoint});
  router.Add({"GET", "/api/v1/evidence/proof/inclusion", readers, "An inclusion proof", "evidence",
              GetInclusion, {{"index", "leaf index"}, {"size", "tree size (default: latest checkpoint)"}}});
  router.Add({"GET", "/api/v1/evidence/proof/consistency", readers, "A consistency proof", "evidence",
              GetConsistency, {{"first", "earlier tree size"}, {"second", "later tree size (default: latest checkpoint)"}}});
  router.Add({"GET", "/api/v1/evidence/leaves/{index}", staff, "A leaf's canonical bytes (base64)",
              "evidence", GetLeaf});
  router.Add({"GET", "/api/v1/evidence/leaves/{index}/receipt", staff,
              "A leaf's receipt against the latest co-signed checkpoint", "evidence", GetLeafReceipt,
              {{"wait_ms", "wait up to this long for a checkpoint (0-30000)"}}});
  router.Add({"POST", "/api/v1/evidence/leaves", Policy::Roles({core::Role::kAdmin}),
              "Append a canonical leaf (base64); acknowledged once durable", "evidence", AppendLeaf, {}, true, 201});
  router.Add({"GET", "/api/v1/evidence/witness/{office}/pending", Policy::Public(),
              "The checkpoint a remote office witness has still to co-sign, with a consistency proof",
              "evidence", WitnessPending, {{"from", "the size the witness last signed"}}});
  router.Add({"POST", "/api/v1/evidence/witness/{office}/cosignature", Policy::Public(),
              "A remote witness's cosigned note (authenticated by its signature)", "evidence",
              WitnessCosign, {}, true, 204});
}

}  // namespace ipa::http
