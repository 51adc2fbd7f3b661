// StoryLinker: documents grouped into stories (link/story_linker.h), the
// stories tables of the store (schema version 2) and the migration from 1.
// Every article here is written for this test.
#include "link/story_linker.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "engine/analyzer.h"
#include "ingest/reader.h"
#include "store/store.h"
#include "tests/store/temp_database.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

LinkDocument Doc(const std::string& key, const std::string& date, std::vector<std::string> terms) {
  LinkDocument doc;
  doc.key = key;
  if (!date.empty()) doc.date = PartialDate::Parse(date);
  doc.terms = std::move(terms);
  std::sort(doc.terms.begin(), doc.terms.end());
  return doc;
}

// Two summits of the same leaders a month apart, and a flood elsewhere.
const std::vector<std::string> kSummitJuly = {"e:leader_a", "e:leader_b", "e:envoy", "p:geonames:1", "l:summit",
                                              "l:meet", "l:talks", "l:ceasefire", "n:3"};
const std::vector<std::string> kSummitJulyOther = {"e:leader_a", "e:leader_b", "e:envoy", "p:geonames:1", "l:summit",
                                                   "l:hour", "l:ceasefire", "l:talks", "l:press"};
const std::vector<std::string> kTrade = {"e:leader_a", "e:leader_b", "e:trade_minister", "e:wto",
                                               "l:tariff", "l:trade", "l:export", "l:deal", "n:15"};
const std::vector<std::string> kFlood = {"p:geonames:2", "l:flood", "l:river", "l:rain", "l:evacuate"};

TEST(StoryLinkerTest, SameHappeningJoinsOneStory) {
  StoryLinker linker;
  std::string first = linker.Link(Doc("k1", "2025-07-03", kSummitJuly));
  std::string second = linker.Link(Doc("k2", "2025-07-04", kSummitJulyOther));
  std::string flood = linker.Link(Doc("k3", "2025-07-04", kFlood));
  EXPECT_EQ(first, second);
  EXPECT_NE(first, flood);
  EXPECT_EQ(linker.active_stories(), 2u);
}

TEST(StoryLinkerTest, SameActorsAMonthApartAreTwoStories) {
  StoryLinker linker;
  std::string july = linker.Link(Doc("k1", "2025-07-03", kSummitJuly));
  // The same summit text, but five weeks later: outside the window.
  std::string august = linker.Link(Doc("k2", "2025-08-08", kSummitJulyOther));
  EXPECT_NE(july, august);
}

TEST(StoryLinkerTest, SameActorsDifferentEventInTheWindowAreTwoStories) {
  StoryLinker linker;
  // The two leaders again, two days later, but about trade: no shared lemma.
  std::string summit = linker.Link(Doc("k1", "2025-07-03", kSummitJuly));
  std::string trade = linker.Link(Doc("k2", "2025-07-05", kTrade));
  EXPECT_NE(summit, trade);
}

TEST(StoryLinkerTest, SharedActorsAloneDoNotMakeAStory) {
  StoryLinker linker;
  std::string summit = linker.Link(Doc("k1", "2025-07-03", kSummitJuly));
  // Every actor and place of the summit, the same day, not one word in common.
  std::string other = linker.Link(
      Doc("k2", "2025-07-03", {"e:leader_a", "e:leader_b", "e:envoy", "p:geonames:1", "l:tariff", "l:export"}));
  EXPECT_NE(summit, other);
  EXPECT_FALSE(linker.Score(Doc("k3", "2025-07-03", kSummitJuly), "no-such-story").has_value());
  EXPECT_GT(*linker.Score(Doc("k3", "2025-07-03", kSummitJuly), summit), 0.9);
}

TEST(StoryLinkerTest, MonthOnlyDateOverlapsTheWholeMonth) {
  StoryLinker linker;
  std::string dated = linker.Link(Doc("k1", "2025-07-28", kSummitJuly));
  std::string month = linker.Link(Doc("k2", "2025-07", kSummitJulyOther));
  EXPECT_EQ(dated, month);
  auto [lo, hi] = DateInterval(*PartialDate::Parse("2025-07"));
  EXPECT_EQ(hi - lo, 30);
}

