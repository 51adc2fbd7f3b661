// The actor dictionary loader: every kind of error names file and line;
// dated codes and office holders answer by date (extract/actors/dictionary.h).
#include <gtest/gtest.h>

#include "extract/actors/actors.h"
#include "extract/actors/dictionary.h"

namespace cronaca::actors {
namespace {

const std::string kCountries =
    "# test\n"
    "iso3\tiso2\tstatus\tnames_en\tnames_it\tadj_en\tadj_it\tdemonyms_en\tdemonyms_it\tcapital_en\tcapital_it\tseats_en\tseats_it\n"
    "RUS\tRU\tun\tRussia\tRussia\tRussian\trusso | russa\tRussians\trussi\tMoscow\tMosca\tKremlin\tCremlino\n"
    "USA\tUS\tun\tUnited States | US\tStati Uniti\tAmerican\tamericano\tAmericans\tamericani\tWashington\tWashington\tWhite House\tCasa Bianca\n"
    "TUR\tTR\tun\tTurkey\tTurchia\tTurkish\tturco\tTurks\tturchi\tAnkara\tAnkara\t\t\n";

const std::string kPeople =
    "[trump_donald]\n"
    "type = person\n"
    "name = Donald Trump\n"
    "surname = Trump\n"
    "code = USAGOV 2017-01-20..2021-01-20\n"
    "code = USAGOV 2025-01-20..\n"
    "code = USA\n"
    "role = president USA 2017-01-20..2021-01-20 | president USA 2025-01-20..\n"
    "\n"
    "[biden_joe]\n"
    "type = person\n"
    "name = Joe Biden\n"
    "code = USAGOV 2021-01-20..2025-01-20\n"
    "code = USA\n"
    "role = president USA 2021-01-20..2025-01-20\n"
    "\n"
    "[nato]\n"
    "type = organisation\n"
    "name = NATO\n"
    "code = NATO\n"
    "\n"
    "[osce]\n"
    "type = organisation\n"
    "name = OSCE\n"
    "code = OSCE\n";

const std::string kAgents =
    "@link = of\n"
    "president = president GOV\n"
    "troops | soldiers = army MIL\n";

DictionarySources Sources(const std::string& countries, const std::string& people, const std::string& agents = kAgents,
                          const std::string& leaders = "") {
  DictionarySources s;
  s.countries.emplace_back("countries.tsv", countries);
  s.entities.emplace_back("people.txt", people);
  s.agents.emplace_back("en", "en/agents.txt", agents);
  if (!leaders.empty()) s.leaders.emplace_back("leaders.tsv", leaders);
  return s;
}

TEST(ActorsDictionary, LoadsAValidDictionary) {
  auto dict = ActorDictionary::FromSources(Sources(kCountries, kPeople));
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  const ActorDictionary& d = **dict;
  EXPECT_EQ(d.countries().size(), 3u);
  EXPECT_EQ(d.entities().size(), 4u);
  EXPECT_EQ(d.agents().size(), 2u);
  EXPECT_EQ(d.country(d.FindCountry("USA")).name, "United States");
  EXPECT_TRUE(d.IsOrganisationCode("NATO"));
  EXPECT_TRUE(d.IsOrganisationCode("OSCE"));  // declared by an organisation entry
  EXPECT_TRUE(d.IsOrganisationCode("IAEA"));  // built in (FORMAT.md)
  EXPECT_FALSE(d.IsOrganisationCode("RUS"));
  EXPECT_EQ(d.stats().countries, 3u);
  EXPECT_GT(d.stats().phrases, 20u);
  EXPECT_NE(d.Rules("en"), nullptr);
  EXPECT_EQ(d.Rules("de"), nullptr);
  EXPECT_EQ(d.LanguageMask("de"), kAllLanguages);
  EXPECT_NE(d.LanguageMask("en"), kAllLanguages);
}

TEST(ActorsDictionary, CodesAndHoldersByDate) {
  auto dict = ActorDictionary::FromSources(Sources(kCountries, kPeople));
  ASSERT_TRUE(dict.ok());
  const ActorDictionary& d = **dict;
  const Entity& trump = d.entity(d.FindEntity("trump_donald"));
  EXPECT_EQ(trump.CodeOn(DayFromCivil(2019, 6, 1)), "USAGOV");
  EXPECT_EQ(trump.CodeOn(DayFromCivil(2023, 6, 1)), "USA");
  EXPECT_EQ(trump.CodeOn(DayFromCivil(2025, 7, 3)), "USAGOV");
  EXPECT_EQ(trump.CodeOn(kUndatedDay), "USAGOV");
  EXPECT_TRUE(trump.ActiveOn(DayFromCivil(2025, 7, 3)));
  EXPECT_FALSE(trump.ActiveOn(DayFromCivil(2023, 6, 1)));
  std::vector<uint32_t> holders;
  d.Holders(RoleId::kPresident, "USA", DayFromCivil(2023, 6, 1), &holders);
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(d.entity(holders[0]).id, "biden_joe");
  holders.clear();
  d.Holders(RoleId::kPresident, "USA", DayFromCivil(2021, 1, 20), &holders);  // hand-over day: the successor
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(d.entity(holders[0]).id, "biden_joe");
  holders.clear();
  d.Holders(RoleId::kLeader, "USA", DayFromCivil(2025, 7, 3), &holders);
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(d.entity(holders[0]).id, "trump_donald");
  holders.clear();
  d.Holders(RoleId::kPresident, "TUR", DayFromCivil(2025, 7, 3), &holders);
  EXPECT_TRUE(holders.empty());
}

TEST(ActorsDictionary, PhrasesHaveTheirReadings) {
  auto dict = ActorDictionary::FromSources(Sources(kCountries, kPeople));
  ASSERT_TRUE(dict.ok());
  const ActorDictionary& d = **dict;
  auto readings = [&](const char* text) {
    std::string folded = FoldForDisplay(text);
    std::vector<std::string> out;
    // Find the phrase by walking the matcher over the folded words.
    std::vector<uint32_t> ids;
    size_t pos = 0;
    while (pos <= folded.size()) {
      size_t sp = folded.find(' ', pos);
      if (sp == std::string::npos) sp = folded.size();
      std::string w = folded.substr(pos, sp - pos);
      ids.push_back(d.matcher().ChunkId(w, FoldHash(w)));
      pos = sp + 1;
    }
    PhraseMatch m = d.matcher().LongestMatch(ids.data(), ids.size(), [](uint32_t, uint32_t) { return true; });
    if (m.length != ids.size()) return out;
    for (const Surface& s : d.SurfacesOf(m.phrase)) out.push_back(SurfaceKindName(s.kind) + std::string(":") + s.rule);
    return out;
  };
  EXPECT_EQ(readings("Casa Bianca"), (std::vector<std::string>{"seat:USA/seats_it:Casa Bianca"}));
  EXPECT_EQ(readings("troops"), (std::vector<std::string>{"agent:agents.en/troops"}));
  EXPECT_EQ(readings("US"), (std::vector<std::string>{"country:USA/names_en:US"}));
  // "Russia" is a name in both columns: one reading for both languages.
  EXPECT_EQ(readings("Russia").size(), 1u);
  EXPECT_TRUE(readings("Paris").empty());
}

// Each bad input gives an error naming the file and line.
TEST(ActorsDictionary, ErrorsNameFileAndLine) {
  struct Bad {
    const char* what;
    DictionarySources sources;
    const char* expected;  // substring of one error
  };
  const std::string person = "[x_y]\ntype = person\nname = X Y\n";
  const Bad kBad[] = {
      {"duplicate id", Sources(kCountries, kPeople + "\n[nato]\ntype = organisation\nname = N\ncode = NATO\n"),
       "people.txt:27: duplicate id 'nato' (first at people.txt:17)"},
      {"bad date", Sources(kCountries, person + "code = USA 2020-02-30..\n"), "people.txt:4: bad date '2020-02-30'"},
      {"reversed range", Sources(kCountries, person + "code = USA 2021..2020\n"), "people.txt:4: date range '2021..2020' ends before"},
      {"overlapping codes", Sources(kCountries, person + "code = USAGOV 2020..2022\ncode = USA 2021-06..\n"),
       "people.txt:5: code range overlaps the one at line 4"},
      {"two undated codes", Sources(kCountries, person + "code = USA\ncode = RUS\n"),
       "people.txt:5: second code without a date range"},
      {"unknown role", Sources(kCountries, person + "code = USA\nrole = presidente USA 2020..\n"),
       "people.txt:5: unknown role id 'presidente'"},
      {"unknown suffix", Sources(kCountries, person + "code = USAGOB\n"), "people.txt:4: unknown code suffix 'GOB'"},
      {"unknown country in code", Sources(kCountries, person + "code = XYZGOV\n"), "people.txt:4: unknown code 'XYZGOV'"},
      {"unknown country in role", Sources(kCountries, person + "code = USA\nrole = president FRA 2020..\n"),
       "people.txt:5: unknown place 'FRA' in role"},
      {"overlapping roles", Sources(kCountries, person + "code = USA\nrole = president USA 2020..2024 | president USA 2023..\n"),
       "people.txt:5: role president USA overlaps"},
      {"missing name", Sources(kCountries, "[x_y]\ntype = person\ncode = USA\n"), "people.txt:1: [x_y] has no 'name'"},
      {"missing code", Sources(kCountries, person), "people.txt:1: [x_y] has no 'code'"},
      {"unknown key", Sources(kCountries, person + "code = USA\nnickname = Z\n"), "people.txt:5: unknown key 'nickname'"},
      {"bad id", Sources(kCountries, "[Bad-Id]\n"), "people.txt:1: id 'Bad-Id'"},
      {"outside block", Sources(kCountries, "name = X\n"), "people.txt:1: 'name = X' outside an [id] block"},
      {"no letters", Sources(kCountries, person + "code = USA\nvariants = ...\n"), "people.txt:5: '...' has no letters"},
      {"empty value", Sources(kCountries, person + "code = USA\nvariants = A || B\n"), "people.txt:5: empty value between '|'"},
      {"wrong column count", Sources(kCountries + "FRA\tFR\tun\n", kPeople), "countries.tsv:6: expected 13 tab-separated columns"},
      {"duplicate country", Sources(kCountries + "RUS\tRX\tun\tRussia again\n", kPeople), "countries.tsv:6: duplicate country RUS"},
      {"bad status", Sources(kCountries + "FRA\tFR\tmember\tFrance\n", kPeople), "countries.tsv:6: status 'member'"},
      {"surface in two countries", Sources(kCountries + "FRA\tFR\tun\tFrance | Turkey\n", kPeople),
       "countries.tsv:6: 'Turkey' is already a surface of TUR (countries.tsv:5)"},
      {"unknown agent id", Sources(kCountries, kPeople, "ministro = ministre GOV\n"), "en/agents.txt:1: unknown role or agent id 'ministre'"},
      {"unknown agent suffix", Sources(kCountries, kPeople, "troops = army MLT\n"), "en/agents.txt:1: unknown code suffix 'MLT'"},
      {"duplicate agent surface", Sources(kCountries, kPeople, "troops = army MIL\nTroops = army MIL\n"),
       "en/agents.txt:2: surface 'Troops' already defined at line 1"},
      {"unknown directive", Sources(kCountries, kPeople, "@links = of\n"), "en/agents.txt:1: unknown directive '@links'"},
      {"leader of unknown country", Sources(kCountries, kPeople, kAgents, "FRA\tprime_minister\n"),
       "leaders.tsv:1: unknown country 'FRA'"},
      {"leader office", Sources(kCountries, kPeople, kAgents, "TUR\tforeign_minister\n"), "leaders.tsv:1: 'foreign_minister' must be"},
  };
  for (const Bad& bad : kBad) {
    Diagnostics diag;
    ActorDictionary::FromSourcesAll(bad.sources, &diag);
    bool found = false;
    std::string all;
    for (const std::string& e : diag.errors()) {
      all += "\n  " + e;
      found |= e.find(bad.expected) != std::string::npos;
    }
    EXPECT_TRUE(found) << bad.what << ": wanted '" << bad.expected << "', got:" << all;
    EXPECT_FALSE(ActorDictionary::FromSources(bad.sources).ok()) << bad.what;
  }
}

TEST(ActorsDictionary, EveryErrorIsReportedNotJustTheFirst) {
  Diagnostics diag;
  const std::string people = "[a]\ntype = person\nname = A\ncode = XXXGOV\n[b]\ntype = robot\nname = B\ncode = USA\n";
  ActorDictionary::FromSourcesAll(Sources(kCountries, people), &diag);
  EXPECT_EQ(diag.errors().size(), 2u);
  Status status = diag.ToStatus();
  EXPECT_EQ(status.code(), StatusCode::kResourceError);
  EXPECT_NE(status.message().find("2 error(s)"), std::string::npos);
}

TEST(ActorsDictionary, CheckReportsAFolder) {
  const std::filesystem::path fixture = std::filesystem::path(CRONACA_TEST_DATA_DIR) / "extract" / "data" / "actors";
  DictionaryCheck ok = CheckActorDictionaries(fixture);
  EXPECT_TRUE(ok.ok()) << (ok.errors.empty() ? "" : ok.errors[0]);
  EXPECT_EQ(ok.stats.files, 6u);
  EXPECT_GT(ok.stats.entities, 10u);
  DictionaryCheck missing = CheckActorDictionaries(fixture / "no-such-folder");
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace cronaca::actors
