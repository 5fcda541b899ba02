// Case evidence over the API with a running evidence log: multipart uploads stored
// content-addressed, capture records and custody steps as leaves, receipts verified by the real
// `ipalliance verify`, the dossier zip, the case-event drain, fsck of stored files, and who may
// do what (also after a transfer).
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "evidence/leaf.hpp"
#include "evidence/receipt.hpp"
#include "http/evidence_fixture.hpp"
#include "http/multipart.hpp"
#include "service/case_event_drain.hpp"
#include "service/crypto.hpp"
#include "service/evidence_log_fsck.hpp"
#include "store/case_repo.hpp"

namespace ipa::testing {
namespace {

using core::Office;
using core::Role;
using http::Json;
using namespace std::chrono_literals;

constexpr const char* kBoundary = "----ipa-test-7f3a";

struct Part {
  std::string name, value, file_name, type;
};

std::string Multipart(const std::vector<Part>& parts) {
  std::string b;
  for (const Part& p : parts) {
    b += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.file_name.empty()) b += "; filename=\"" + p.file_name + "\"";
    b += "\r\n";
    if (!p.type.empty()) b += "Content-Type: " + p.type + "\r\n";
    b += "\r\n" + p.value + "\r\n";
  }
  return b + "--" + kBoundary + "--\r\n";
}

std::map<std::string, std::string> MultipartHeaders() {
  return {{"content-type", std::string("multipart/form-data; boundary=") + kBoundary}};
}

std::string Photo() {
  std::string s = "\xff\xd8\xff\xe0 fake jpeg ";
  for (int i = 0; i < 2000; ++i) s += static_cast<char>(i * 7);
  return s;
}

std::string TempPath(const std::filesystem::path& dir, const std::string& name, const std::string& content) {
  const auto p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

// Runs a command; returns its exit status and output (stdout + stderr).
std::pair<int, std::string> RunCommand(const std::string& command) {
  std::string out;
  FILE* f = ::popen((command + " 2>&1").c_str(), "r");
  if (!f) return {-1, ""};
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  const int status = ::pclose(f);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class EvidenceItemApiTest : public EvidenceApiTest {
 protected:
  void SetUp() override {
    EvidenceApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    bj_ = api().NewCaller(Role::kOffice, Office::kBeijing);
    tj_ = api().NewCaller(Role::kOffice, Office::kTianjin);
    he_ = api().NewCaller(Role::kOffice, Office::kHebei);
    holder_ = api().NewOrg("110108");
    factory_ = api().NewOrg("130902");
    auto r = api().Call("POST", "/api/v1/cases",
                        Json{{"type", "infringement_dispute"},
                             {"complainant", {{"org_id", holder_.value}}},
                             {"respondent", {{"org_id", factory_.value}}}}
                            .dump(),
                        &tj_);
    ASSERT_EQ(r.status, 201) << r.body;
    case_ = ApiClient::Body(r);
    case_path_ = "/api/v1/cases/" + std::to_string(case_["id"].get<int64_t>());
  }

  http::Response Upload(const Caller& who, const std::vector<Part>& parts) {
    return api().Call("POST", case_path_ + "/evidence", Multipart(parts), &who, MultipartHeaders());
  }
  Json UploadOk(const Caller& who, const std::string& data, const std::string& name = "photo.jpg") {
    auto r = Upload(who, {{"file", data, name, "IMAGE/JPEG"},
                          {"captured_at", "2026-11-20T09:30:00Z"},
                          {"place", "河北省沧州市运河区工业园 3 号厂房"},
                          {"method", "on-site inspection"},
                          {"tool", "Canon EOS R6"},
                          {"notes", "展厅内陈列的侵权产品"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return ApiClient::Body(r);
  }
  std::string ItemPath(const Json& item) { return "/api/v1/evidence/" + std::to_string(item["id"].get<int64_t>()); }
  std::string TransferToHebei() {
    auto t = api().Call("POST", case_path_ + "/transfers", Json{{"to", "HE"}, {"reason", "respondent_domicile"}}.dump(), &tj_);
    EXPECT_EQ(t.status, 201) << t.body;
    const std::string path = case_path_ + "/transfers/" + std::to_string(ApiClient::Body(t)["id"].get<int64_t>());
    auto a = api().Call("POST", path + "/accept", "{}", &he_);
    EXPECT_EQ(a.status, 200) << a.body;
    return path;
  }

  Caller bj_, tj_, he_;
  core::OrgId holder_, factory_;
  Json case_;
  std::string case_path_;
};

TEST_F(EvidenceItemApiTest, UploadStoresTheFileOnceAndLogsTheCaptureRecord) {
  const std::string photo = Photo();
  Json item = UploadOk(tj_, photo);
  const std::string number = case_["number"];
  EXPECT_EQ(item["case_id"], case_["id"]);
  EXPECT_EQ(item["case_number"], number);
  EXPECT_EQ(item["evidence_id"], number + "-E1");
  EXPECT_EQ(item["file_name"], "photo.jpg");
  EXPECT_EQ(item["media_type"], "image/jpeg");
  EXPECT_EQ(item["size"], photo.size());
  EXPECT_EQ(item["recorded_by"], tj_.user.login);
  EXPECT_EQ(item["captured_at"], "2026-11-20T09:30:00Z");
  EXPECT_EQ(item["custody"], Json::array());
  ASSERT_TRUE(item["leaf_index"].is_number_integer());
  const std::string sha = item["sha256"];
  const auto stored = data_dir_ / "evidence" / "sha256" / sha.substr(0, 2) / sha.substr(2);
  ASSERT_TRUE(std::filesystem::exists(stored));
  EXPECT_EQ(std::filesystem::file_size(stored), photo.size());

  // The leaf is the capture record, durable in the log before the 201.
  auto leaf = log_->Leaf(item["leaf_index"].get<uint64_t>());
  ASSERT_TRUE(leaf.has_value());
  auto record = evidence::DecodeLeaf(*leaf);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->kind, evidence::LeafKind::kEvidence);
  EXPECT_EQ(record->office, "TJ");
  EXPECT_EQ(record->case_id, number);
  EXPECT_EQ(record->evidence_id, number + "-E1");
  EXPECT_EQ(record->sha256, sha);
  EXPECT_EQ(record->size, photo.size());
  EXPECT_EQ(record->tool, "Canon EOS R6");
  EXPECT_EQ(record->captured_by, item["captured_by"].get<std::string>());

  // The same bytes again: a second item, one stored file.
  Json again = UploadOk(tj_, photo, "copy.jpg");
  EXPECT_EQ(again["evidence_id"], number + "-E2");
  EXPECT_EQ(again["sha256"], sha);
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(data_dir_ / "evidence" / "sha256")) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);

  // Defaults: captured_at now, captured_by the uploader, octet-stream.
  auto r = Upload(tj_, {{"file", "plain bytes", "receipt.bin", ""}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json plain = ApiClient::Body(r);
  EXPECT_EQ(plain["media_type"], "application/octet-stream");
  EXPECT_TRUE(plain["captured_by"].get<std::string>().find(tj_.user.login) != std::string::npos);
  EXPECT_EQ(plain["captured_at"].get<std::string>().size(), 20u);

  // Reads: the list, one item, the bytes.
  auto list = api().Call("GET", case_path_ + "/evidence", "", &tj_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(ApiClient::Body(list)["items"].size(), 3u);
  auto one = api().Call("GET", ItemPath(item), "", &tj_);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(ApiClient::Body(one)["sha256"], sha);
  auto file = api().Call("GET", ItemPath(item) + "/file", "", &tj_);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, photo);
  EXPECT_EQ(file.content_type, "image/jpeg");
  ASSERT_NE(file.FindHeader("Content-Disposition"), nullptr);
  EXPECT_TRUE(file.FindHeader("Content-Disposition")->starts_with("attachment; filename=\"photo.jpg\""));
}

// The same upload handed over as the server's spool file (mapped, not copied) stores the same
// bytes; the spool file is gone afterwards.
TEST_F(EvidenceItemApiTest, SpooledUploadStoresTheSameFile) {
  api().spool_dir = (data_dir_ / "spool").string();
  const std::string photo = Photo();
  Json item = UploadOk(tj_, photo);
  EXPECT_EQ(item["size"], photo.size());
  EXPECT_EQ(item["sha256"], service::Sha256Hex(photo));
  EXPECT_TRUE(std::filesystem::is_empty(api().spool_dir));
  api().spool_dir.clear();
}

TEST_F(EvidenceItemApiTest, MalformedUploadsAre400NamingWhatAndWhere) {
  auto expect = [&](const http::Response& r, int status, const std::string& fragment) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.body.find(fragment), std::string::npos) << r.body;
  };
  expect(Upload(tj_, {{"file", "x", "a.txt", "text/plain"}, {"colour", "red"}}), 400, "colour");
  expect(Upload(tj_, {{"place", "somewhere"}}), 400, "file");
  expect(Upload(tj_, {{"file", "x", "a.txt", ""}, {"captured_at", "2026-11-20 09:30"}}), 400, "captured_at");
  expect(Upload(tj_, {{"file", "x", "a.txt", ""}, {"captured_at", "2026-13-40T09:30:00Z"}}), 400, "captured_at");
  expect(Upload(tj_, {{"file", "x", "../etc/passwd", ""}}), 400, "file name");
  expect(Upload(tj_, {{"file", "", "empty.txt", ""}}), 400, "empty");
  std::string lf_only = Multipart({{"file", "x", "a.txt", ""}});
  for (size_t i = lf_only.find("\r\n"); i != std::string::npos; i = lf_only.find("\r\n")) lf_only.erase(i, 1);
  expect(api().Call("POST", case_path_ + "/evidence", lf_only, &tj_, MultipartHeaders()), 400, "at byte");
  expect(api().Call("POST", case_path_ + "/evidence", Multipart({{"file", "x", "a.txt", ""}}).substr(0, 60), &tj_,
                    MultipartHeaders()),
         400, "multipart");
  expect(api().Call("POST", case_path_ + "/evidence", "{}", &tj_, {{"content-type", "application/json"}}), 415,
         "multipart/form-data");
  expect(api().Call("POST", case_path_ + "/evidence", "x", &tj_, {{"content-type", "multipart/form-data"}}), 400,
         "boundary");
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / "evidence" / "sha256"));
  EXPECT_EQ(log_->Size(), 0u);
}

TEST_F(EvidenceItemApiTest, OverTheSizeLimitIs413AndNothingIsStored) {
  items_ = std::make_unique<service::EvidenceItems>(api().db(), *log_, service::EvidenceItemsOptions{data_dir_.string(), 1000});
  api().router().app().evidence_items = items_.get();
  auto r = Upload(tj_, {{"file", std::string(1001, 'x'), "big.bin", ""}});
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / "evidence" / "sha256"));
  EXPECT_EQ(log_->Size(), 0u);
  EXPECT_EQ(Upload(tj_, {{"file", std::string(1000, 'x'), "fits.bin", ""}}).status, 201);
}

