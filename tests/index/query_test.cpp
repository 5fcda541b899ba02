#include "index/query.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ipa::index {
namespace {

std::string Canonical(std::string_view q) {
  auto parsed = ParseQuery(q);
  if (!parsed) return "ERROR " + parsed.error().message;
  return ToString(*parsed);
}

TEST(QueryTest, CanonicalForms) {
  struct Case {
    const char* query;
    const char* canonical;
  } cases[] = {
      // Free text: implicit AND, searches TAC and PA.
      {"电池 正极材料", "电池 AND 正极材料"},
      {"锂电池", "锂电池"},
      {"LiFePO4", "LiFePO4"},
      // Every text field.
      {"TI=锂电池", "TI=锂电池"},
      {"ab=正极 cl=负极", "AB=正极 AND CL=负极"},
      {"TAC=隔膜", "TAC=隔膜"},
      {"PA=华为 OR IN=张三", "PA=华为 OR IN=张三"},
      {"TI = 锂电池", "TI=锂电池"},
      {"ＴＩ＝锂电池", "TI=锂电池"},
      // IPC prefixes.
      {"IPC=H01M", "IPC=H01M"},
      {"IPC=h01m10/0525", "IPC=H01M10/0525"},
      {"IPC=H01M 10/0525", "IPC=H01M10/0525"},
      {"IPC=H01M 10", "IPC=H01M10"},
      {"IPC=H", "IPC=H"},
      {"IPC=H01", "IPC=H01"},
      {"IPC=\"H01M 10/0525\"", "IPC=H01M10/0525"},
      {"IPC=(H01M OR H02J)", "IPC=H01M OR IPC=H02J"},
      {"IPC=(H01M 10/0525 OR H02J) 电池", "(IPC=H01M10/0525 OR IPC=H02J) AND 电池"},
      // Dates.
      {"AD>=2015-01-01", "AD>=2015-01-01"},
      {"AD<2020-01-01", "AD<=2019-12-31"},
      {"AD=2018", "AD=2018"},
      {"AD=[2015 TO 2020]", "AD=[2015 TO 2020]"},
      {"AD=[2015 to 2020]", "AD=[2015 TO 2020]"},
      {"PD=[2015-03-01 TO 2016-02-15]", "PD=[2015-03-01 TO 2016-02-15]"},
      {"GD>2018", "GD>=2019-01-01"},
      {"GD>2018-06-30", "GD>=2018-07-01"},
      {"AD<=2018", "AD<=2018-12-31"},
      {"AD=2018-05", "AD=[2018-05-01 TO 2018-05-31]"},
      {"AD=2016-02", "AD=[2016-02-01 TO 2016-02-29]"},
      {"AD=20180506", "AD=2018-05-06"},
      {"AD=2018/5/6", "AD=2018-05-06"},
      {"AD=[2015 TO *]", "AD>=2015-01-01"},
      {"AD=[* TO 2015-06-30]", "AD<=2015-06-30"},
      {"AD=[* TO *]", "AD=[* TO *]"},
      {"AD >= 2018", "AD>=2018-01-01"},
      {"AD＞＝2018", "AD>=2018-01-01"},
      {"AD≥2018", "AD>=2018-01-01"},
      {"AD=(2018 OR 2020)", "AD=2018 OR AD=2020"},
      {"AD=([2010 TO 2012] OR 2020)", "AD=[2010 TO 2012] OR AD=2020"},
      // Regions: codes, prefixes, Chinese names, office codes.
      {"region=天津", "region=120000"},
      {"region=北京市", "region=110000"},
      {"region=河北", "region=130000"},
      {"region=河北区", "region=120105"},
      {"region=石家庄", "region=130100"},
      {"region=石家庄市长安区", "region=130102"},
      {"region=石家庄桥西区", "region=130104"},
      {"region=海淀", "region=110108"},
      {"region=13", "region=130000"},
      {"region=1301", "region=130100"},
      {"region=130000", "region=130000"},
      {"region=130102", "region=130102"},
      {"region=BJ", "region=110000"},
      {"region=Hebei", "region=130000"},
      {"region=320500", "region=320500"},
      {"region=(北京 OR 天津)", "region=110000 OR region=120000"},
      // Types and statuses.
      {"type=发明", "type=invention"},
      {"type=utility_model", "type=utility_model"},
      {"type=实用新型", "type=utility_model"},
      {"type=外观设计", "type=design"},
      {"type=Design", "type=design"},
      {"status=valid", "status=valid"},
      {"status=LAPSED_RESTORABLE", "status=lapsed_restorable"},
      {"status=有效", "status=in_force"},
      {"status=in_force@2020-01-01", "status=in_force@2020-01-01"},
      {"status=审中@20200101", "status=pending@2020-01-01"},
      // Operators in all spellings; NOT > AND > OR, shown with parentheses when printed.
      {"a AND b", "a AND b"},
      {"a && b || c", "(a AND b) OR c"},
      {"a 与 b 或 c 非 d", "(a AND b) OR (c AND NOT d)"},
      {"-锂 电池", "NOT 锂 AND 电池"},
      {"a -(b OR c)", "a AND NOT (b OR c)"},
      {"a OR b AND c", "a OR (b AND c)"},
      {"(a OR b) AND c", "(a OR b) AND c"},
      {"(a AND b) OR c", "(a AND b) OR c"},
      {"(a OR b) c", "(a OR b) AND c"},
      {"NOT a AND b", "NOT a AND b"},
      {"a OR NOT b c", "a OR (NOT b AND c)"},
      {"NOT NOT a", "NOT NOT a"},
      {"NOT (a b)", "NOT (a AND b)"},
      {"((a))", "a"},
      {"(a AND b) AND c", "(a AND b) AND c"},
      {"a AND (b AND c)", "a AND (b AND c)"},
      {"（锂电池 或 钠电池）", "锂电池 OR 钠电池"},
      // Phrases, prefixes, field groups.
      {"\"锂电池 正极\"", "\"锂电池 正极\""},
      {"“锂电池 正极”", "\"锂电池 正极\""},
      {"TI=\"lithium ion\"", "TI=\"lithium ion\""},
      {"batter*", "batter*"},
      {"TI=batter*", "TI=batter*"},
      {"TAC=(锂电池 AND 正极)", "TAC=(锂电池 AND 正极)"},
      {"TAC=锂电池 AND TAC=正极", "TAC=(锂电池 AND 正极)"},
      {"TI=(a b) OR TI=c", "TI=((a AND b) OR c)"},
      {"TAC=(锂电池 OR \"正极 材料\") NOT TI=废旧",
       "TAC=(锂电池 OR \"正极 材料\") AND NOT TI=废旧"},
      {"NOT TI=(a OR b)", "NOT TI=(a OR b)"},
      {"TI=(a NOT b)", "TI=(a AND NOT b)"},
      {"TI=(batter* OR cell)", "TI=(batter* OR cell)"},
      {"TI=-x TI=y", "TI=-x AND TI=y"},
      {"TI=a=b", "TI=a=b"},
      {"TI=[x]", "TI=[x]"},
      {"TI=([b c)", "TI=([b AND c)"},
      {"TI=a PA=a", "TI=a AND PA=a"},
      // Punctuation between words has nothing to search and is skipped.
      {"锂电池 ， 正极", "锂电池 AND 正极"},
      {"a - b", "a AND b"},
      {"a * b", "a AND b"},
      // Lower-case operator words are words.
      {"battery and cell", "battery AND and AND cell"},
      {"非晶硅", "非晶硅"},
      // The issue's example.
      {"TAC=(锂电池 AND 正极) AND IPC=H01M AND AD>=2018-01-01 AND region=天津",
       "TAC=(锂电池 AND 正极) AND IPC=H01M AND AD>=2018-01-01 AND region=120000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Canonical(c.query), c.canonical) << c.query;
    auto once = ParseQuery(c.query);
    if (!once) continue;
    auto again = ParseQuery(ToString(*once));
    ASSERT_TRUE(again.has_value())
        << c.query << " → " << ToString(*once) << ": " << again.error().message;
    EXPECT_TRUE(*again == *once) << c.query << " → " << ToString(*once);
  }
}

TEST(QueryTest, TheIssueExampleAsATree) {
  auto q = ParseQuery("TAC=(锂电池 AND 正极) AND IPC=H01M AND AD>=2018-01-01 AND region=天津");
  ASSERT_TRUE(q.has_value()) << q.error().message;
  const Node& root = q->root;
  ASSERT_EQ(root.kind, NodeKind::kAnd);
  ASSERT_EQ(root.children.size(), 4u);

  const Node& text = root.children[0];
  ASSERT_EQ(text.kind, NodeKind::kAnd);
  ASSERT_EQ(text.children.size(), 2u);
  const TextNode& lithium = text.children[0].text();
  EXPECT_EQ(lithium.fields, kFieldTac);
  EXPECT_EQ(lithium.match, TextMatch::kTerm);
  EXPECT_EQ(lithium.text, "锂电池");
  const std::vector<QueryToken> bigrams = {{"锂电", TermKind::kHanBigram, 0},
                                           {"电池", TermKind::kHanBigram, 1}};
  EXPECT_EQ(lithium.tokens, bigrams);
  EXPECT_EQ(text.children[1].text().tokens.size(), 1u);

  ASSERT_EQ(root.children[1].kind, NodeKind::kIpc);
  EXPECT_EQ(root.children[1].ipc().prefix.level, core::IpcLevel::kSubclass);
  EXPECT_EQ(root.children[1].ipc().prefix.SubclassString(), "H01M");

  ASSERT_EQ(root.children[2].kind, NodeKind::kDate);
  const DateNode& date = root.children[2].date();
  EXPECT_EQ(date.field, DateField::kFiling);
  EXPECT_EQ(date.from, core::MakeDate(2018, 1, 1));
  EXPECT_FALSE(date.to.has_value());

  ASSERT_EQ(root.children[3].kind, NodeKind::kRegion);
  EXPECT_EQ(root.children[3].region().prefix, "12");
}

TEST(QueryTest, LeafPayloads) {
  auto free = ParseQuery("锂");
  ASSERT_TRUE(free.has_value());
  EXPECT_EQ(free->root.text().fields, kDefaultFields);
  ASSERT_EQ(free->root.text().tokens.size(), 1u);
  EXPECT_EQ(free->root.text().tokens[0].kind, TermKind::kHanUnigram);

  auto phrase = ParseQuery("IN=\"锂电池 正极\"");
  ASSERT_TRUE(phrase.has_value());
  const TextNode& p = phrase->root.text();
  EXPECT_EQ(p.match, TextMatch::kPhrase);
  EXPECT_EQ(p.fields, kFieldInventor);
  ASSERT_EQ(p.tokens.size(), 3u);
  EXPECT_EQ(p.tokens[2].term, "正极");
  EXPECT_EQ(p.tokens[2].position, 3u);

  auto prefix = ParseQuery("Batter*");
  ASSERT_TRUE(prefix.has_value());
  EXPECT_EQ(prefix->root.text().match, TextMatch::kPrefix);
  EXPECT_EQ(prefix->root.text().tokens[0].term, "batter");

  auto mixed = ParseQuery("lithium-ion");
  ASSERT_TRUE(mixed.has_value());
  EXPECT_EQ(mixed->root.text().match, TextMatch::kTerm);
  EXPECT_EQ(mixed->root.text().tokens.size(), 2u);

  auto status = ParseQuery("status=valid@2020-02-29");
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->root.status().Has(core::LegalStatus::kValid));
  EXPECT_FALSE(status->root.status().Has(core::LegalStatus::kValidGrace));
  EXPECT_EQ(status->root.status().on, core::MakeDate(2020, 2, 29));

  auto in_force = ParseQuery("status=有效");
  ASSERT_TRUE(in_force.has_value());
  EXPECT_TRUE(in_force->root.status().Has(core::LegalStatus::kValidGrace));
  EXPECT_FALSE(in_force->root.status().on.has_value());

  auto type = ParseQuery("type=实用新型");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(type->root.type().type, core::PatentType::kUtilityModel);

  auto range = ParseQuery("PD=[2015 TO 2020]");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->root.date().field, DateField::kPublication);
  EXPECT_EQ(range->root.date().from, core::MakeDate(2015, 1, 1));
  EXPECT_EQ(range->root.date().to, core::MakeDate(2020, 12, 31));

