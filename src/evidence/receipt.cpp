#include "evidence/receipt.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "evidence/base64.hpp"
#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

using core::ErrorCode;
using core::Fail;
using Json = nlohmann::json;

core::Error Bad(const std::string& field, const std::string& why) {
  return core::Error{ErrorCode::kInvalidArgument, field + ": " + why, field, {}, 0};
}

core::Result<std::string> Base64Field(const Json& j, const std::string& field) {
  if (!j.is_string()) return std::unexpected(Bad(field, "expected a base64 string"));
  auto bytes = Base64Decode(j.get<std::string>());
  if (!bytes) return std::unexpected(Bad(field, "is not standard base64"));
  return *bytes;
}

core::Result<uint64_t> CountField(const Json& j, const std::string& field) {
  if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<int64_t>() >= 0)) {
    return std::unexpected(Bad(field, "expected a non-negative integer"));
  }
  return j.get<uint64_t>();
}

}  // namespace

core::Result<Receipt> ParseReceipt(std::string_view text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, std::string("the receipt is not JSON: ") + e.what());
  }
  if (!j.is_object()) return Fail(ErrorCode::kInvalidArgument, "the receipt must be a JSON object");
  static const char* kFields[] = {"leaf", "leaf_index", "tree_size", "inclusion_path", "checkpoint", "public_keys"};
  for (const char* f : kFields) {
    if (!j.contains(f)) return std::unexpected(Bad(f, "is missing"));
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return it.key() == f; }) == std::end(kFields)) {
      return std::unexpected(Bad(it.key(), "unknown field"));
    }
  }
  Receipt r;
  IPA_TRY(leaf, Base64Field(j["leaf"], "leaf"));
  r.leaf = std::move(leaf);
  IPA_TRY(index, CountField(j["leaf_index"], "leaf_index"));
  r.leaf_index = index;
  IPA_TRY(size, CountField(j["tree_size"], "tree_size"));
  r.tree_size = size;
  if (!j["inclusion_path"].is_array()) return std::unexpected(Bad("inclusion_path", "expected a list"));
  for (size_t i = 0; i < j["inclusion_path"].size(); ++i) {
    const std::string field = "inclusion_path[" + std::to_string(i) + "]";
    IPA_TRY(bytes, Base64Field(j["inclusion_path"][i], field));
    IPA_TRY(hash, HashFromBytes(bytes, field));
    r.inclusion_path.push_back(hash);
  }
  if (!j["checkpoint"].is_string()) return std::unexpected(Bad("checkpoint", "expected the signed-note text"));
  r.checkpoint = j["checkpoint"].get<std::string>();
  if (!j["public_keys"].is_object()) return std::unexpected(Bad("public_keys", "expected an object of name: key"));
  for (auto it = j["public_keys"].begin(); it != j["public_keys"].end(); ++it) {
    const std::string field = "public_keys." + it.key();
    IPA_TRY(bytes, Base64Field(*it, field));
    if (bytes.size() != 32) return std::unexpected(Bad(field, "an Ed25519 public key has 32 bytes"));
    PublicKey key{};
    std::copy(bytes.begin(), bytes.end(), key.begin());
    r.public_keys.emplace(it.key(), key);
  }
  return r;
}

std::string FormatReceipt(const Receipt& r) {
  Json path = Json::array();
  for (const Hash& h : r.inclusion_path) path.push_back(Base64Encode(HashBytes(h)));
  Json keys = Json::object();
  for (const auto& [name, key] : r.public_keys) {
    keys[name] = Base64Encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  }
  return Json{{"leaf", Base64Encode(r.leaf)}, {"leaf_index", r.leaf_index}, {"tree_size", r.tree_size},
              {"inclusion_path", path}, {"checkpoint", r.checkpoint}, {"public_keys", keys}}
      .dump(2);
}

core::Result<VerifiedReceipt> VerifyReceipt(const Receipt& r, std::optional<std::string_view> file,
                                            const std::vector<std::string>& required_signers,
                                            const std::map<std::string, PublicKey>* pinned_keys) {
  VerifiedReceipt out;
  auto record = DecodeLeaf(r.leaf);
  if (!record) return std::unexpected(Bad("leaf", "is not a canonical evidence record: " + record.error().message));
  out.record = std::move(*record);
  if (pinned_keys) {
    for (const auto& [name, key] : r.public_keys) {
      auto it = pinned_keys->find(name);
      if (it == pinned_keys->end() || it->second != key) {
        return std::unexpected(Bad("public_keys." + name, "is not the key pinned for this name"));
      }
    }
  }
  auto note = ParseNote(r.checkpoint);
  if (!note) return std::unexpected(Bad("checkpoint", note.error().message));
  auto signers = VerifyNote(*note, pinned_keys ? *pinned_keys : r.public_keys);
  if (!signers) return std::unexpected(Bad("checkpoint", "signature check failed: " + signers.error().message));
  out.signers = signers->verified;
  for (const std::string& name : required_signers) {
    if (std::find(out.signers.begin(), out.signers.end(), name) == out.signers.end()) {
      return std::unexpected(Bad("checkpoint", "no valid signature from " + name));
    }
  }
  auto checkpoint = ParseCheckpoint(note->body);
  if (!checkpoint) return std::unexpected(Bad("checkpoint", checkpoint.error().message));
  out.checkpoint = *checkpoint;
  if (r.tree_size != checkpoint->size) {
    return std::unexpected(Bad("tree_size", std::to_string(r.tree_size) + " is not the signed checkpoint's size " +
                                                std::to_string(checkpoint->size)));
  }
  if (auto st = VerifyInclusion(r.leaf_index, r.tree_size, HashLeaf(r.leaf), r.inclusion_path, checkpoint->root); !st) {
    return std::unexpected(Bad("inclusion_path", "the leaf is not in the signed tree: " + st.error().message));
  }
  if (file) {
    const std::string actual = HashHex(Sha256(*file));
    if (actual != out.record.sha256) {
      return std::unexpected(Bad("file", "its SHA-256 is " + actual + ", the record says " + out.record.sha256));
    }
    if (out.record.size && *out.record.size != file->size()) {
      return std::unexpected(Bad("file", "it has " + std::to_string(file->size()) + " bytes, the record says " +
                                             std::to_string(*out.record.size)));
    }
    out.file_checked = true;
  }
  return out;
}

}  // namespace ipa::evidence