TEST_F(EvidenceItemApiTest, CustodyStepsAreLeavesAndListedWithTheItem) {
  Json item = UploadOk(tj_, Photo());
  auto r = api().Call("POST", ItemPath(item) + "/custody",
                      Json{{"step", "sealed and handed to HE office"}, {"place", "天津市知识产权局"}, {"notes", "封条 0032"}}.dump(), &tj_);
  ASSERT_EQ(r.status, 201) << r.body;
  Json step = ApiClient::Body(r);
  EXPECT_EQ(step["step"], "sealed and handed to HE office");
  ASSERT_TRUE(step["leaf_index"].is_number_integer());
  auto record = evidence::DecodeLeaf(*log_->Leaf(step["leaf_index"].get<uint64_t>()));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->kind, evidence::LeafKind::kCustody);
  EXPECT_EQ(record->evidence_id, item["evidence_id"].get<std::string>());
  EXPECT_EQ(record->custody_step, "sealed and handed to HE office");
  Json again = ApiClient::Body(api().Call("GET", ItemPath(item), "", &tj_));
  ASSERT_EQ(again["custody"].size(), 1u);
  EXPECT_EQ(again["custody"][0]["id"], step["id"]);
  EXPECT_EQ(api().Call("POST", ItemPath(item) + "/custody", Json{{"step", ""}}.dump(), &tj_).status, 400);
  EXPECT_EQ(api().Call("POST", ItemPath(item) + "/custody", Json{{"step", "x"}, {"who", "y"}}.dump(), &tj_).status, 400);
  EXPECT_EQ(api().Call("POST", ItemPath(item) + "/custody", Json{{"step", "x"}}.dump(), &bj_).status, 403);
}

