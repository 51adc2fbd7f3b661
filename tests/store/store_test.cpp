#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "ingest/reader.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

Document Make(const std::string& id, const std::string& text) {
  auto doc = MakeDocument(id, text, id);
  EXPECT_TRUE(doc.ok());
  Document d = std::move(*doc);
  d.set_lang("it", 0.9f);
  Sentence s;
  s.span = d.body();
  d.sentences().push_back(s);
  return d;
}

size_t Count(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  size_t n = sqlite3_step(stmt) == SQLITE_ROW ? static_cast<size_t>(sqlite3_column_int64(stmt, 0)) : 999;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("cronaca_store_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Cleanup();
  }
  void TearDown() override { Cleanup(); }
  void Cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_;
};

TEST_F(StoreTest, PutTwiceStoresOnce) {
  for (int run = 0; run < 2; ++run) {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Begin().ok());
    ASSERT_TRUE((*store)->Put(Make("a", "title: A\n\nTesto uno."), "p").ok());
    ASSERT_TRUE((*store)->Put(Make("b", "Testo due."), "p").ok());
    ASSERT_TRUE((*store)->Commit().ok());
  }
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM documents"), 2u);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM sentences"), 2u);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM document_ids"), 2u);
}

TEST_F(StoreTest, SameTextUnderTwoIdsIsOneDocument) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Put(Make("copy1", "Lo stesso testo."), "p").ok());
  ASSERT_TRUE((*store)->Put(Make("copy2", "source: altro\n\nLo stesso testo."), "p").ok());
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM documents"), 1u);
  auto ids = (*store)->IdsOf(Make("x", "Lo stesso testo.").key());
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"copy1", "copy2"}));
  auto loaded = (*store)->Load("copy2");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->id(), "copy1");  // display id: the first that named the text
}

TEST_F(StoreTest, ChangedTextReplacesTheOldOne) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Put(Make("a", "Prima versione."), "p").ok());
  ASSERT_TRUE((*store)->Put(Make("a", "Seconda versione."), "p").ok());
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM documents"), 1u);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM sentences"), 1u);
  auto loaded = (*store)->Load("a");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->BodyText(), "Seconda versione.");
}

TEST_F(StoreTest, LoadRestoresMetadataSpansAndFlags) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  Document doc = Make("scraped", "date 2025-07 Il testo vero.");
  ASSERT_TRUE((*store)->Put(doc, "p").ok());
  auto loaded = (*store)->Load("scraped.txt");  // the file name works too
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  const Document& d = **loaded;
  EXPECT_EQ(d.metadata().date.ToString(), "2025-07");
  EXPECT_EQ(d.BodyText(), "Il testo vero.");
  ASSERT_EQ(d.quality_flags().size(), 1u);
  EXPECT_EQ(d.Text(d.quality_flags()[0].span), "date 2025-07 ");
  EXPECT_EQ(d.Text(d.sentences()[0].span), "Il testo vero.");
  // By key prefix.
  auto by_key = (*store)->Load(doc.key().substr(0, 10));
  ASSERT_TRUE(by_key.ok() && by_key->has_value());
  auto missing = (*store)->Load("nothing-here");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(StoreTest, RollbackLosesNothingStoredBefore) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Put(Make("kept", "Testo salvato."), "p").ok());
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Put(Make("lost", "Testo annullato."), "p").ok());
  ASSERT_TRUE((*store)->Rollback().ok());
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM documents"), 1u);
  auto kept = (*store)->Load("kept");
  ASSERT_TRUE(kept.ok() && kept->has_value());
}

TEST_F(StoreTest, FailuresAreRecordedAndClearedOnSuccess) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->RecordFailure(Status(StatusCode::kInvalidUtf8, "dir/x.txt: invalid UTF-8 at byte 3")).ok());
  ASSERT_TRUE((*store)->RecordFailure(Status(StatusCode::kInvalidUtf8, "dir/x.txt: invalid UTF-8 at byte 3")).ok());
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM failures"), 1u);
  auto doc = MakeDocument("x", "Ora valido.", "dir/x.txt");
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE((*store)->Put(*doc, "p").ok());
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM failures"), 0u);
}

TEST_F(StoreTest, RefusesNewerSchemaAndBadPath) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.ok());
  }
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto newer = Store::Open(path_);
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos);
  auto bad = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kStoreError);
}

}  // namespace
}  // namespace cronaca

#include "engine/analyzer.h"
#include "serve/output.h"

namespace cronaca {
namespace {

// Everything the extract stages add comes back from the store unchanged.
TEST_F(StoreTest, ExtractedLayersRoundTrip) {
  auto analyzer = Analyzer::Create(AnalyzerOptions{});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  InputReader reader({std::string(CRONACA_SOURCE_DIR) + "/examples/it_alaska_summit_traduzione.txt",
                      std::string(CRONACA_SOURCE_DIR) + "/examples/en_istanbul_talks_wire.txt"});
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  while (auto item = reader.Next()) {
    ASSERT_TRUE(item->ok());
    Document doc = std::move(item->value());
    ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
    ASSERT_TRUE((*store)->Put(doc, "p").ok());
    auto loaded = (*store)->Load(doc.id());
    ASSERT_TRUE(loaded.ok() && loaded->has_value());
    OutputOptions options;
    options.sentences = false;
    nlohmann::json before = DocumentToJson(doc, (*analyzer)->strings(), options);
    nlohmann::json after = DocumentToJson(**loaded, (*analyzer)->strings(), options);
    for (const char* field : {"events", "quotes", "claims", "empty_quotes", "times", "mentions", "places",
                              "quality_flags", "quality", "date", "lang"}) {
      EXPECT_EQ(before[field], after[field]) << doc.id() << " " << field;
    }
    EXPECT_FALSE(before["mentions"].empty());
    EXPECT_FALSE(before["times"].empty());
  }
}

}  // namespace
}  // namespace cronaca
