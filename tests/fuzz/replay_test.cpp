// Replays the fuzz corpus (fuzz/corpus) and deterministic mutations of the
// bundled examples through the fuzz target's checks, so every `make test`
// exercises the invariants even without clang's libFuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "fuzz/analyze_fuzz.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FuzzReplay, Corpus) {
  size_t inputs = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(CRONACA_SOURCE_DIR) / "fuzz" / "corpus")) {
    std::string data = Slurp(entry.path());
    FuzzOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    ++inputs;
  }
  EXPECT_GE(inputs, 5u);
}

TEST(FuzzReplay, MutatedExamples) {
  constexpr int kMutantsPerFile = 12;
  const char* inserts[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xA6", "\xCC\x81",
                           "\xC2\xAD", "\n\n", "\"\"", "date 2025-07 ", "\xF0\x9F\x98\x80", "'", ".", ","};
  std::mt19937 rng(20251123);
  size_t accepted = 0, total = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(CRONACA_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".txt") continue;
    std::string original = Slurp(entry.path());
    for (int m = 0; m < kMutantsPerFile; ++m) {
      std::string text = original;
      int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        size_t at = text.empty() ? 0 : rng() % text.size();
        switch (rng() % 4) {
          case 0: text.insert(at, inserts[rng() % std::size(inserts)]); break;
          case 1: text.erase(at, 1 + rng() % 16); break;  // may cut a UTF-8 sequence
          case 2: text.resize(at); break;                 // truncation
          default: text[at] = static_cast<char>(rng() % 256); break;
        }
      }
      ++total;
      accepted += FuzzOneInput(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    }
  }
  EXPECT_GT(total, 100u);
  EXPECT_GT(accepted, 0u);  // some mutants are still valid articles
}

}  // namespace
}  // namespace cronaca