TEST_F(EvidenceItemApiTest, ReceiptVerifiesOfflineWithTheRealBinaryAndAFlippedByteFails) {
  const std::string photo = Photo();
  Json item = UploadOk(tj_, photo);
  auto r = api().Call("GET", ItemPath(item) + "/receipt?wait_ms=10000", "", &tj_);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_NE(r.FindHeader("Content-Disposition"), nullptr);
  EXPECT_EQ(*r.FindHeader("Content-Disposition"),
            "attachment; filename=\"receipt-" + item["evidence_id"].get<std::string>() + ".json\"");
  Json receipt = ApiClient::Body(r);
  for (const char* key : {"leaf", "leaf_index", "tree_size", "inclusion_path", "checkpoint", "public_keys"}) {
    EXPECT_TRUE(receipt.contains(key)) << key;
  }
  EXPECT_EQ(receipt["leaf_index"], item["leaf_index"]);
  const std::string receipt_path = TempPath(data_dir_, "receipt.json", r.body);
  const std::string file_path = TempPath(data_dir_, "photo.jpg", photo);
  auto [ok_status, ok_out] = RunCommand(std::string(IPA_BINARY) + " verify " + receipt_path + " " + file_path);
  EXPECT_EQ(ok_status, 0) << ok_out;
  std::string flipped = photo;
  flipped[100] = static_cast<char>(flipped[100] ^ 0x01);
  const std::string bad_path = TempPath(data_dir_, "flipped.jpg", flipped);
  auto [bad_status, bad_out] = RunCommand(std::string(IPA_BINARY) + " verify " + receipt_path + " " + bad_path);
  EXPECT_EQ(bad_status, 1) << bad_out;
  EXPECT_NE(bad_out.find("file"), std::string::npos) << bad_out;
}

