#include "core/patent_number.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "core/sample_data.hpp"

namespace ipa::core {
namespace {

Date D(const char* text) { return *ParseDateText(text); }

// ---- Application numbers ------------------------------------------------------------------

TEST(ApplicationNumberTest, CheckCharacterUsesWeights2To9Mod11) {
  struct Case {
    const char* digits;
    char check;
  } cases[] = {
      {"201710601862", '3'},  // the reference's example
      {"95115608", 'X'},      // the reference's example: 10 is written X
      {"202223220665", '2'}, {"202121635235", 'X'}, {"201310699744", '2'},
      {"202211359874", '7'}, {"85100001", '0'},     {"02123456", '6'},
  };
  for (const Case& c : cases) EXPECT_EQ(ApplicationCheckChar(c.digits), c.check) << c.digits;
}

TEST(ApplicationNumberTest, ParsesAndNormalisesTheWrittenForms) {
  struct Case {
    const char* input;
    const char* normalised;
    int year;
    PatentType type;
    bool pct;
  } cases[] = {
      {"CN201710601862.3", "201710601862.3", 2017, PatentType::kInvention, false},
      {"201710601862.3", "201710601862.3", 2017, PatentType::kInvention, false},
      {"2017106018623", "201710601862.3", 2017, PatentType::kInvention, false},
      {"ZL201710601862.3", "201710601862.3", 2017, PatentType::kInvention, false},
      {"zl 2017 1060 1862 . 3", "201710601862.3", 2017, PatentType::kInvention, false},
      {"  cn201710601862.3\t", "201710601862.3", 2017, PatentType::kInvention, false},
      // Full-width digits, full-width and ideographic full stops (Chinese IME input).
      {"\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x97"
       "10601862\xEF\xBC\x8E"
       "3",
       "201710601862.3", 2017, PatentType::kInvention, false},
      {"201710601862\xE3\x80\x82"
       "3",
       "201710601862.3", 2017, PatentType::kInvention, false},
      {"CN202223220665.2", "202223220665.2", 2022, PatentType::kUtilityModel, false},
      {"CN202121635235.X", "202121635235.X", 2021, PatentType::kUtilityModel, false},
      {"CN202121635235.x", "202121635235.X", 2021, PatentType::kUtilityModel, false},
      {"202130012345.X", "202130012345.X", 2021, PatentType::kDesign, false},
      {"201880012345.5", "201880012345.5", 2018, PatentType::kInvention, true},
      {"201990012345.5", "201990012345.5", 2019, PatentType::kUtilityModel, true},
      {"200310012345.0", "200310012345.0", 2003, PatentType::kInvention, false},
      // The 8-digit format used before 2003-10.
      {"95115608.X", "95115608.X", 1995, PatentType::kInvention, false},
      {"CN95115608x", "95115608.X", 1995, PatentType::kInvention, false},
      {"ZL98201234.9", "98201234.9", 1998, PatentType::kUtilityModel, false},
      {"02123456.6", "02123456.6", 2002, PatentType::kInvention, false},
      {"03312345.4", "03312345.4", 2003, PatentType::kDesign, false},
      {"85100001.0", "85100001.0", 1985, PatentType::kInvention, false},
  };
  for (const Case& c : cases) {
    auto n = ParseApplicationNumber(c.input);
    ASSERT_TRUE(n.has_value()) << c.input << ": " << n.error().message;
    EXPECT_EQ(n->Normalised(), c.normalised) << c.input;
    EXPECT_EQ(n->year, c.year) << c.input;
    EXPECT_EQ(n->type, c.type) << c.input;
    EXPECT_EQ(n->pct, c.pct) << c.input;
    EXPECT_EQ(NormaliseApplicationNumber(c.input).value_or(""), c.normalised) << c.input;
  }
}

TEST(ApplicationNumberTest, ErrorsNameTheReason) {
  struct Case {
    const char* input;
    const char* reason;
  } cases[] = {
      {"", "wrong length"},
      {"20171060186.3", "wrong length"},
      {"2017106018621234", "wrong length"},
      {"1234567", "wrong length"},
      {"2017106018624", "check character is '4', expected '3'"},
      {"CN201710601862.4", "check character is '4', expected '3'"},
      {"95115608.1", "check character is '1', expected 'X'"},
      {"201750601862.0", "unknown type digit '5'"},
      {"95415608.0", "unknown type digit '4'"},
      {"199910601862.0", "impossible year 1999"},
      {"210010601862.0", "impossible year 2100"},
      {"50115608.0", "impossible year 50"},
      {"CN2017A0601862.3", "is not a digit"},
      {"201710601862.Y", "not a digit or X"},
      {"201710601862.34", "exactly one check character"},
      {"201710601862.", "exactly one check character"},
      {"201710601862", "check character is missing"},
      {"95115608", "check character is missing"},
      {"US201710601862.3", "is not a digit"},
  };
  for (const Case& c : cases) {
    auto n = ParseApplicationNumber(c.input);
    ASSERT_FALSE(n.has_value()) << c.input;
    EXPECT_EQ(n.error().code, ErrorCode::kInvalidArgument) << c.input;
    EXPECT_EQ(n.error().field, "application_number") << c.input;
    EXPECT_NE(n.error().message.find(c.reason), std::string::npos)
        << c.input << ": " << n.error().message;
  }
}

TEST(ApplicationNumberTest, ComputesAMissingCheckCharacterWhenAsked) {
  auto n = ParseApplicationNumber("201710601862", CheckCharPolicy::kComputeIfMissing);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->Normalised(), "201710601862.3");
  auto old = ParseApplicationNumber("95115608", CheckCharPolicy::kComputeIfMissing);
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->Normalised(), "95115608.X");
  // A wrong check character is still an error.
  EXPECT_FALSE(ParseApplicationNumber("2017106018624", CheckCharPolicy::kComputeIfMissing));
}