TEST(StoryLinkerTest, BatchLinksInDateOrderAndIsDeterministic) {
  std::vector<LinkDocument> batch = {Doc("k2", "2025-07-04", kSummitJulyOther), Doc("k3", "", kFlood),
                                     Doc("k1", "2025-07-03", kSummitJuly)};
  StoryLinker a, b;
  std::vector<std::string> ids = a.LinkBatch(batch);
  EXPECT_EQ(ids, b.LinkBatch(batch));
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], ids[2]);
  // The story is named after its first document by date (k1), not by input order.
  EXPECT_EQ(ids[0], "s-2025-07-03-k1");
  EXPECT_NE(ids[1], ids[0]);
}

TEST(StoryLinkerTest, RestoredIndexKeepsDocumentsWhereTheyWere) {
  StoryLinker first_run;
  std::string summit = first_run.Link(Doc("k1", "2025-07-03", kSummitJuly));
  first_run.Link(Doc("k2", "2025-07-04", kSummitJulyOther));
  std::vector<StoryRecord> saved = first_run.TakeChanged();
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].n_documents, 2u);
  EXPECT_TRUE(first_run.TakeChanged().empty());

  StoryLinker second_run;
  second_run.Restore(saved);
  EXPECT_EQ(second_run.Link(Doc("k2", "2025-07-04", kSummitJulyOther)), summit);
  EXPECT_TRUE(second_run.TakeChanged().empty()) << "re-linking a filed document must change nothing";
  // A new report of the summit joins the restored story.
  EXPECT_EQ(second_run.Link(Doc("k4", "2025-07-05", kSummitJuly)), summit);
}

TEST(StoryLinkerTest, OldStoriesLeaveTheIndex) {
  StoryLinker linker;
  linker.Link(Doc("k1", "2025-01-03", kFlood));
  linker.TakeChanged();
  linker.Link(Doc("k2", "2025-07-03", kSummitJuly));
  EXPECT_EQ(linker.active_stories(), 1u);
}

// --- through the analyser: one happening reported in Italian and English --

Document Analyze(Analyzer& analyzer, const std::string& id, const std::string& text) {
  auto doc = MakeDocument(id, text, id);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  Status s = analyzer.Analyze(*doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::move(*doc);
}

TEST(StoryLinkerTest, ItalianAndEnglishReportsOfOneHappeningAreOneStory) {
  auto analyzer = Analyzer::Create(AnalyzerOptions{});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Document it = Analyze(**analyzer, "it-nato",
                        "title: Vertice della NATO all'Aia\ndate: 2025-06-25\n\n"
                        "I leader della NATO si sono riuniti all'Aia per un vertice di due giorni. "
                        "Il segretario generale Mark Rutte ha chiesto di portare la spesa per la difesa al 5 per cento. "
                        "Donald Trump ha partecipato alla riunione con gli alleati europei.");
  Document en = Analyze(**analyzer, "en-nato",
                        "title: NATO leaders meet in The Hague\ndate: 2025-06-24\n\n"
                        "NATO leaders gathered in The Hague for a two-day summit. "
                        "Secretary General Mark Rutte asked allies to raise defence spending to 5 percent. "
                        "Donald Trump attended the meeting with the European allies.");
  Document other = Analyze(**analyzer, "it-alluvione",
                           "title: Alluvione in Emilia-Romagna\ndate: 2025-06-25\n\n"
                           "Le piogge hanno fatto esondare il fiume Reno vicino a Bologna. "
                           "Centinaia di famiglie sono state evacuate durante la notte.");
  auto it_bridge = LemmaBridge::Load("it");
  auto en_bridge = LemmaBridge::Load("en");
  ASSERT_TRUE(it_bridge.ok()) << it_bridge.status().ToString();
  ASSERT_TRUE(en_bridge.ok()) << en_bridge.status().ToString();
  LinkDocument it_doc = LinkFeatures(it, (*analyzer)->strings(), it_bridge->get());
  LinkDocument en_doc = LinkFeatures(en, (*analyzer)->strings(), en_bridge->get());
  // "segretario" and "secretary" meet in the pivot language (Catalan).
  EXPECT_TRUE(std::binary_search(it_doc.terms.begin(), it_doc.terms.end(), std::string("x:secretari")));
  EXPECT_TRUE(std::binary_search(en_doc.terms.begin(), en_doc.terms.end(), std::string("x:secretari")));
  StoryLinker linker;
  std::vector<LinkDocument> batch = {it_doc, en_doc, LinkFeatures(other, (*analyzer)->strings(), it_bridge->get())};
  std::vector<std::string> ids = linker.LinkBatch(batch);
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_NE(ids[0], ids[2]);
}

TEST(StoryLinkerTest, BridgeMapsItalianAndEnglishLemmasToOnePivot) {
  auto it_bridge = LemmaBridge::Load("it");
  auto en_bridge = LemmaBridge::Load("en");
  ASSERT_TRUE(it_bridge.ok() && en_bridge.ok());
  EXPECT_EQ((*it_bridge)->pivot(), (*en_bridge)->pivot());
  std::vector<std::string> it_keys, en_keys;
  EXPECT_EQ((*it_bridge)->Translate("telefonata", Pos::kNoun, &it_keys), 1u);
  EXPECT_EQ((*en_bridge)->Translate("call", Pos::kNoun, &en_keys), 1u);
  EXPECT_EQ(it_keys, en_keys);
  std::vector<std::string> none;
  EXPECT_EQ((*it_bridge)->Translate("telefonata", Pos::kPreposition, &none), 0u);
  EXPECT_EQ((*it_bridge)->Translate("zzzqqq", Pos::kNoun, &none), 0u);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(LemmaBridge::Load("xx").status().code(), StatusCode::kNotFound);
}

// --- the store: stories tables and the migration from version 1 ----------

class StoryStoreTest : public ::testing::Test {
 protected:
  TempDatabase db_{"cronaca_story_"};
  const std::string path_ = db_.path();
  static Document Make(const std::string& id, const std::string& text) {
    auto doc = MakeDocument(id, text, id);
    EXPECT_TRUE(doc.ok());
    return std::move(*doc);
  }
  int64_t Query(const char* sql) { return db_.Query(sql); }
};

TEST_F(StoryStoreTest, MigratesVersionOneKeepingDocuments) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put(Make("a", "date: 2025-07-03\n\nUn testo scritto per la prova."), "p").ok());
  }
  // Make it a version-1 database: the version-1 tables, without the stories.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE document_stories; DROP TABLE stories; PRAGMA user_version = 1", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_EQ(Query("PRAGMA user_version"), 1);

  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(Query("PRAGMA user_version"), Store::kSchemaVersion);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM documents"), 1);
  auto loaded = (*store)->Load("a");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->BodyText(), "Un testo scritto per la prova.");
  EXPECT_EQ(Query("SELECT COUNT(*) FROM stories"), 0);
}