TEST_F(EvidenceItemApiTest, ReceiptIs503WithRetryAfterWithoutACheckpoint) {
  Json item = UploadOk(tj_, Photo());
  log_.reset();  // stops the log: no checkpoint can come
  auto log = service::EvidenceLog::Open(api().db(), {(data_dir_ / "evidence-keys").string(), {}, std::chrono::hours(1)});
  ASSERT_TRUE(log.has_value()) << log.error().message;
  log_ = std::move(*log);
  items_ = std::make_unique<service::EvidenceItems>(api().db(), *log_, service::EvidenceItemsOptions{data_dir_.string(), max_bytes_});
  api().router().app().evidence = log_.get();
  api().router().app().evidence_items = items_.get();
  if (log_->LatestCheckpoint() && log_->LatestCheckpoint()->checkpoint.size > item["leaf_index"].get<uint64_t>()) {
    GTEST_SKIP() << "a checkpoint was published before the restart";
  }
  auto r = api().Call("GET", ItemPath(item) + "/receipt?wait_ms=0", "", &tj_);
  EXPECT_EQ(r.status, 503) << r.body;
  ASSERT_NE(r.FindHeader("Retry-After"), nullptr);
  EXPECT_EQ(api().Call("GET", ItemPath(item) + "/receipt?wait_ms=99999", "", &tj_).status, 400);
}

