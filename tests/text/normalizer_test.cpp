#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <random>

#include "text/utf8.h"

namespace cronaca {
namespace {

std::string Orig(const std::string& original, const NormalizedText& n, size_t b, size_t e) {
  return original.substr(n.map[b], n.map[e] - n.map[b]);
}

TEST(Normalizer, FoldsQuotesApostrophesDashes) {
  std::string text = "«Pronta» disse l’aiutante – “sì” „ok“ — fine…";
  NormalizedText n = Normalize(text, Span{0, static_cast<Offset>(text.size())});
  EXPECT_EQ(n.text, "\"Pronta\" disse l'aiutante - \"sì\" \"ok\" - fine...");
  ASSERT_EQ(n.map.size(), n.text.size() + 1);
  // "l'aiutante" in normalised text maps back to the curly-apostrophe original.
  size_t b = n.text.find("l'aiutante");
  EXPECT_EQ(Orig(text, n, b, b + std::string("l'aiutante").size()), "l’aiutante");
  size_t q = n.text.find("\"Pronta\"");
  EXPECT_EQ(Orig(text, n, q, q + 8), "«Pronta»");
}

TEST(Normalizer, ComposesDecomposedAccents) {
  std::string text = "perche\xCC\x81 cos\xC3\xAC";  // e + U+0301, then precomposed ì
  NormalizedText n = Normalize(text, Span{0, static_cast<Offset>(text.size())});
  EXPECT_EQ(n.text, "perch\xC3\xA9 cos\xC3\xAC");
  EXPECT_EQ(Orig(text, n, 0, n.text.find(' ')), "perche\xCC\x81");
}

TEST(Normalizer, RemovesInvisiblesAndMapsSpaces) {
  std::string text = "Zelen\xC2\xADsky\xC2\xA0ha\xE2\x80\x8B detto";  // soft hyphen, NBSP, ZWSP
  NormalizedText n = Normalize(text, Span{0, static_cast<Offset>(text.size())});
  EXPECT_EQ(n.text, "Zelensky ha detto");
  EXPECT_EQ(Orig(text, n, 0, 8), "Zelen\xC2\xADsky");
}

TEST(Normalizer, RespectsSpanAndAbsoluteOffsets) {
  std::string text = "title: x\n\nCorpo “qui”";
  Span body{10, static_cast<Offset>(text.size())};
  NormalizedText n = Normalize(text, body);
  EXPECT_EQ(n.text, "Corpo \"qui\"");
  EXPECT_EQ(n.map.front(), 10u);
  EXPECT_EQ(n.map.back(), text.size());
}

// Fuzz-style property test: for any valid UTF-8 input the map is monotone,
// has one entry per byte plus one, and stays inside the span.
TEST(Normalizer, MapInvariantsHoldOnRandomText) {
  std::mt19937 rng(12345);
  const char32_t alphabet[] = {'a', 'Z', ' ', '\n', '.', 0xE8, 0x301, 0x2019, 0x201C, 0xAB, 0xAD,
                               0x200B, 0x2026, 0xA0, 0x1F600, 0x212B, 0x3000, 0x2014, 0x308};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) AppendUtf8(alphabet[rng() % std::size(alphabet)], &text);
    ASSERT_TRUE(CheckUtf8(text).valid);
    NormalizedText n = Normalize(text, Span{0, static_cast<Offset>(text.size())});
    ASSERT_EQ(n.map.size(), n.text.size() + 1);
    ASSERT_TRUE(CheckUtf8(n.text).valid) << text;
    for (size_t i = 0; i + 1 < n.map.size(); ++i) ASSERT_LE(n.map[i], n.map[i + 1]);
    ASSERT_EQ(n.map.back(), text.size());
  }
}

TEST(Paragraphs, BlankLinesAndSingleNewlines) {
  std::string text = "Primo paragrafo.\nSecondo paragrafo.\n\n  Terzo.  \n";
  std::vector<Span> p = SplitParagraphs(text);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(text.substr(p[0].begin, p[0].size()), "Primo paragrafo.");
  EXPECT_EQ(text.substr(p[2].begin, p[2].size()), "Terzo.");
}

TEST(Paragraphs, HardWrappedLinesStayTogether) {
  std::string text = "Il ministro ha detto che la riunione\nsi terrà domani a Roma.\nAltro paragrafo.";
  std::vector<Span> p = SplitParagraphs(text);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(text.substr(p[0].begin, p[0].size()), "Il ministro ha detto che la riunione\nsi terrà domani a Roma.");
}

TEST(Utf8, StrictChecks) {
  EXPECT_TRUE(CheckUtf8("plain ascii").valid);
  EXPECT_TRUE(CheckUtf8("città “ok” \xF0\x9F\x98\x80").valid);
  EXPECT_FALSE(CheckUtf8("\xC0\xAF").valid);          // overlong '/'
  EXPECT_FALSE(CheckUtf8("\xED\xA0\x80").valid);      // surrogate
  EXPECT_FALSE(CheckUtf8("\xF4\x90\x80\x80").valid);  // > U+10FFFF
  Utf8Check truncated = CheckUtf8("abc\xE2\x80");
  EXPECT_FALSE(truncated.valid);
  EXPECT_EQ(truncated.error_offset, 3u);
  EXPECT_EQ(CheckUtf8("ab\xFFz").error_offset, 2u);
}

TEST(Utf8, BinaryDetection) {
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\0\0", 6)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04\x05\x06\x07\x08 ab"));
  EXPECT_FALSE(LooksBinary("Testo normale\tcon tab\r\n"));
}

}  // namespace
}  // namespace cronaca
