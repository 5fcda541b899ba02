// The tokenizer over generated patent-like text (target: ≥ 50 MB/s of Chinese text on one
// core, index mode). Commands and recorded numbers: bench/README.md.
//   ninja -C build/release tokenizer_bench && ./build/release/bench/tokenizer_bench
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "index/tokenizer.hpp"

namespace ipa::index {
namespace {

// Words of Chinese patent abstracts, some with Latin and digits, and their punctuation.
const std::vector<std::string> kChineseWords = {
    "本发明", "公开",   "了",   "一种", "锂离子",     "电池",   "正极",   "材料", "及其",
    "制备",   "方法",   "所述", "包括", "以下",       "步骤",   "将",     "混合", "得到",
    "前驱体", "在",     "温度", "下",   "烧结",       "该",     "具有",   "较高", "的",
    "能量",   "密度",   "和",   "循环", "稳定性",     "隔膜",   "电解液", "负极", "石墨烯",
    "复合",   "涂层",   "基站", "天线", "信号",       "处理",   "装置",   "系统", "控制",
    "模块",   "传感器", "检测", "用于", "其特征在于", "实施例", "技术",   "领域", "提高",
    "效率",   "降低",   "成本"};
const std::vector<std::string> kPunctuation = {"，", "。", "；", "、", "："};
const std::vector<std::string> kLatinWords = {"LiFePO4", "5G",   "H01M",    "SiO2",
                                              "3.7V",    "PVDF", "NCM811",  "CPU",
                                              "LTE",     "the",  "battery", "cathode"};

// About `bytes` bytes of text; `latin_share` of the words are Latin or digits.
std::string GenerateText(size_t bytes, double latin_share) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> roll(0, 1);
  std::string text;
  while (text.size() < bytes) {
    if (roll(rng) < latin_share) {
      text += " " + kLatinWords[rng() % kLatinWords.size()] + " ";
    } else {
      text += kChineseWords[rng() % kChineseWords.size()];
    }
    if (roll(rng) < 0.12) text += kPunctuation[rng() % kPunctuation.size()];
  }
  return text;
}

void RunTokenizer(benchmark::State& state, const std::string& text, TokenizeMode mode) {
  Tokenizer tokenizer;
  size_t tokens = 0;
  size_t term_bytes = 0;
  for (auto _ : state) {
    tokenizer.Tokenize(text, mode, [&](const Token& t) {
      ++tokens;
      term_bytes += t.term.size();
    });
    benchmark::DoNotOptimize(term_bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void BM_TokenizeChinese_Index(benchmark::State& state) {
  static const std::string text = GenerateText(4 << 20, 0.0);
  RunTokenizer(state, text, TokenizeMode::kIndex);
}
BENCHMARK(BM_TokenizeChinese_Index)->Unit(benchmark::kMillisecond);

void BM_TokenizeChinese_Query(benchmark::State& state) {
  static const std::string text = GenerateText(4 << 20, 0.0);
  RunTokenizer(state, text, TokenizeMode::kQuery);
}
BENCHMARK(BM_TokenizeChinese_Query)->Unit(benchmark::kMillisecond);

void BM_TokenizeMixed_Index(benchmark::State& state) {
  static const std::string text = GenerateText(4 << 20, 0.15);
  RunTokenizer(state, text, TokenizeMode::kIndex);
}
BENCHMARK(BM_TokenizeMixed_Index)->Unit(benchmark::kMillisecond);

void BM_TokenizeEnglish_Index(benchmark::State& state) {
  static const std::string text = GenerateText(4 << 20, 1.0);
  RunTokenizer(state, text, TokenizeMode::kIndex);
}
BENCHMARK(BM_TokenizeEnglish_Index)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ipa::index

BENCHMARK_MAIN();