TEST(ApplicationNumberTest, PatentNumberIsZlPlusTheApplicationNumber) {
  auto n = ParseApplicationNumber("CN201310699744.2");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(PatentNumber(*n), "ZL201310699744.2");
  auto back = ParseApplicationNumber(PatentNumber(*n));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->Normalised(), n->Normalised());
}

TEST(ApplicationNumberTest, TypeDigitsRoundTrip) {
  EXPECT_EQ(TypeDigit(PatentType::kInvention, false), 1);
  EXPECT_EQ(TypeDigit(PatentType::kUtilityModel, false), 2);
  EXPECT_EQ(TypeDigit(PatentType::kDesign, false), 3);
  EXPECT_EQ(TypeDigit(PatentType::kInvention, true), 8);
  EXPECT_EQ(TypeDigit(PatentType::kUtilityModel, true), 9);
}

TEST(ApplicationNumberTest, EveryCheckValueRoundTrips) {
  // Serial numbers covering all eleven check values: each validates, any other fails.
  int seen = 0;
  for (int serial = 0; serial < 40 && seen != 0x7FF; ++serial) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "20201%07d", serial);
    const char check = ApplicationCheckChar(digits);
    seen |= 1 << (check == 'X' ? 10 : check - '0');
    EXPECT_TRUE(ParseApplicationNumber(std::string(digits) + "." + check)) << digits;
    const char wrong = check == '0' ? '1' : '0';
    EXPECT_FALSE(ParseApplicationNumber(std::string(digits) + "." + wrong)) << digits;
  }
  EXPECT_EQ(seen, 0x7FF);
}

// ---- Publication numbers and kind codes ---------------------------------------------------

TEST(PublicationNumberTest, ParsesChineseKinds) {
  struct Case {
    const char* input;
    const char* normalised;
  } cases[] = {
      {"CN106844774A", "CN106844774A"},
      {"cn 106844774 a", "CN106844774A"},
      {"106844774B", "CN106844774B"},
      {"CN218751475U", "CN218751475U"},
      {"CN303123456S", "CN303123456S"},
      {"CN1234567C", "CN1234567C"},
      {"CN2345678Y", "CN2345678Y"},
      {"CN3123456D", "CN3123456D"},
      {"CN123456A", "CN123456A"},
      {"CN85100001A", "CN85100001A"},
      {"CN106844774C1", "CN106844774C1"},
      {"CN106844774B8", "CN106844774B8"},
      {"CN218751475Y2", "CN218751475Y2"},
      {"CN106844774A9", "CN106844774A9"},
      {"\xEF\xBC\xA3\xEF\xBC\xAE"
       "106844774\xEF\xBC\xA1",
       "CN106844774A"},
  };
  for (const Case& c : cases) {
    auto p = ParsePublicationNumber(c.input);
    ASSERT_TRUE(p.has_value()) << c.input << ": " << p.error().message;
    EXPECT_EQ(p->Normalised(), c.normalised) << c.input;
  }
}

