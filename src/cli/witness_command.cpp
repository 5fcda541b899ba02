// `ipalliance witness`: one office's co-signer as its own process, holding only its key. It
// talks to the server over plain HTTP (GET .../witness/{office}/pending, POST
// .../witness/{office}/cosignature) and trusts nothing it is sent: evidence::Witness checks the
// log signature and the consistency proof against the state it persisted.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "evidence/base64.hpp"
#include "evidence/witness.hpp"
#include "service/office_keys.hpp"

namespace ipa::cli {
namespace {

using core::ErrorCode;
using core::Fail;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

struct Endpoint {
  std::string host;
  std::string port;
};

struct HttpReply {
  int status = 0;
  std::string body;
};

core::Result<Endpoint> ParseServer(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return Fail(ErrorCode::kInvalidArgument, "--server: expected http://host:port", "server");
  std::string rest = url.substr(kScheme.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) return Fail(ErrorCode::kInvalidArgument, "--server: expected http://host:port", "server");
  return Endpoint{rest.substr(0, colon), rest.substr(colon + 1)};
}

core::Result<HttpReply> Call(const Endpoint& ep, bhttp::verb verb, const std::string& target,
                             const std::string& body = "") {
  try {
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(resolver.resolve(ep.host, ep.port));
    bhttp::request<bhttp::string_body> req{verb, target, 11};
    req.set(bhttp::field::host, ep.host);
    req.set(bhttp::field::user_agent, "ipalliance-witness");
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return HttpReply{static_cast<int>(res.result_int()), std::move(res.body())};
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kUnavailable, std::string("cannot reach the server: ") + e.what());
  }
}

// The log's key: pinned in <state>.log-key at first contact, compared with the server's after.
core::Result<evidence::VerifierKey> PinnedLogKey(const Endpoint& ep, const std::string& state_file) {
  const std::string pin_file = state_file + ".log-key";
  IPA_TRY(reply, Call(ep, bhttp::verb::get, "/api/v1/evidence/keys"));
  if (reply.status != 200) return Fail(ErrorCode::kUnavailable, "GET /api/v1/evidence/keys: HTTP " + std::to_string(reply.status));
  auto json = nlohmann::json::parse(reply.body, nullptr, false);
  std::string served;
  if (json.is_object() && json.contains("keys") && json["keys"].is_array()) {
    for (const auto& k : json["keys"]) {
      if (k.value("name", "") == service::kLogKeyName) served = k.value("verifier_key", "");
    }
  }
  IPA_TRY(key, evidence::ParseVerifierKey(served));
  std::ifstream in(pin_file);
  std::string pinned;
  if (in && std::getline(in, pinned)) {
    if (pinned != served) {
      return Fail(ErrorCode::kConflict, "the server's log key " + served + " is not the pinned " + pinned + " (" + pin_file + ")");
    }
  } else {
    IPA_CHECK(service::WriteFileDurably(pin_file, served + "\n", 0644));
  }
  return key;
}

core::Result<std::vector<evidence::Hash>> DecodeProof(const nlohmann::json& list) {
  std::vector<evidence::Hash> out;
  if (!list.is_array()) return Fail(ErrorCode::kInvalidArgument, "consistency: not a list");
  for (const auto& item : list) {
    if (!item.is_string()) return Fail(ErrorCode::kInvalidArgument, "consistency: not a string");
    IPA_TRY(bytes, evidence::Base64Decode(item.get<std::string>()));
    IPA_TRY(hash, evidence::HashFromBytes(bytes, "consistency"));
    out.push_back(hash);
  }
  return out;
}

// One round: fetch pending work, co-sign, persist, post. Returns true when it co-signed.
core::Result<bool> Round(const Endpoint& ep, const WitnessOptions& o, evidence::Witness& witness) {
  const uint64_t from = witness.last_signed() ? witness.last_signed()->size : 0;
  const std::string base = "/api/v1/evidence/witness/" + o.office;
  IPA_TRY(reply, Call(ep, bhttp::verb::get, base + "/pending?from=" + std::to_string(from)));
  if (reply.status == 204) return false;
  if (reply.status != 200) return Fail(ErrorCode::kUnavailable, "GET pending: HTTP " + std::to_string(reply.status) + " " + reply.body);
  auto json = nlohmann::json::parse(reply.body, nullptr, false);
  if (!json.is_object() || !json.contains("note") || !json["note"].is_string() || !json.contains("consistency")) {
    return Fail(ErrorCode::kInvalidArgument, "GET pending: unexpected body");
  }
  IPA_TRY(proof, DecodeProof(json["consistency"]));
  IPA_TRY(cosigned, witness.Cosign(json["note"].get<std::string>(), proof));
  IPA_CHECK(service::SaveWitnessState(o.state_file, *witness.last_signed()));
  IPA_TRY(posted, Call(ep, bhttp::verb::post, base + "/cosignature", nlohmann::json{{"note", cosigned}}.dump()));
  if (posted.status != 204) {
    return Fail(ErrorCode::kUnavailable, "POST cosignature: HTTP " + std::to_string(posted.status) + " " + posted.body);
  }
  spdlog::info("witness {}: co-signed tree size {}", o.office, witness.last_signed()->size);
  return true;
}

}  // namespace

core::Status RunWitness(const WitnessOptions& o) {
  if (!service::OfficeOfKeyName(service::OfficeKeyName(o.office))) {
    return Fail(ErrorCode::kInvalidArgument, "--office: one of BJ, TJ, HE", "office");
  }
  IPA_TRY(endpoint, ParseServer(o.server));
  IPA_TRY(key, service::LoadOrCreateSigningKey(o.key_file, service::OfficeKeyName(o.office)));
  std::cout << "witness " << o.office << " public key: " << evidence::FormatVerifierKey(key.verifier()) << std::endl;
  IPA_TRY(state, service::LoadWitnessState(o.state_file));
  std::optional<evidence::Witness> witness;
  int rounds = 0;
  for (;;) {
    if (!witness) {
      auto log_key = PinnedLogKey(endpoint, o.state_file);
      if (!log_key && log_key.error().code == ErrorCode::kConflict) return std::unexpected(log_key.error());
      if (log_key) witness.emplace(key, std::string(service::kEvidenceOrigin), state, *log_key);
      else spdlog::warn("witness {}: {}", o.office, log_key.error().message);
    }
    if (witness) {
      auto signed_one = Round(endpoint, o, *witness);
      if (!signed_one) {
        // A refusal (kConflict) is the alarm this process exists for: say it loudly, keep the
        // state, sign nothing else until the log shows a consistent history again.
        spdlog::error("witness {}: {}", o.office, signed_one.error().message);
      } else if (*signed_one) {
        if (o.max_rounds > 0 && ++rounds >= o.max_rounds) return {};
        continue;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(o.poll_ms));
  }
}

}  // namespace ipa::cli
