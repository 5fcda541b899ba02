#include "service/demo_patent_tables.hpp"

namespace ipa::service::demo {
namespace {

// Applications per year, thousands, rounded (the growth curve of CNIPA's annual totals).
constexpr int kApplicationsK[] = {
    41,   50,   67,   77,   78,   83,   102,  115,  122,  134,   // 1990-1999
    170,  203,  252,  308,  354,  476,  573,  694,  828,  977,   // 2000-2009
    1222, 1633, 2051, 2377, 2361, 2799, 3465, 3698, 4323, 4380,  // 2010-2019
    5194, 5244, 5365, 4900, 4800, 4800};                         // 2020-2025
static_assert(std::size(kApplicationsK) == kLastFilingYear - kFirstFilingYear + 1);

struct TypeAnchor {
  int year;
  double invention, utility, design;  // percent
};
constexpr TypeAnchor kTypeAnchors[] = {
    {1990, 24, 66, 10}, {1995, 26, 52, 22}, {2000, 30, 41, 29}, {2005, 36, 29, 35},
    {2010, 32, 34, 34}, {2015, 39, 41, 20}, {2018, 36, 48, 16}, {2020, 29, 56, 15},
    {2022, 30, 55, 15}, {2023, 34, 50, 16}, {2025, 36, 47, 17},
};

// Domestic patents in force at the end of 2009 per province (CNIPA annual report table c2,
// as transcribed in data/cn-stats); Beijing, Tianjin and Hebei get fixed shares instead.
struct ProvinceRow {
  std::string_view code;
  double in_force_2009;  // 0 for the three alliance provinces
  double fixed_share;
  std::string_view short_name, places;
};
constexpr ProvinceRow kProvinceRows[] = {
    {"110000", 0, 0.20, "北京", ""},
    {"120000", 0, 0.10, "天津", ""},
    {"130000", 0, 0.10, "河北", ""},
    {"140000", 7921, 0, "山西", "太原市 大同市 长治市"},
    {"150000", 4188, 0, "内蒙古", "呼和浩特市 包头市 鄂尔多斯市"},
    {"210000", 31107, 0, "辽宁", "沈阳市 大连市 鞍山市"},
    {"220000", 9619, 0, "吉林", "长春市 吉林市"},
    {"230000", 15519, 0, "黑龙江", "哈尔滨市 大庆市 齐齐哈尔市"},
    {"310000", 83235, 0, "上海", "浦东新区 闵行区 嘉定区 松江区"},
    {"320000", 154887, 0, "江苏", "南京市 苏州市 无锡市 常州市"},
    {"330000", 170474, 0, "浙江", "杭州市 宁波市 温州市 嘉兴市"},
    {"340000", 16608, 0, "安徽", "合肥市 芜湖市"},
    {"350000", 28364, 0, "福建", "福州市 厦门市 泉州市"},
    {"360000", 7050, 0, "江西", "南昌市 赣州市"},
    {"370000", 71771, 0, "山东", "济南市 青岛市 烟台市 潍坊市"},
    {"410000", 26917, 0, "河南", "郑州市 洛阳市"},
    {"420000", 25745, 0, "湖北", "武汉市 宜昌市 襄阳市"},
    {"430000", 20640, 0, "湖南", "长沙市 株洲市"},
    {"440000", 221131, 0, "广东", "广州市 深圳市 佛山市 东莞市"},
    {"450000", 7421, 0, "广西", "南宁市 柳州市 桂林市"},
    {"460000", 1456, 0, "海南", "海口市 三亚市"},
    {"500000", 20012, 0, "重庆", "渝北区 九龙坡区 江北区"},
    {"510000", 39415, 0, "四川", "成都市 绵阳市"},
    {"520000", 6241, 0, "贵州", "贵阳市 遵义市"},
    {"530000", 8051, 0, "云南", "昆明市 曲靖市"},
    {"540000", 430, 0, "西藏", "拉萨市"},
    {"610000", 14828, 0, "陕西", "西安市 宝鸡市"},
    {"620000", 3657, 0, "甘肃", "兰州市 天水市"},
    {"630000", 656, 0, "青海", "西宁市"},
    {"640000", 1969, 0, "宁夏", "银川市"},
    {"650000", 5022, 0, "新疆", "乌鲁木齐市 克拉玛依市"},
};

struct PlaceWeight {
  std::string_view prefix;  // district code, or four-digit city prefix in Hebei
  double weight;
};
constexpr PlaceWeight kJjjPlaceWeights[] = {
    {"110108", 8},   {"110105", 4},   {"110114", 3},   {"110115", 2.5}, {"110106", 2},
    {"110102", 1.5}, {"110113", 1.5}, {"110112", 1.5}, {"110101", 1},   {"110107", 1},
    {"110111", 1},   {"120116", 6},   {"120104", 1.5}, {"120111", 1.5}, {"120113", 1.2},
    {"120110", 1.2}, {"120114", 1.2}, {"120112", 1},   {"1301", 4},     {"1302", 3},
    {"1306", 3},     {"1304", 2},     {"1309", 2},     {"1310", 2},     {"1305", 1.5},
    {"1303", 1},     {"1307", 1},     {"1311", 1},     {"1308", 0.8},
};

// Weights are basis points of main IPC classifications. Section totals: A 8.2%, B 30.2%,
// C 7.4%, D 1.2%, E 4.5%, F 5.8%, G 25.5%, H 16.7%: close to the section shares of Chinese
// invention and utility-model publications (see tests/service/demo_patents_test.cpp).
constexpr IpcSubclass kIpc[] = {
    // A: human necessities (820)
    {"agriculture", "A01G", 140, "9/02 9/14 9/24 25/02 31/02 13/02 22/00 17/00 7/06 27/00"},
    {"agriculture", "A01K", 50, "61/10 61/60 63/04 67/033 1/00 5/02"},
    {"agriculture", "A01M", 40, "7/00 1/20 21/04 1/04"},
    {"agriculture", "A01N", 25, "43/40 25/00 47/18 63/20"},
    {"agriculture", "A01B", 15, "49/02 33/02 79/02"},
    {"agriculture", "A01C", 20, "7/20 21/00 1/02"},
    {"agriculture", "A01D", 15, "34/00 46/24 45/10"},
    {"food", "A23L", 70, "33/00 33/105 2/38 5/20 3/00 19/00 7/10"},
    {"food", "A23N", 25, "12/02 15/00 1/00 5/00"},
    {"food", "A21C", 20, "9/08 11/16 1/06"},
    {"food", "A23K", 15, "50/10 10/30"},
    {"food", "A47J", 45, "31/44 27/00 37/12 43/28 36/00"},
    {"medical", "A61B", 60, "5/00 17/34 5/0205 1/005 6/00 90/00"},
    {"medical", "A61G", 20, "7/05 7/015 5/10"},
    {"medical", "A61H", 20, "1/02 39/06 7/00"},
    {"medical", "A61M", 20, "1/00 5/14 16/00 25/09"},
    {"medical", "A61L", 25, "2/10 2/18 9/20 27/54"},
    {"medical", "A61F", 15, "13/15 5/44 7/00"},
    {"pharma", "A61K", 60, "36/9066 9/20 8/97 31/4745 36/00 47/69"},
    {"household", "A47B", 30, "61/00 96/00 97/00 88/90"},
    {"household", "A47L", 25, "11/40 15/42 11/24"},
    {"household", "A47C", 15, "7/62 1/00 4/04"},
    {"household", "A63B", 25, "21/00 69/00 23/02"},
    // B: performing operations, transporting (3020)
    {"logistics", "B65G", 225, "47/90 15/58 47/82 69/00 65/46 43/08 21/20 47/74"},
    {"logistics", "B65B", 90, "35/00 61/00 51/10 43/46 1/30"},
    {"logistics", "B65D", 85, "81/38 85/00 25/02 43/16 88/12 81/24"},
    {"logistics", "B65H", 70, "75/44 18/10 35/00 49/32 75/42"},
    {"logistics", "B66F", 60, "7/06 9/06 11/00 3/00"},
    {"logistics", "B66C", 40, "13/06 13/40 1/42 23/62"},
    {"logistics", "B67C", 20, "3/22 7/00 3/00"},
    {"machining", "B23K", 150, "37/04 37/00 26/38 9/32 31/02 37/047 26/70"},
    {"machining", "B24B", 110, "27/00 41/06 47/12 55/06 19/00 41/02"},
    {"machining", "B21D", 90, "37/10 28/34 43/00 45/00 5/00 28/14"},
    {"machining", "B23Q", 65, "3/06 11/00 3/08 7/00 17/00"},
    {"machining", "B23P", 60, "19/04 19/00 23/04 15/00"},
    {"machining", "B23D", 50, "79/00 33/02 47/04 45/00"},
    {"machining", "B26D", 60, "1/06 7/26 7/02 5/08 7/18"},
    {"machining", "B25B", 55, "11/00 27/00 11/02 5/16"},
    {"machining", "B25H", 35, "1/10 1/00 3/00"},
    {"machining", "B22F", 35, "3/105 10/28 9/24 1/00"},
    {"machining", "B22D", 30, "17/22 11/00 41/00"},
    {"machining", "B23B", 30, "31/00 47/00 41/00"},
    {"machining", "B21B", 15, "1/22 31/02 45/02"},
    {"robotics", "B25J", 95, "11/00 9/16 15/00 5/00 9/08 19/02 9/12"},
    {"vehicles", "B60L", 100, "53/31 53/16 53/80 58/12 50/60 53/30"},
    {"vehicles", "B62D", 25, "65/00 21/15 57/024"},
    {"vehicles", "B62B", 25, "3/02 5/00 3/10"},
    {"vehicles", "B60R", 15, "16/02 19/02 16/033"},
    {"vehicles", "B60K", 15, "1/04 11/02 6/26"},
    {"aerospace", "B64U", 25, "10/13 20/87 101/30 10/14"},
    {"aerospace", "B64C", 15, "39/02 27/08 27/20"},
    {"aerospace", "B63B", 30, "35/00 21/00 79/00 35/34"},
    {"aerospace", "B64D", 10, "47/08 1/18 47/00"},
    {"polymer", "B29C", 220, "45/17 45/26 64/209 48/00 45/40 48/92 45/73 64/118"},
    {"polymer", "B29B", 30, "17/04 9/06 7/82"},
    {"polymer", "B32B", 30, "27/08 27/32 33/00 27/06"},
    {"polymer", "B28B", 55, "7/00 11/24 13/02 23/02"},
    {"polymer", "B28C", 25, "5/12 7/04 5/08"},
    {"polymer", "B30B", 20, "15/00 9/30 15/32"},
    {"polymer", "B31B", 20, "50/00 70/00 50/04"},
    {"polymer", "B41F", 25, "23/04 15/08 17/00"},
    {"polymer", "B41J", 25, "2/01 29/38 3/28"},
    {"chem_eng", "B01D", 170, "46/00 53/78 29/64 50/00 53/18 36/04 5/00 53/86"},
    {"chem_eng", "B01F", 110, "27/90 35/32 33/83 27/72 35/21 29/60"},
    {"chem_eng", "B01J", 80, "19/00 23/00 20/20 35/00 19/18 21/06"},
    {"chem_eng", "B02C", 85, "4/08 18/10 21/00 23/16 13/09"},
    {"chem_eng", "B07B", 45, "1/28 1/46 1/42 4/08"},
    {"chem_eng", "B07C", 35, "5/34 5/342 5/02"},
    {"chem_eng", "B05B", 50, "13/02 16/20 14/40 1/30"},
    {"chem_eng", "B05C", 45, "11/10 13/02 5/02"},
    {"cleaning", "B08B", 160, "3/02 1/00 15/04 5/04 3/08 1/04 9/087"},
    {"cleaning", "B09B", 30, "3/00 5/00 3/40"},
    // C: chemistry, metallurgy (740)
    {"water", "C02F", 130, "9/04 1/00 3/30 1/44 1/52 11/12 9/14 3/28"},
    {"materials", "C04B", 65, "28/04 38/08 35/66 18/02 35/622"},
    {"materials", "C08L", 60, "23/12 67/02 75/04 63/00 23/06 27/06"},
    {"materials", "C08J", 20, "5/18 9/28 3/24"},
    {"materials", "C08K", 15, "3/04 13/02 5/00"},
    {"materials", "C09D", 30, "5/08 7/61 133/04 163/00 175/04"},
    {"materials", "C09K", 15, "5/14 8/035 3/10"},
    {"materials", "C09J", 10, "7/30 163/00 133/00"},
    {"materials", "C01B", 45, "32/05 33/12 25/45 32/184"},
    {"materials", "C03B", 20, "33/02 19/02 5/235"},
    {"materials", "C03C", 10, "17/36 10/00 3/091"},
    {"materials", "C23C", 20, "14/35 16/455 2/06 22/34"},
    {"materials", "C10L", 10, "5/44 1/02 3/10"},
    {"materials", "C10G", 10, "1/10 3/00 1/00"},
    {"metallurgy", "C22C", 35, "38/02 38/04 21/00 1/02 38/58"},
    {"metallurgy", "C21D", 25, "9/00 1/18 8/02 1/26"},
    {"metallurgy", "C21B", 10, "7/00 13/00 5/00"},
    {"metallurgy", "C22B", 15, "7/00 26/12 1/02"},
    {"metallurgy", "C25D", 10, "3/38 17/00 5/00"},
    {"biotech", "C12N", 65, "1/20 15/113 9/24 1/16 5/0775 15/82"},
    {"biotech", "C12M", 30, "1/00 1/107 1/36 3/00"},
    {"biotech", "C12Q", 15, "1/6888 1/686 1/04"},
    {"pharma", "C07D", 30, "401/14 487/04 213/64 471/04 403/12"},
    {"pharma", "C07C", 20, "51/41 29/80 231/12"},
    {"pharma", "C07K", 10, "14/47 16/28 1/14"},
    // D: textiles, paper (120)
    {"textiles", "D06B", 20, "3/10 1/02 15/00 23/20"},
    {"textiles", "D06F", 20, "58/20 37/26 39/08"},
    {"textiles", "D01D", 15, "5/00 5/08 1/10"},
    {"textiles", "D04B", 10, "1/22 15/48 35/00"},
    {"textiles", "D21H", 10, "27/30 17/67 21/14"},
    {"textiles", "D06M", 10, "15/564 11/83 13/50"},
    {"textiles", "D03D", 10, "15/20 49/04 15/00"},
    {"textiles", "D06C", 10, "7/02 15/00 3/00"},
    {"textiles", "D01H", 10, "1/02 13/04 5/00"},
    {"textiles", "D21F", 5, "5/00 1/00"},
    // E: fixed constructions (450)
    {"construction", "E04G", 90, "21/18 21/32 23/02 21/12 25/04 11/36"},
    {"construction", "E04H", 45, "12/22 6/44 17/16 12/00"},
    {"construction", "E04B", 30, "1/98 2/88 1/04 1/41"},
    {"construction", "E04D", 25, "13/18 13/04 11/02"},
    {"construction", "E04F", 25, "13/075 21/18 15/02"},
    {"construction", "E01D", 45, "21/00 19/00 22/00 2/04"},
    {"construction", "E02D", 35, "17/20 5/22 17/04 29/12"},
    {"construction", "E02B", 20, "3/12 11/00 5/08"},
    {"construction", "E03F", 15, "5/14 5/04 1/00"},
    {"construction", "E01C", 15, "19/48 23/06 11/22"},
    {"construction", "E03B", 10, "11/00 3/02 7/07"},
    {"construction", "E06B", 15, "9/24 3/46 5/16"},
    {"construction", "E03C", 5, "1/12 1/02"},
    {"mining", "E21B", 35, "43/26 47/00 33/13 7/20"},
    {"mining", "E21D", 25, "11/10 9/06 21/00 23/04"},
    {"mining", "E21F", 15, "17/18 5/00 1/00"},
    // F: mechanical engineering, lighting, heating (580)
    {"thermal", "F26B", 50, "9/06 21/00 11/18 25/00 23/02 25/06"},
    {"thermal", "F24F", 40, "11/89 13/20 11/64 8/108 5/00"},
    {"thermal", "F24D", 25, "3/18 19/10 11/02"},
    {"thermal", "F25D", 25, "11/00 25/00 23/06"},
    {"thermal", "F25B", 20, "39/00 41/00 30/02"},
    {"thermal", "F28D", 20, "21/00 7/16 20/02"},
    {"thermal", "F24S", 10, "20/40 10/75 40/20"},
    {"thermal", "F28F", 10, "9/007 1/10 19/00"},
    {"mech_elements", "F16M", 75, "11/04 13/02 11/42 11/18 13/00 7/00"},
    {"mech_elements", "F16L", 25, "55/00 3/00 37/00 1/024 3/10"},
    {"mech_elements", "F16K", 20, "1/32 27/00 31/06 17/36"},
    {"mech_elements", "F16H", 20, "57/02 1/16 25/20 57/04"},
    {"mech_elements", "F16B", 15, "2/06 2/00 5/02"},
    {"mech_elements", "F16F", 15, "15/04 15/067 9/32"},
    {"mech_elements", "F16C", 10, "35/04 33/66 19/06"},
    {"lighting", "F21S", 50, "9/03 8/00 2/00 9/02"},
    {"lighting", "F21V", 20, "29/70 23/00 31/00 21/15"},
    {"energy_engines", "F03D", 15, "80/00 7/04 13/20"},
    {"energy_engines", "F04D", 15, "29/70 25/08 29/42"},
    {"energy_engines", "F04B", 15, "53/00 39/00 39/12"},
    {"energy_engines", "F23G", 15, "5/44 7/06 5/02"},
    {"energy_engines", "F01D", 10, "25/00 5/14 25/24"},
    {"energy_engines", "F02M", 10, "35/024 26/00 35/10"},
    {"energy_engines", "F27B", 10, "7/20 9/30 17/00"},
    {"energy_engines", "F27D", 10, "17/00 1/00 3/00"},
    {"energy_engines", "F22B", 10, "37/00 1/18 31/08"},
    {"energy_engines", "F01N", 10, "3/021 13/08 3/20"},
    {"energy_engines", "F23J", 5, "15/02 15/06"},
    // G: physics (2550)
    {"computing", "G06F", 640,
     "16/35 16/2458 16/9535 18/214 21/60 21/62 9/50 11/36 30/20 1/18 3/0484 40/30 16/27"},
    {"computing", "G06N", 50, "3/04 3/08 3/0464 20/00 5/04"},
    {"computing", "G10L", 35, "15/22 15/26 25/51 21/0208"},
    {"computing", "G16H", 55, "40/67 50/20 10/60 20/30 50/70"},
    {"business", "G06Q", 450, "10/06 10/04 10/08 30/02 50/06 50/26 20/38 10/0631 50/02 10/10"},
    {"vision", "G06T", 85, "7/00 7/11 5/00 17/00 7/73 7/80"},
    {"vision", "G06V", 110, "10/82 20/52 40/16 10/764 20/17 10/44"},
    {"vision", "G06K", 55, "9/62 9/00 17/00 7/10"},
    {"measurement", "G01N", 260, "21/01 33/00 1/28 21/88 30/02 3/08 27/00 33/18"},
    {"measurement", "G01R", 100, "31/00 31/52 31/385 1/04 19/00 31/12"},
    {"measurement", "G01M", 75, "13/00 17/007 99/00 3/02 5/00"},
    {"measurement", "G01B", 65, "11/00 5/00 21/00 7/00 11/24"},
    {"measurement", "G01D", 40, "21/02 11/24 5/353"},
    {"measurement", "G01C", 30, "15/00 21/20 11/02 9/00"},
    {"measurement", "G01F", 20, "23/00 1/66 23/292"},
    {"measurement", "G01S", 40, "17/93 7/48 19/42 13/86"},
    {"measurement", "G01K", 10, "1/14 13/00 7/02"},
    {"control", "G05B", 110, "19/042 19/418 13/04 23/02 19/05"},
    {"control", "G05D", 50, "1/02 1/10 23/19 27/02"},
    {"control", "G08B", 50, "21/18 21/24 17/10 7/06 25/00"},
    {"control", "G08G", 55, "1/01 1/0967 1/16 5/00"},
    {"control", "G07C", 25, "9/00 1/20 3/00"},
    {"display", "G09B", 65, "9/00 19/00 5/06 23/28 25/02"},
    {"display", "G09F", 35, "9/30 7/18 19/22 13/00"},
    {"display", "G02B", 30, "6/44 7/02 27/01 1/11"},
    {"display", "G03B", 10, "21/14 17/56 15/00"},
    // H: electricity (1670)
    {"telecom", "H04L", 310, "9/40 67/12 9/32 67/10 41/0893 12/28 1/00 43/08 9/06"},
    {"telecom", "H04W", 105, "4/38 12/06 72/04 24/02 84/18 4/40"},
    {"telecom", "H04N", 105, "7/18 5/225 23/54 21/2187 5/232"},
    {"telecom", "H04B", 35, "10/25 1/40 17/309 7/185"},
    {"telecom", "H04Q", 20, "9/00 1/02"},
    {"telecom", "H01Q", 30, "1/22 1/36 1/50 21/00"},
    {"power", "H02J", 240, "3/38 7/00 13/00 3/00 7/35 3/32 7/02 3/46"},
    {"power", "H02B", 40, "1/56 1/30 1/28 3/00"},
    {"power", "H02K", 40, "5/20 7/116 9/19 1/27 15/00"},
    {"power", "H02M", 35, "1/00 3/335 7/5387 1/32"},
    {"power", "H01B", 35, "7/17 7/18 13/00 3/47"},
    {"power", "H01H", 25, "33/00 71/10 9/02"},
    {"power", "H01R", 45, "13/502 13/639 4/18 13/52"},
    {"power", "H02G", 20, "1/02 3/04 15/08"},
    {"solar", "H02S", 160, "20/30 30/10 40/10 20/10 40/42 20/32"},
    {"battery", "H01M", 165, "10/0525 10/42 10/44 10/613 4/36 4/62 50/20 8/04 4/58"},
    {"electronics", "H01L", 85, "21/67 21/02 23/367 31/18 33/48 21/677 29/78"},
    {"electronics", "H05K", 125, "5/02 7/20 3/34 5/00 7/14 13/04"},
    {"electronics", "H05B", 25, "45/00 47/10 3/34 6/64"},
    {"electronics", "H01F", 25, "27/28 41/00 27/08"},
};

constexpr FieldWeight kDesignFields[] = {
    {"household", 22},  {"logistics", 14},   {"textiles", 10}, {"lighting", 8},
    {"electronics", 8}, {"computing", 7},    {"vehicles", 5},  {"thermal", 5},
    {"medical", 4},     {"food", 4},         {"machining", 3}, {"display", 3},
    {"power", 3},       {"construction", 3}, {"telecom", 2},   {"mech_elements", 2},
    {"battery", 1},     {"agriculture", 1},  {"robotics", 1},  {"aerospace", 1},
    {"measurement", 1},
};

std::array<ProvinceInfo, std::size(kProvinceRows)> BuildProvinces() {
  double rest = 1.0, in_force = 0.0;
  for (const ProvinceRow& r : kProvinceRows) {
    rest -= r.fixed_share;
    in_force += r.in_force_2009;
  }
  std::array<ProvinceInfo, std::size(kProvinceRows)> out;
  for (size_t i = 0; i < out.size(); ++i) {
    const ProvinceRow& r = kProvinceRows[i];
    const double share = r.fixed_share > 0 ? r.fixed_share : rest * r.in_force_2009 / in_force;
    out[i] = {r.code, share, r.short_name, r.places};
  }
  return out;
}

}  // namespace

double FilingYearWeight(int year) {
  if (year < kFirstFilingYear || year > kLastFilingYear) return 0;
  return kApplicationsK[year - kFirstFilingYear];
}

std::array<double, 3> TypeShares(int year) {
  const TypeAnchor* lo = &kTypeAnchors[0];
  const TypeAnchor* hi = lo;
  for (const TypeAnchor& a : kTypeAnchors) {
    if (a.year <= year) lo = &a;
    if (a.year >= year) {
      hi = &a;
      break;
    }
    hi = &a;
  }
  const double t = hi->year == lo->year ? 0.0 : double(year - lo->year) / (hi->year - lo->year);
  auto mix = [t](double a, double b) { return (a + (b - a) * t) / 100.0; };
  std::array<double, 3> s = {mix(lo->invention, hi->invention), mix(lo->utility, hi->utility),
                             mix(lo->design, hi->design)};
  const double total = s[0] + s[1] + s[2];
  for (double& x : s) x /= total;
  return s;
}

std::span<const ProvinceInfo> Provinces() {
  static const auto provinces = BuildProvinces();
  return provinces;
}

double JjjPlaceWeight(std::string_view region_code) {
  for (const PlaceWeight& w : kJjjPlaceWeights) {
    if (region_code.starts_with(w.prefix)) return w.weight;
  }
  return region_code.starts_with("13") ? 1.0 : 0.5;
}

std::span<const IpcSubclass> IpcSubclasses() { return kIpc; }

std::span<const FieldWeight> DesignFields() { return kDesignFields; }

}  // namespace ipa::service::demo