TEST_F(EvidenceItemApiTest, DossierIsAValidZipWithFilesReceiptsCheckpointAndKeys) {
  const std::string photo = Photo();
  Json item = UploadOk(tj_, photo, "现场照片.jpg");
  ASSERT_TRUE(log_->WaitForCheckpoint(item["leaf_index"].get<uint64_t>() + 1, 10s));
  auto r = api().Call("GET", case_path_ + "/dossier", "", &tj_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/zip");
  const std::string zip = r.stream ? http::DrainBody(*r.stream) : r.body;
  const std::string zip_path = TempPath(data_dir_, "dossier.zip", zip);
  const std::string eid = item["evidence_id"];
  const std::string script =
      "import json,sys,zipfile\n"
      "z=zipfile.ZipFile(sys.argv[1])\n"
      "assert z.testzip() is None\n"
      "names=sorted(z.namelist())\n"
      "print('\\n'.join(names))\n"
      "json.loads(z.read('case.json')); json.loads(z.read('keys.json'))\n"
      "assert z.read('checkpoint.txt').startswith(b'jjj')\n";
  const std::string script_path = TempPath(data_dir_, "check.py", script);
  auto [status, out] = RunCommand("python3 " + script_path + " " + zip_path);
  ASSERT_EQ(status, 0) << out;
  for (const std::string& name : std::vector<std::string>{"README.txt", "case.json", "checkpoint.txt", "keys.json",
                                 "files/" + eid + "-现场照片.jpg", "receipts/" + eid + ".json"}) {
    EXPECT_NE(out.find(name), std::string::npos) << name << " missing from:\n" << out;
  }
  auto [unzip_status, unzip_out] = RunCommand("unzip -tq " + zip_path);
  if (unzip_status != 127) {
    EXPECT_EQ(unzip_status, 0) << unzip_out;
  }
  // The dossier's receipt and file verify offline.
  const std::string dir = (data_dir_ / "unpacked").string();
  auto [x_status, x_out] = RunCommand("python3 -c \"import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])\" " +
                               zip_path + " " + dir);
  ASSERT_EQ(x_status, 0) << x_out;
  auto [v_status, v_out] = RunCommand(std::string(IPA_BINARY) + " verify '" + dir + "/receipts/" + eid + ".json' '" + dir +
                               "/files/" + eid + "-现场照片.jpg'");
  EXPECT_EQ(v_status, 0) << v_out;
  EXPECT_EQ(api().Call("GET", case_path_ + "/dossier", "", &bj_).status, 403);
}

TEST_F(EvidenceItemApiTest, OtherOfficesAndMembersWhoAreNotPartiesCannotUploadOrRead) {
  Json item = UploadOk(tj_, Photo());
  const std::vector<Part> upload = {{"file", "x", "a.txt", "text/plain"}};
  EXPECT_EQ(Upload(bj_, upload).status, 403);
  EXPECT_EQ(Upload(he_, upload).status, 403);
  Caller outsider = api().NewCaller(Role::kMember, std::nullopt, api().NewOrg("120101"));
  Caller party = api().NewCaller(Role::kMember, std::nullopt, holder_);
  Caller admin = api().NewCaller(Role::kAdmin);
  EXPECT_EQ(Upload(outsider, upload).status, 403);
  EXPECT_EQ(Upload(admin, upload).status, 403);
  for (const std::string& path : std::vector<std::string>{case_path_ + "/evidence", ItemPath(item), ItemPath(item) + "/file",
                                 ItemPath(item) + "/receipt?wait_ms=0", case_path_ + "/dossier"}) {
    EXPECT_EQ(api().Call("GET", path, "", &bj_).status, 403) << path;
    EXPECT_EQ(api().Call("GET", path, "", &outsider).status, 403) << path;
    EXPECT_EQ(api().Call("GET", path, "").status, 401) << path;
  }
  EXPECT_EQ(api().Call("GET", ItemPath(item), "", &party).status, 200);
  EXPECT_EQ(api().Call("GET", ItemPath(item), "", &admin).status, 200);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/999999", "", &tj_).status, 404);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/abc", "", &tj_).status, 404);
  // The fixed evidence-log routes still match first.
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/keys").status, 200);
}

