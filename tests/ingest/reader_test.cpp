#include "ingest/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/metadata.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cronaca_reader_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::vector<Result<Document>> ReadAll(std::vector<std::string> paths, ReaderOptions options = {}) {
    std::vector<Result<Document>> out;
    InputReader reader(std::move(paths), options);
    while (auto item = reader.Next()) out.push_back(std::move(*item));
    return out;
  }
  fs::path dir_;
};

TEST(Header, ReadsHeaderBlock) {
  std::string text = "title: Vertice a Roma\nsource: Gazzetta\ndate: 2025-07-04\nurl: https://example.org/a\n\nIl testo.\n";
  HeaderParse h = ParseHeader(text, Span{0, static_cast<Offset>(text.size())});
  EXPECT_EQ(h.metadata.title, "Vertice a Roma");
  EXPECT_EQ(h.metadata.source, "Gazzetta");
  EXPECT_EQ(h.metadata.url, "https://example.org/a");
  ASSERT_TRUE(h.metadata.has_date);
  EXPECT_EQ(h.metadata.date.ToString(), "2025-07-04");
  EXPECT_EQ(text.substr(h.body.begin, h.body.size()), "Il testo.\n");
  EXPECT_FALSE(h.leaked_inline);
}

TEST(Header, ReadsInlineLeakedDate) {
  std::string text = "date 2025-07 \" Scusate \". Con queste parole...";
  HeaderParse h = ParseHeader(text, Span{0, static_cast<Offset>(text.size())});
  ASSERT_TRUE(h.metadata.has_date);
  EXPECT_EQ(h.metadata.date.ToString(), "2025-07");
  EXPECT_TRUE(h.leaked_inline);
  EXPECT_EQ(text.substr(h.body.begin, 3), "\" S");
  EXPECT_EQ(text.substr(h.leaked_span.begin, h.leaked_span.size()), "date 2025-07 ");
}

TEST(Header, ProseIsNotAHeader) {
  for (std::string text : {"Data la situazione, il governo ha deciso.", "Title fights are rare.",
                           "Fonte della notizia è il ministero."}) {
    HeaderParse h = ParseHeader(text, Span{0, static_cast<Offset>(text.size())});
    EXPECT_EQ(h.body.begin, 0u) << text;
    EXPECT_FALSE(h.metadata.has_date);
  }
}

TEST_F(ReaderTest, TextFileIdMetadataAndKey) {
  std::string a = Write("a.txt", "title: T\ndate: 2025-06\n\nCorpo dell'articolo.\n");
  std::string b = Write("b.txt", "source: altra\n\nCorpo dell'articolo.");
  auto docs = ReadAll({a, b});
  ASSERT_EQ(docs.size(), 2u);
  ASSERT_TRUE(docs[0].ok());
  ASSERT_TRUE(docs[1].ok());
  EXPECT_EQ(docs[0]->id(), "a");
  EXPECT_EQ(docs[0]->metadata().date.ToString(), "2025-06");
  EXPECT_EQ(docs[0]->BodyText(), "Corpo dell'articolo.");
  // Same body text, same key, whatever the header says.
  EXPECT_EQ(docs[0]->key(), docs[1]->key());
  EXPECT_EQ(docs[0]->key().size(), 32u);
}

TEST_F(ReaderTest, BadInputsAreErrorsAndTheBatchGoesOn) {
  std::string dir = dir_.string();
  Write("1_good.txt", "Un articolo valido.");
  Write("2_bad_utf8.txt", "Citt\xE0 senza UTF-8.");
  Write("3_binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Write("4_empty.txt", "  \n\n ");
  Write("5_only_header.txt", "title: solo titolo\n\n");
  Write("6_big.txt", std::string(2000, 'a'));
  Write("7_good.txt", "Another valid article.");
  ReaderOptions options;
  options.max_document_bytes = 1000;
  auto docs = ReadAll({dir}, options);
  ASSERT_EQ(docs.size(), 7u);
  EXPECT_TRUE(docs[0].ok());
  EXPECT_EQ(docs[1].status().code(), StatusCode::kInvalidUtf8);
  EXPECT_NE(docs[1].status().message().find("2_bad_utf8.txt"), std::string::npos);
  EXPECT_NE(docs[1].status().message().find("byte 4"), std::string::npos);
  EXPECT_EQ(docs[2].status().code(), StatusCode::kBinaryInput);
  EXPECT_EQ(docs[3].status().code(), StatusCode::kEmptyInput);
  EXPECT_EQ(docs[4].status().code(), StatusCode::kEmptyInput);
  EXPECT_EQ(docs[5].status().code(), StatusCode::kInputTooLarge);
  EXPECT_NE(docs[5].status().message().find("6_big.txt"), std::string::npos);
  EXPECT_TRUE(docs[6].ok());
}

TEST_F(ReaderTest, JsonlRecordsAndMalformedLines) {
  std::string path = Write("in.jsonl",
                           "{\"id\": \"x-1\", \"text\": \"Il testo.\", \"date\": \"2025-07-04\", \"lang\": \"it\"}\n"
                           "{\"id\": \"x-2\", \"text\": \n"
                           "\n"
                           "{\"id\": \"x-3\"}\n"
                           "[1, 2]\n"
                           "{\"id\": 7, \"text\": \"Numeric id.\", \"date\": \"luglio\"}\n"
                           "{\"text\": \"No id here.\", \"title\": \"T\"}\n");
  auto docs = ReadAll({path});
  ASSERT_EQ(docs.size(), 6u);
  ASSERT_TRUE(docs[0].ok());
  EXPECT_EQ(docs[0]->id(), "x-1");
  EXPECT_EQ(docs[0]->metadata().lang_hint, "it");
  EXPECT_EQ(docs[0]->metadata().date.ToString(), "2025-07-04");
  EXPECT_EQ(docs[1].status().code(), StatusCode::kMalformedJson);
  EXPECT_NE(docs[1].status().message().find("in.jsonl:2"), std::string::npos);
  EXPECT_EQ(docs[2].status().code(), StatusCode::kMalformedJson);
  EXPECT_NE(docs[2].status().message().find("missing \"text\""), std::string::npos);
  EXPECT_EQ(docs[3].status().code(), StatusCode::kMalformedJson);
  EXPECT_EQ(docs[4].status().code(), StatusCode::kMalformedJson);  // bad date
  ASSERT_TRUE(docs[5].ok());
  EXPECT_EQ(docs[5]->id(), path + ":7");
  EXPECT_EQ(docs[5]->metadata().title, "T");
}

TEST_F(ReaderTest, MissingPathIsReported) {
  auto docs = ReadAll({(dir_ / "nope.txt").string()});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].status().code(), StatusCode::kNotFound);
}

TEST_F(ReaderTest, LeakedHeaderBecomesQualityFlag) {
  std::string path = Write("scraped.txt", "date 2025-07 Il presidente ha parlato.");
  auto docs = ReadAll({path});
  ASSERT_TRUE(docs[0].ok());
  const Document& doc = *docs[0];
  EXPECT_EQ(doc.BodyText(), "Il presidente ha parlato.");
  ASSERT_EQ(doc.quality_flags().size(), 1u);
  EXPECT_EQ(doc.quality_flags()[0].kind, "leaked-metadata");
  EXPECT_EQ(doc.Text(doc.quality_flags()[0].span), "date 2025-07 ");
}

}  // namespace
}  // namespace cronaca