TEST_F(StoryStoreTest, StoriesRoundTripAndRestoreTheLinker) {
  Document a = Make("a", "date: 2025-07-03\n\nPrimo articolo sul vertice.");
  Document b = Make("b", "date: 2025-07-04\n\nSecondo articolo sul vertice.");
  StoryLinker linker;
  std::string story = linker.Link(Doc(a.key(), "2025-07-03", kSummitJuly));
  ASSERT_EQ(linker.Link(Doc(b.key(), "2025-07-04", kSummitJulyOther)), story);
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Put(a, "p").ok());
    ASSERT_TRUE((*store)->Put(b, "p").ok());
    for (const StoryRecord& record : linker.TakeChanged()) ASSERT_TRUE((*store)->PutStory(record).ok());
  }
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  auto of = (*store)->StoryOf(b.key());
  ASSERT_TRUE(of.ok());
  EXPECT_EQ(*of, story);
  auto loaded = (*store)->Load("b");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->extractions().story, story);
  auto rows = (*store)->ListStories();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].n_documents, 2u);
  EXPECT_EQ((*rows)[0].first_date, "2025-07-03");
  EXPECT_EQ((*rows)[0].last_date, "2025-07-04");
  auto docs = (*store)->StoryDocuments(story);
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(*docs, (std::vector<std::string>{a.key(), b.key()}));

  // Outside the window: nothing restored; inside: the story and its terms.
  auto none = (*store)->StoriesBetween("2025-09", "2025-10-31");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto window = (*store)->StoriesBetween("2025-06", "2025-08-31");
  ASSERT_TRUE(window.ok());
  ASSERT_EQ(window->size(), 1u);
  EXPECT_EQ((*window)[0].terms.at("e:leader_a"), 2u);
  StoryLinker restored;
  restored.Restore(*window);
  EXPECT_EQ(restored.Link(Doc(a.key(), "2025-07-03", kSummitJuly)), story);
  EXPECT_TRUE(restored.TakeChanged().empty());
  EXPECT_EQ(restored.Link(Doc("new", "2025-07-05", kSummitJuly)), story);
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

