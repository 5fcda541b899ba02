#include "core/applicant_name.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(ApplicantKeyTest, VariantsOfOneNameShareAKey) {
  const std::string base = ApplicantKey("天津海河新材料有限公司");
  for (const char* variant : {"天津海河新材料有限责任公司", "天津海河新材料股份有限公司", " 天津海河新材料有限公司 ",
                              "天津海河新材料（天津）有限公司", "天津海河新材料(天津)有限公司"}) {
    EXPECT_EQ(ApplicantKey(variant), base) << variant;
  }
  const std::string en = ApplicantKey("Tianjin Haihe New Materials Co., Ltd.");
  for (const char* variant : {"TIANJIN HAIHE NEW MATERIALS CO LTD", "Tianjin Haihe New Materials Limited",
                              "Ｔｉａｎｊｉｎ Ｈａｉｈｅ New Materials Co., Ltd", "Tianjin Haihe New Materials (Beijing) Co., Ltd."}) {
    EXPECT_EQ(ApplicantKey(variant), en) << variant;
  }
}

TEST(ApplicantKeyTest, DifferentNamesStayApart) {
  EXPECT_NE(ApplicantKey("天津海河新材料有限公司"), ApplicantKey("天津海河新能源有限公司"));
  EXPECT_NE(ApplicantKey("北京华清大学"), ApplicantKey("北京华清学院"));
  EXPECT_NE(ApplicantKey("ABC Inc."), ApplicantKey("ABD Inc."));
}

}  // namespace
}  // namespace ipa::core