  auto ipc = ParseQuery("IPC=H01M 10/05");
  ASSERT_TRUE(ipc.has_value());
  EXPECT_TRUE(core::IpcMatchesPrefix(*core::ParseIpcCode("H01M 10/0525"), ipc->root.ipc().prefix));
}

TEST(QueryTest, TheExamplesInTheSyntaxDocParse) {
  const char* examples[] = {
      "电池 正极材料",
      "锂",
      "\"锂电池 正极\"",
      "TAC=(锂电池 AND 正极) AND IPC=H01M AND AD>=2018-01-01 AND region=天津",
      "TI=battery OR TI=batter*",
      "PA=华为 NOT IN=张三",
      "IPC=H01M 10/0525 AD=[2015 TO 2020]",
      "type=发明 status=有效@2023-12-31 region=石家庄",
      "(钠离子 或 锂离子) 与 电池 非 固态",
      "TI=(锂电池 AND 正极)",
      "IPC=(H01M OR H02J)",
      "region=(北京 OR 天津)",
      "IPC=H01M AND 2018",
      "AD=[2015-03-01 TO 2016-02-15]",
      "status=valid@2015-01-01 AND status=lapsed@2020-01-01",
      "-固态 -TI=手机 电池",
      "region=石家庄市桥西区 OR region=石家庄桥西 OR region=滨海新区 OR region=HE",
  };
  for (const char* q : examples) {
    auto parsed = ParseQuery(q);
    EXPECT_TRUE(parsed.has_value()) << q << ": " << parsed.error().message;
  }
}

TEST(QueryTest, NestingUpToTheLimitParses) {
  std::string q = std::string(kMaxQueryDepth, '(') + "a" + std::string(kMaxQueryDepth, ')');
  EXPECT_TRUE(ParseQuery(q).has_value());
  std::string nots;
  for (int i = 0; i < kMaxQueryDepth; ++i) nots += "NOT ";
  EXPECT_TRUE(ParseQuery(nots + "a").has_value());
  const std::string long_query(kMaxQueryBytes, 'a');
  EXPECT_TRUE(ParseQuery(long_query).has_value());
}

}  // namespace
}  // namespace ipa::index
