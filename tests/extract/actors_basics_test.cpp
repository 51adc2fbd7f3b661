// Unit tests of the actor dictionary's building blocks: dates and codes
// (actor_codes.h), folding (fold.h) and the phrase matcher, checked against a
// slow, obvious reference (phrase_matcher.h).
#include <gtest/gtest.h>

#include <random>

#include "extract/actors/actor_codes.h"
#include "extract/actors/fold.h"
#include "extract/actors/phrase_matcher.h"

namespace cronaca::actors {
namespace {

// --- dates and codes ------------------------------------------------------------------

TEST(ActorsCodes, DaysAreCivilDays) {
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DayFromCivil(1970, 1, 2), 1);
  EXPECT_EQ(DayFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DayFromCivil(2000, 3, 1) - DayFromCivil(2000, 2, 28), 2);  // 2000 is a leap year
  EXPECT_EQ(DayFromCivil(1900, 3, 1) - DayFromCivil(1900, 2, 28), 1);  // 1900 is not
}

TEST(ActorsCodes, RangesAreHalfOpen) {
  auto first = ParseDayRange("2017-01-20..2021-01-20");
  auto second = ParseDayRange("2021-01-20..");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(first->Contains(DayFromCivil(2017, 1, 20)));
  EXPECT_TRUE(first->Contains(DayFromCivil(2021, 1, 19)));
  EXPECT_FALSE(first->Contains(DayFromCivil(2021, 1, 20)));
  EXPECT_TRUE(second->Contains(DayFromCivil(2021, 1, 20)));
  EXPECT_FALSE(first->Overlaps(*second));
  EXPECT_TRUE(second->open_ended());
  EXPECT_TRUE(second->Contains(kUndatedDay));
  EXPECT_FALSE(first->Contains(kUndatedDay));
}

TEST(ActorsCodes, PartialDatesCoverTheirPeriod) {
  auto range = ParseDayRange("2022-02..2025-08");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->from, DayFromCivil(2022, 2, 1));
  EXPECT_EQ(range->to, DayFromCivil(2025, 9, 1));  // August included
  auto years = ParseDayRange("..2022");
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->from, kMinDay);
  EXPECT_EQ(years->to, DayFromCivil(2023, 1, 1));
}

TEST(ActorsCodes, BadRangesAreRejected) {
  for (const char* bad : {"2020-01-01", "..", "2020-13-01..", "2020-02-30..", "2021..2020", "2020-01-01..2020-01-01",
                          "20-01-01..", "2020/01/01..", "2020-01-01T10:00.."}) {
    EXPECT_FALSE(ParseDayRange(bad).ok()) << bad;
  }
}

TEST(ActorsCodes, ReferenceDayOfPartialDates) {
  EXPECT_EQ(ReferenceDay(PartialDate(2025, 7, 3)), DayFromCivil(2025, 7, 3));
  EXPECT_EQ(ReferenceDay(PartialDate(2025, 7)), DayFromCivil(2025, 7, 15));
  EXPECT_EQ(ReferenceDay(PartialDate(2025)), DayFromCivil(2025, 7, 1));
  EXPECT_EQ(ReferenceDay(Metadata()), kUndatedDay);
}

TEST(ActorsCodes, CodesSuffixesRoles) {
  EXPECT_EQ(SplitActorCode("RUSGOV").prefix, "RUS");
  EXPECT_EQ(SplitActorCode("RUSGOV").suffix, "GOV");
  EXPECT_EQ(SplitActorCode("RUS").suffix, "");
  EXPECT_TRUE(IsKnownSuffix("MIL"));
  EXPECT_FALSE(IsKnownSuffix("GOB"));
  EXPECT_TRUE(IsNonStatePrefix("IGO"));
  EXPECT_FALSE(IsNonStatePrefix("RUS"));
  EXPECT_EQ(ParseRoleId("foreign_minister", false), RoleId::kForeignMinister);
  EXPECT_EQ(ParseRoleId("leader", false), std::nullopt);  // only agents.txt may say "leader"
  EXPECT_EQ(ParseRoleId("leader", true), RoleId::kLeader);
  EXPECT_EQ(ParseRoleId("foreign minister", true), std::nullopt);
  for (int r = 0; r < static_cast<int>(RoleId::kCount); ++r) {
    EXPECT_EQ(ParseRoleId(RoleIdName(static_cast<RoleId>(r)), true), static_cast<RoleId>(r));
  }
  EXPECT_TRUE(IsKnownAgentId("protesters"));
  EXPECT_FALSE(IsKnownAgentId("president"));
}

// --- folding -------------------------------------------------------------------------------

TEST(ActorsFold, CaseAccentsAndScripts) {
  const std::pair<const char*, const char*> kCases[] = {
      {"Élysée", "elysee"},
      {"Erdoğan", "erdogan"},
      {"ERDOĞAN", "erdogan"},
      {"Łukaszenka", "lukaszenka"},
      {"Straße", "strasse"},
      {"Путин", "putin"},
      {"Зеленський", "zelenskij"},
      {"Stati Uniti d'America", "stati uniti d america"},
      {"U.S.", "u s"},
      {"Guinea-Bissau", "guinea bissau"},
      {"M23  G7", "m23 g7"},
      {"Šutaj Eštok", "sutaj estok"},
      {"Nguyễn Phú Trọng", "nguyen phu trong"},
      {"", ""},
      {" ,;. ", ""},
  };
  for (const auto& [in, want] : kCases) EXPECT_EQ(FoldForDisplay(in), want) << in;
}

