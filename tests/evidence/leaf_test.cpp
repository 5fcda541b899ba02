#include "evidence/leaf.hpp"

#include <gtest/gtest.h>

#include "evidence/merkle.hpp"

namespace ipa::evidence {
namespace {

EvidenceRecord Photo() {
  EvidenceRecord r;
  r.kind = LeafKind::kEvidence;
  r.office = "TJ";
  r.case_id = "TJ-2026-000123";
  r.evidence_id = "ev-42";
  r.sha256 = HashHex(Sha256("photo bytes"));
  r.media_type = "image/jpeg";
  r.size = 2'345'678;
  r.captured_by = "王执法 (TJ inspector 0042)";
  r.captured_at = "2026-11-25T09:30:00Z";
  r.place = "河北省沧州市某工业园区 3 号厂房";
  r.method = "on-site inspection";
  r.tool = "Canon EOS R6, firmware 1.8.1";
  r.notes = "Line one\nline two: 100% = all\r\ttabbed";
  r.recorded_at = "2026-11-25T09:31:02.123Z";
  return r;
}

TEST(LeafTest, EncodesTheDocumentedLayout) {
  EvidenceRecord r = Photo();
  r.notes = "a%b=c\nd";
  const std::string leaf = *EncodeLeaf(r);
  EXPECT_EQ(leaf,
            "ipa-evidence-v1\n"
            "kind=evidence\n"
            "office=TJ\n"
            "case_id=TJ-2026-000123\n"
            "evidence_id=ev-42\n"
            "sha256=" +
                r.sha256 +
                "\n"
                "media_type=image/jpeg\n"
                "size=2345678\n"
                "captured_by=王执法 (TJ inspector 0042)\n"
                "captured_at=2026-11-25T09:30:00Z\n"
                "place=河北省沧州市某工业园区 3 号厂房\n"
                "method=on-site inspection\n"
                "tool=Canon EOS R6, firmware 1.8.1\n"
                "notes=a%25b=c%0Ad\n"
                "custody_step=\n"
                "event=\n"
                "recorded_at=2026-11-25T09:31:02.123Z\n");
}

TEST(LeafTest, RoundTripsEachKind) {
  EvidenceRecord custody;
  custody.kind = LeafKind::kCustody;
  custody.office = "HE";
  custody.case_id = "HE-2026-7";
  custody.evidence_id = "ev-42";
  custody.custody_step = "sealed and moved to the Hebei evidence room";
  custody.captured_by = "clerk 7";
  custody.recorded_at = "2026-12-01T00:00:00Z";
  EvidenceRecord event;
  event.kind = LeafKind::kCaseEvent;
  event.office = "TJ";
  event.case_id = "TJ-2026-000123";
  event.event = "transfer_requested";
  event.notes = "to HE: respondent's domicile";
  event.recorded_at = "2026-12-01T08:00:00.000Z";
  for (const EvidenceRecord& r : {Photo(), custody, event}) {
    auto leaf = EncodeLeaf(r);
    ASSERT_TRUE(leaf.has_value()) << leaf.error().message;
    auto back = DecodeLeaf(*leaf);
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(*back, r);
  }
  EvidenceRecord zero = Photo();
  zero.size = 0;
  EXPECT_EQ(*DecodeLeaf(*EncodeLeaf(zero)), zero);
}

TEST(LeafTest, EncodeRejectsInvalidRecords) {
  auto expect_field = [](EvidenceRecord r, std::string_view field) {
    auto leaf = EncodeLeaf(r);
    ASSERT_FALSE(leaf.has_value()) << field;
    EXPECT_EQ(leaf.error().field, field);
  };
  EvidenceRecord r = Photo();
  r.sha256 = std::string(64, 'A');
  expect_field(r, "sha256");
  r = Photo(), r.sha256.pop_back(), expect_field(r, "sha256");
  r = Photo(), r.media_type = "Image/JPEG", expect_field(r, "media_type");
  r = Photo(), r.media_type = "jpeg", expect_field(r, "media_type");
  r = Photo(), r.size.reset(), expect_field(r, "size");
  r = Photo(), r.captured_at = "2026-02-30T00:00:00Z", expect_field(r, "captured_at");
  r = Photo(), r.captured_at = "2026-11-25 09:30:00Z", expect_field(r, "captured_at");
  r = Photo(), r.captured_at = "2026-11-25T24:00:00Z", expect_field(r, "captured_at");
  r = Photo(), r.captured_at = "2026-11-25T09:30:00+08:00", expect_field(r, "captured_at");
  r = Photo(), r.recorded_at = "", expect_field(r, "recorded_at");
  r = Photo(), r.office = "tj office", expect_field(r, "office");
  r = Photo(), r.case_id = "", expect_field(r, "case_id");
  r = Photo(), r.place = "\xFF\xFE", expect_field(r, "place");
  r = Photo(), r.notes = std::string(20000, 'n'), expect_field(r, "notes");
  r = Photo(), r.kind = LeafKind::kCustody, expect_field(r, "custody_step");
  r = Photo(), r.kind = LeafKind::kCaseEvent, expect_field(r, "event");
  r = Photo(), r.event = "Transfer Requested", expect_field(r, "event");
  r = Photo(), r.captured_at = "2024-02-29T23:59:59.999Z";
  EXPECT_TRUE(EncodeLeaf(r).has_value());
}

TEST(LeafTest, DecodeRejectsEveryAlteredByteThatChangesTheMeaningOrForm) {
  const std::string leaf = *EncodeLeaf(Photo());
  int rejected = 0, reencoded = 0;
  for (size_t i = 0; i < leaf.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = leaf;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      auto decoded = DecodeLeaf(bad);
      if (!decoded) {
        ++rejected;
        continue;
      }
      // Whatever still decodes is a different, canonical record: never the original one.
      EXPECT_NE(*decoded, Photo()) << i << ":" << bit;
      EXPECT_EQ(*EncodeLeaf(*decoded), bad) << i << ":" << bit;
      ++reencoded;
    }
  }
  EXPECT_GT(rejected, 0);
  RecordProperty("rejected", rejected);
  RecordProperty("decoded_as_other_records", reencoded);
}

TEST(LeafTest, DecodeRejectsNonCanonicalForms) {
  const std::string leaf = *EncodeLeaf(Photo());
  auto replace = [&](std::string_view from, std::string_view to) {
    std::string out = leaf;
    const size_t at = out.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return out.replace(at, from.size(), to);
  };
  const std::string bad_leaves[] = {
      "",
      leaf.substr(0, leaf.size() - 1),  // no final newline
      leaf + "extra=1\n",               // an unknown trailing field
      leaf + "\n",
      "ipa-evidence-v2\n" + leaf.substr(16),  // another version
      replace("kind=evidence", "kind=Evidence"),
      replace("kind=evidence", "kind=photo"),
      replace("size=2345678", "size=02345678"),
      replace("size=2345678", "size=+2345678"),
      replace("size=2345678", "size=99999999999999999999"),
      replace("office=TJ\ncase_id", "case_id"),  // a missing field
      replace("office=TJ\ncase_id=TJ-2026-000123", "case_id=TJ-2026-000123\noffice=TJ"),  // order
      replace("office=TJ", "office =TJ"),
      replace("%0A", "%0a"),              // lower-case escape
      replace("%0A", "\n"),               // raw newline: breaks the line layout
      replace("%0D", "\r"),               // raw control character
      replace("100%25", "100%"),          // bare percent
      replace("Line one", "Line%20one"),  // escape of a byte that needs none
      replace("tool=Canon", "tool=%43anon"),
      replace("method=on-site", "method=on-site%"),
  };
  for (const std::string& bad : bad_leaves) EXPECT_FALSE(DecodeLeaf(bad).has_value()) << bad;
}

}  // namespace
}  // namespace ipa::evidence