TEST(PublicationNumberTest, ErrorsNameTheReason) {
  struct Case {
    const char* input;
    const char* reason;
  } cases[] = {
      {"CN106844774", "kind code (A, B, U, S ...) is missing"},
      {"CN106844774A1", "is not Chinese"},
      {"CN106844774B2", "is not Chinese"},
      {"CN106844774B1", "is not Chinese"},
      {"CN106844774U1", "is not Chinese"},
      {"CN106844774X", "unknown kind code 'X'"},
      {"CN106844774AB", "unknown kind code 'AB'"},
      {"CN12345A", "got 5"},
      {"CN1234567890A", "got 10"},
      {"CNA", "got 0"},
      {"", "missing"},
  };
  for (const Case& c : cases) {
    auto p = ParsePublicationNumber(c.input);
    ASSERT_FALSE(p.has_value()) << c.input;
    EXPECT_EQ(p.error().field, "publication_number") << c.input;
    EXPECT_NE(p.error().message.find(c.reason), std::string::npos)
        << c.input << ": " << p.error().message;
  }
}

TEST(PublicationNumberTest, MapKindByDate) {
  using S = PublicationStage;
  constexpr auto kI = PatentType::kInvention;
  constexpr auto kU = PatentType::kUtilityModel;
  constexpr auto kD = PatentType::kDesign;
  struct Case {
    const char* kind;
    const char* date;  // "" = unknown
    PatentType type;
    S stage;
    bool expected_for_date;
  } cases[] = {
      {"A", "1988-01-06", kI, S::kApplication, true},
      {"A", "2020-01-06", kI, S::kApplication, true},
      {"B", "1990-05-01", kI, S::kExaminedApplication, true},  // pre-1993: pre-grant
      {"B", "1992-12-31", kI, S::kExaminedApplication, true},
      {"B", "1993-01-01", kI, S::kGrant, false},  // not used 1993..2004-06
      {"B", "2004-07-01", kI, S::kGrant, true},
      {"B", "2020-01-06", kI, S::kGrant, true},
      {"B", "", kI, S::kGrant, true},
      {"C", "1998-03-04", kI, S::kGrant, true},
      {"C", "2004-06-30", kI, S::kGrant, true},
      {"C", "2010-01-01", kI, S::kGrant, false},
      {"C", "1990-01-01", kI, S::kGrant, false},
      {"U", "1990-05-01", kU, S::kExaminedApplication, true},
      {"U", "2023-03-28", kU, S::kGrant, true},
      {"Y", "2000-01-01", kU, S::kGrant, true},
      {"S", "1991-01-01", kD, S::kExaminedApplication, true},
      {"S", "2020-01-01", kD, S::kGrant, true},
      {"D", "2000-01-01", kD, S::kGrant, true},
      {"D", "2020-01-01", kD, S::kGrant, false},
  };
  for (const Case& c : cases) {
    const std::optional<Date> date = *c.date ? std::optional(D(c.date)) : std::nullopt;
    auto m = MapKind(c.kind, date);
    ASSERT_TRUE(m.has_value()) << c.kind;
    EXPECT_EQ(m->type, c.type) << c.kind << " " << c.date;
    EXPECT_EQ(m->stage, c.stage) << c.kind << " " << c.date;
    EXPECT_EQ(m->expected_for_date, c.expected_for_date) << c.kind << " " << c.date;
    EXPECT_FALSE(m->correction || m->partial_invalidation) << c.kind;
  }
}