// Regression: an undated report used to borrow the date of whatever came
// before it in the batch (a seed placed after an unrelated June article
// missed its July story). It now borrows nothing and is filed after the
// dated documents, against every active story.
TEST(StoryLinkerTest, UndatedDocumentJoinsItsStoryWhateverTheInputOrder) {
  StoryLinker linker;
  std::vector<LinkDocument> batch = {Doc("k0", "2025-06-09", kFlood), Doc("k1", "", kSummitJulyOther),
                                     Doc("k2", "2025-07", kSummitJuly)};
  std::vector<std::string> ids = linker.LinkBatch(batch);
  EXPECT_EQ(ids[1], ids[2]);
  EXPECT_NE(ids[0], ids[1]);
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

// Similarity() is the linker's own score: against a one-document story it
// gives what linking gives, and it is symmetric.
TEST(StoryLinkerTest, PairSimilarityIsTheLinkingScore) {
  StoryLinker linker;
  std::string summit = linker.Link(Doc("k1", "2025-07-03", kSummitJuly));
  linker.Link(Doc("k9", "2025-07-03", kFlood));
  LinkDocument other = Doc("k2", "2025-07-04", kSummitJulyOther);
  EXPECT_DOUBLE_EQ(*linker.Score(other, summit), linker.Similarity(other, Doc("k1", "2025-07-03", kSummitJuly)).total);

  TermStats stats;
  for (const auto* terms : {&kSummitJuly, &kSummitJulyOther, &kTrade, &kFlood}) stats.Add(Doc("x", "", *terms));
  EXPECT_EQ(stats.documents(), 4u);
  EXPECT_GT(stats.Rarity("l:flood"), stats.Rarity("e:leader_a"));
  LinkDocument a = Doc("a", "", kSummitJuly), b = Doc("b", "", kSummitJulyOther), c = Doc("c", "", kTrade);
  EXPECT_DOUBLE_EQ(Similarity(a, b, stats).total, Similarity(b, a, stats).total);
  EXPECT_GT(Similarity(a, b, stats).total, Similarity(a, c, stats).total);
  EXPECT_DOUBLE_EQ(Similarity(a, Doc("d", "", kFlood), stats).lexical, 0.0);
}

// Many stories share the common terms of a dense period; a new report
// still finds its own story among them (candidates come from its rarest
// terms, common ones are not looked up), and stories out of the window leave.
TEST(StoryLinkerTest, ReportFindsItsStoryAmongManyAndOldOnesLeave) {
  StoryLinkerOptions options;
  options.max_posting = 50;
  StoryLinker linker(options);
  for (int i = 0; i < 300; ++i) {
    std::vector<std::string> terms = {"l:say"};
    for (int j = 0; j < 10; ++j) terms.push_back("l:w" + std::to_string(i) + "_" + std::to_string(j));
    linker.Link(Doc("bg" + std::to_string(i), "2025-03-01", terms));
  }
  EXPECT_EQ(linker.active_stories(), 300u);
  std::string target = linker.Link(Doc("t1", "2025-03-01", {"l:say", "l:glacier", "l:collapse", "l:valley"}));
  EXPECT_EQ(linker.Link(Doc("t2", "2025-03-02", {"l:say", "l:glacier", "l:collapse", "l:village"})), target);
  linker.TakeChanged();
  EXPECT_GT(linker.active_stories(), 300u);
  linker.Link(Doc("late", "2025-06-01", kFlood));
  EXPECT_EQ(linker.active_stories(), 1u);
}

// A language without morphology (German here) still gives lexical terms:
// the Snowball stems of its words.
TEST(StoryLinkerTest, WordsWithoutMorphologyLinkByTheirStems) {
  auto analyzer = Analyzer::Create(AnalyzerOptions{});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Document de = Analyze(**analyzer, "de-flut",
                        "Nach tagelangen Regenfällen sind in Süddeutschland mehrere Flüsse über die Ufer getreten. "
                        "Die Feuerwehr evakuierte hunderte Bewohner aus den überfluteten Dörfern.");
  if (de.lang() != "de") GTEST_SKIP() << "language identified as " << de.lang();
  LinkDocument doc = LinkFeatures(de, (*analyzer)->strings());
  size_t lexical = 0;
  for (const std::string& term : doc.terms) lexical += term.rfind("l:", 0) == 0;
  EXPECT_GE(lexical, 8u);
  EXPECT_TRUE(std::binary_search(doc.terms.begin(), doc.terms.end(), std::string("l:feuerwehr")));
}

}  // namespace
}  // namespace cronaca