TEST(ActorsFold, ChunksKnowTheirBytesAndCase) {
  std::string folded;
  std::vector<FoldedChunk> chunks;
  const std::string text = "l'Élysée NATO";
  FoldChunks(text, &folded, &chunks);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(text.substr(chunks[1].begin, chunks[1].end - chunks[1].begin), "Élysée");
  EXPECT_EQ(ChunkText(folded, chunks[1]), "elysee");
  EXPECT_EQ(chunks[1].hash, FoldHash("elysee"));
  EXPECT_EQ(chunks[1].letters, 6);
  EXPECT_EQ(chunks[1].upper, 1);
  EXPECT_EQ(chunks[2].upper, chunks[2].letters);
  EXPECT_EQ(chunks[0].upper, 0);
}

TEST(ActorsFold, InvalidBytesNeverCrash) {
  std::mt19937 rng(7);
  std::string folded;
  std::vector<FoldedChunk> chunks;
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    folded.clear();
    chunks.clear();
    FoldChunks(bytes, &folded, &chunks);
    for (const FoldedChunk& c : chunks) {
      ASSERT_LT(c.begin, c.end);
      ASSERT_LE(c.end, bytes.size());
      ASSERT_LE(c.folded_end, folded.size());
    }
  }
}

// --- the phrase matcher against a reference ----------------------------------------------

// The reference: try every phrase at the position, keep the longest accepted.
PhraseMatch ReferenceMatch(const std::vector<std::vector<uint32_t>>& phrases, const uint32_t* ids, size_t n,
                           const std::function<bool(uint32_t, uint32_t)>& accept) {
  PhraseMatch best;
  for (uint32_t p = 0; p < phrases.size(); ++p) {
    const auto& ph = phrases[p];
    if (ph.size() > n || ph.size() <= best.length) continue;
    if (!std::equal(ph.begin(), ph.end(), ids)) continue;
    if (accept(p, static_cast<uint32_t>(ph.size()))) best = PhraseMatch{p, static_cast<uint32_t>(ph.size())};
  }
  return best;
}

TEST(ActorsMatcher, FindsTheLongestAcceptedPhrase) {
  PhraseMatcher::Builder builder;
  const uint32_t stati = builder.AddPhrase("Stati");
  const uint32_t stati_uniti = builder.AddPhrase("Stati Uniti");
  const uint32_t full = builder.AddPhrase("Stati Uniti d'America");
  EXPECT_EQ(builder.AddPhrase("stati  UNITI"), stati_uniti);  // same folded form
  EXPECT_EQ(builder.AddPhrase(" - "), kNoPhrase);
  builder.AddWord("del");
  PhraseMatcher m = std::move(builder).Build();
  EXPECT_EQ(m.phrase_count(), 3u);
  auto id = [&](const char* w) { return m.ChunkId(w, FoldHash(w)); };
  EXPECT_NE(id("del"), kNoChunk);
  EXPECT_EQ(id("roma"), kNoChunk);
  const uint32_t text[] = {id("stati"), id("uniti"), id("d"), id("america"), id("del")};
  auto all = [](uint32_t, uint32_t) { return true; };
  EXPECT_EQ(m.LongestMatch(text, 5, all).phrase, full);
  EXPECT_EQ(m.LongestMatch(text, 3, all).phrase, stati_uniti);  // the text ends early
  auto no_full = [&](uint32_t phrase, uint32_t) { return phrase != full; };
  EXPECT_EQ(m.LongestMatch(text, 5, no_full).phrase, stati_uniti);
  auto none = [](uint32_t, uint32_t) { return false; };
  EXPECT_EQ(m.LongestMatch(text, 5, none).length, 0u);
  EXPECT_EQ(m.LongestMatch(text + 1, 4, all).length, 0u);
  (void)stati;
}

TEST(ActorsMatcher, AgreesWithTheReference) {
  std::mt19937 rng(42);
  const char* kWords[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (int round = 0; round < 50; ++round) {
    PhraseMatcher::Builder builder;
    std::vector<std::string> texts;
    const int count = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < count; ++i) {
      std::string t;
      const int len = 1 + static_cast<int>(rng() % 4);
      for (int w = 0; w < len; ++w) t += std::string(w ? " " : "") + kWords[rng() % 7];
      texts.push_back(t);
    }
    std::vector<uint32_t> ids_of;
    for (const std::string& t : texts) ids_of.push_back(builder.AddPhrase(t));
    PhraseMatcher m = std::move(builder).Build();
    // Phrases as chunk-id sequences, by phrase id.
    std::vector<std::vector<uint32_t>> phrases(m.phrase_count());
    for (size_t i = 0; i < texts.size(); ++i) {
      std::vector<uint32_t> seq;
      for (char c : texts[i]) {
        if (c != ' ') seq.push_back(m.ChunkId(std::string(1, c), FoldHash(std::string(1, c))));
      }
      phrases[ids_of[i]] = seq;
    }
    std::vector<uint32_t> doc(64);
    for (uint32_t& x : doc) {
      const std::string w = kWords[rng() % 7];
      x = rng() % 8 == 0 ? kNoChunk : m.ChunkId(w, FoldHash(w));
    }
    const uint32_t banned = static_cast<uint32_t>(rng() % m.phrase_count());
    std::function<bool(uint32_t, uint32_t)> accept = [&](uint32_t p, uint32_t) { return p != banned; };
    for (size_t pos = 0; pos < doc.size(); ++pos) {
      PhraseMatch fast = m.LongestMatch(doc.data() + pos, doc.size() - pos, accept);
      PhraseMatch slow = ReferenceMatch(phrases, doc.data() + pos, doc.size() - pos, accept);
      ASSERT_EQ(fast.length, slow.length) << "round " << round << " pos " << pos;
      ASSERT_EQ(fast.phrase, slow.phrase);
    }
  }
}

}  // namespace
}  // namespace cronaca::actors