TEST(PublicationNumberTest, MapKindTwoCharacterCodes) {
  struct Case {
    const char* kind;
    PatentType type;
    PublicationStage stage;
    bool correction;
  } cases[] = {
      {"A8", PatentType::kInvention, PublicationStage::kApplication, true},
      {"A9", PatentType::kInvention, PublicationStage::kApplication, true},
      {"B9", PatentType::kInvention, PublicationStage::kGrant, true},
      {"U8", PatentType::kUtilityModel, PublicationStage::kGrant, true},
      {"S9", PatentType::kDesign, PublicationStage::kGrant, true},
      {"C1", PatentType::kInvention, PublicationStage::kGrant, false},
      {"Y7", PatentType::kUtilityModel, PublicationStage::kGrant, false},
      {"S2", PatentType::kDesign, PublicationStage::kGrant, false},
  };
  for (const Case& c : cases) {
    auto m = MapKind(c.kind, D("2015-01-01"));
    ASSERT_TRUE(m.has_value()) << c.kind;
    EXPECT_EQ(m->type, c.type) << c.kind;
    EXPECT_EQ(m->stage, c.stage) << c.kind;
    EXPECT_EQ(m->correction, c.correction) << c.kind;
    EXPECT_EQ(m->partial_invalidation, !c.correction) << c.kind;
    EXPECT_TRUE(m->expected_for_date) << c.kind;
    EXPECT_FALSE(MapKind(c.kind, D("2000-01-01"))->expected_for_date) << c.kind;
  }
}

TEST(PublicationNumberTest, MapKindSwitchDatesAreConfigurable) {
  KindCodeRules rules;
  rules.pre_grant_bus_until = D("1993-04-01");
  EXPECT_EQ(MapKind("B", D("1993-02-01"), rules)->stage, PublicationStage::kExaminedApplication);
  EXPECT_EQ(MapKind("B", D("1993-02-01"))->stage, PublicationStage::kGrant);
  rules.new_codes_from = D("2007-01-01");
  EXPECT_TRUE(MapKind("C", D("2006-01-01"), rules)->expected_for_date);
  EXPECT_FALSE(MapKind("C", D("2006-01-01"))->expected_for_date);
  // The defaults are the documented dates.
  EXPECT_EQ(KindCodeRules{}.pre_grant_bus_until, D("1993-01-01"));
  EXPECT_EQ(KindCodeRules{}.new_codes_from, D("2004-07-01"));
}

TEST(PublicationNumberTest, MapKindRejectsOtherCodes) {
  for (const char* kind : {"A1", "B2", "X", "", "E", "AA"}) {
    auto m = MapKind(kind, std::nullopt);
    ASSERT_FALSE(m.has_value()) << kind;
    EXPECT_EQ(m.error().field, "kind") << kind;
  }
}

// ---- Real records -------------------------------------------------------------------------

std::optional<PatentType> TypeFromChineseLabel(const std::string& label) {
  if (label.starts_with("实用新型")) return PatentType::kUtilityModel;
  if (label.starts_with("发明")) return PatentType::kInvention;
  if (label.starts_with("外观设计")) return PatentType::kDesign;
  return std::nullopt;
}

TEST(PatentNumberRealDataTest, SampleRecordsValidate) {
  const std::string path =
      testing::SharedDataPath("cn-patents-fullschema-sample/patents_sample.csv");
  auto table = testing::ReadCsv(path);
  if (!table) GTEST_SKIP() << "real sample not found at " << path << " (shared data absent)";
  const int app = table->Column("申请号");
  const int pub = table->Column("公开号");
  const int grant = table->Column("授权公告号");
  const int type = table->Column("专利类型");
  ASSERT_GE(app, 0);
  ASSERT_GE(pub, 0);
  ASSERT_GE(grant, 0);
  ASSERT_GE(type, 0);
  ASSERT_FALSE(table->rows.empty());
  for (const auto& row : table->rows) {
    ASSERT_GT(row.size(), static_cast<size_t>(std::max({app, pub, grant, type})));
    auto n = ParseApplicationNumber(row[app]);
    ASSERT_TRUE(n.has_value()) << row[app] << ": " << n.error().message;
    EXPECT_EQ("CN" + n->Normalised(), row[app]);
    EXPECT_EQ(std::optional(n->type), TypeFromChineseLabel(row[type])) << row[app];
    for (int column : {pub, grant}) {
      if (row[column].empty()) continue;
      auto p = ParsePublicationNumber(row[column]);
      ASSERT_TRUE(p.has_value()) << row[column] << ": " << p.error().message;
      EXPECT_EQ(p->Normalised(), row[column]);
      auto kind = MapKind(p->kind, std::nullopt);
      ASSERT_TRUE(kind.has_value());
      EXPECT_EQ(kind->type, n->type) << row[column];
      EXPECT_EQ(kind->stage == PublicationStage::kGrant, column == grant || p->kind != "A")
          << row[column];
    }
  }
}

}  // namespace
}  // namespace ipa::core