TEST_F(EvidenceItemApiTest, AfterATransferOnlyTheNewOwnerUploadsAndTheOldOwnerStillReads) {
  Json item = UploadOk(tj_, Photo());
  TransferToHebei();
  EXPECT_EQ(Upload(tj_, {{"file", "x", "a.txt", ""}}).status, 403);
  EXPECT_EQ(api().Call("POST", ItemPath(item) + "/custody", Json{{"step", "x"}}.dump(), &tj_).status, 403);
  Json he_item = UploadOk(he_, "purchase receipt", "receipt.pdf");
  EXPECT_EQ(he_item["evidence_id"], case_["number"].get<std::string>() + "-E2");
  EXPECT_EQ(api().Call("GET", case_path_ + "/evidence", "", &tj_).status, 200);
  EXPECT_EQ(api().Call("POST", ItemPath(item) + "/custody", Json{{"step", "received from TJ"}}.dump(), &he_).status, 201);
}

TEST_F(EvidenceItemApiTest, CaseEventsAreDrainedIntoTheLogOnceEvenAfterACrash) {
  TransferToHebei();
  // A crash after the append but before the index was recorded: the drain reuses the leaf.
  using Rows = std::vector<store::CaseEventRow>;
  auto pending = store::ReadValue<Rows>(api().db(), [](store::Tx& tx) { return store::ListUnloggedCaseEvents(tx, 10); });
  ASSERT_TRUE(pending.has_value());
  ASSERT_EQ(pending->size(), 2u);
  auto first = log_->Append((*pending)[0].leaf);
  ASSERT_TRUE(first.has_value());
  const uint64_t size_before = log_->Size();
  auto drained = service::DrainCaseEvents(api().db(), *log_);
  ASSERT_TRUE(drained.has_value()) << drained.error().message;
  EXPECT_EQ(*drained, 2u);
  EXPECT_EQ(log_->Size(), size_before + 1);  // only the second event was appended
  auto events = ApiClient::Body(api().Call("GET", case_path_ + "/events", "", &tj_));
  ASSERT_EQ(events["items"].size(), 2u);
  EXPECT_EQ(events["items"][0]["leaf_index"], *first);
  std::vector<std::string> names;
  for (const Json& e : events["items"]) {
    ASSERT_TRUE(e["leaf_index"].is_number_integer());
    auto record = evidence::DecodeLeaf(*log_->Leaf(e["leaf_index"].get<uint64_t>()));
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->kind, evidence::LeafKind::kCaseEvent);
    EXPECT_EQ(record->case_id, case_["number"].get<std::string>());
    names.push_back(record->event);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"transfer_requested", "transfer_accepted"}));
  EXPECT_EQ(*service::DrainCaseEvents(api().db(), *log_), 0u);

  // The background drainer does the same for new events.
  service::CaseEventDrainer drainer(api().db(), *log_, 20ms);
  auto t = api().Call("POST", case_path_ + "/transfers", Json{{"to", "BJ"}, {"reason", "other"}, {"reason_text", "关联案件在北京"}}.dump(), &he_);
  ASSERT_EQ(t.status, 201) << t.body;
  bool logged = false;
  for (int i = 0; i < 250 && !logged; ++i) {
    std::this_thread::sleep_for(20ms);
    auto e = ApiClient::Body(api().Call("GET", case_path_ + "/events", "", &he_));
    logged = e["items"].size() == 3u && e["items"][2]["leaf_index"].is_number_integer();
  }
  EXPECT_TRUE(logged);
}

TEST_F(EvidenceItemApiTest, FsckRehashesStoredFilesAndReportsAFlippedByteAndAMissingFile) {
  Json a = UploadOk(tj_, Photo());
  Json b = UploadOk(tj_, "a second, different file", "b.txt");
  auto files = service::ListStoredEvidenceFiles(api().db(), data_dir_.string());
  ASSERT_TRUE(files.has_value());
  ASSERT_EQ(files->size(), 2u);
  service::FsckReport clean;
  service::RehashEvidenceFiles(*files, clean);
  EXPECT_TRUE(clean.ok());
  EXPECT_EQ(clean.files, 2u);

  // The real `ipalliance fsck` on this database and data directory.
  const std::string env = "IPA_DB='" + tdb_->url() + "' IPA_DATA_DIR='" + data_dir_.string() + "' ";
  ASSERT_TRUE(log_->WaitForCheckpoint(log_->Size(), 10s));
  auto [ok_status, ok_out] = RunCommand(env + IPA_BINARY + " fsck");
  EXPECT_EQ(ok_status, 0) << ok_out;

  const std::string path_a = (*files)[0].path;
  std::string bytes;
  {
    std::ifstream in(path_a, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[10] = static_cast<char>(bytes[10] ^ 0x20);
  std::ofstream(path_a, std::ios::binary | std::ios::trunc) << bytes;
  std::filesystem::remove((*files)[1].path);
  auto [bad_status, bad_out] = RunCommand(env + IPA_BINARY + " fsck");
  EXPECT_EQ(bad_status, 1) << bad_out;
  EXPECT_NE(bad_out.find(a["evidence_id"].get<std::string>()), std::string::npos) << bad_out;
  EXPECT_NE(bad_out.find(b["evidence_id"].get<std::string>()), std::string::npos) << bad_out;
}

TEST(MultipartTest, BoundaryAndPartsAreParsedStrictly) {
  auto boundary = http::MultipartBoundary("multipart/form-data; boundary=\"abc def\"");
  ASSERT_TRUE(boundary.has_value());
  EXPECT_EQ(*boundary, "abc def");
  EXPECT_FALSE(http::MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')).has_value());
  EXPECT_EQ(http::MultipartBoundary("text/plain").error().code, core::ErrorCode::kUnsupportedMediaType);
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"q\\\".txt\"\r\nContent-Type: text/plain\r\n\r\n"
      "line1\r\nline2\r\n--b\r\ncontent-disposition: form-data; name=place\r\n\r\n\r\n--b--";
  auto parts = http::ParseMultipart(body, "b");
  ASSERT_TRUE(parts.has_value()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].file_name, "a \"q\".txt");
  EXPECT_EQ((*parts)[0].data, "line1\r\nline2");
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
  EXPECT_EQ((*parts)[1].name, "place");
  EXPECT_EQ((*parts)[1].data, "");
  for (const std::string& bad : std::vector<std::string>{
           "preamble\r\n" + body,                                                          // no preamble
           body + "trailing",                                                              // epilogue
           "--b\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Other: 1\r\n\r\nv\r\n--b--",  // unknown header
           "--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b--",           // not form-data
           "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--",                        // no name
           "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b\r\n"
           "Content-Disposition: form-data; name=\"x\"\r\n\r\nw\r\n--b--",                  // duplicate
           "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv",                     // unclosed
       }) {
    auto r = http::ParseMultipart(bad, "b");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_NE(r.error().message.find("at byte"), std::string::npos) << r.error().message;
  }
}

}  // namespace
}  // namespace ipa::testing
