// Integration tests: the real `cronaca` binary over the bundled examples
// and over deliberately bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace cronaca {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the cronaca binary with `args` (a shell fragment).
CliRun Cronaca(const std::string& args, const fs::path& work) {
  fs::path err_file = work / "stderr.txt";
  std::string cmd = std::string(CRONACA_BINARY) + " " + args + " 2>" + err_file.string();
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  std::ostringstream ss;
  ss << err.rdbuf();
  run.err = ss.str();
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::temp_directory_path() / ("cronaca_cli_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(work_);
    fs::create_directories(work_);
    db_ = (work_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(work_); }
  std::vector<nlohmann::json> Lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
  }
  fs::path work_;
  std::string db_;
  const std::string examples_ = std::string(CRONACA_SOURCE_DIR) + "/examples";
};

TEST_F(CliTest, AnalyzeExamplesIsIdempotent) {
  CliRun first = Cronaca("analyze " + examples_ + " --db " + db_ + " --format jsonl -q", work_);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::vector<nlohmann::json> docs = Lines(first.out);
  ASSERT_GE(docs.size(), 12u);
  size_t italian = 0, english = 0;
  for (const auto& d : docs) {
    // The FORMAT.md shape.
    for (const char* field : {"id", "lang", "date", "events", "quotes", "times"}) {
      EXPECT_TRUE(d.contains(field)) << field;
    }
    italian += d["lang"] == "it";
    english += d["lang"] == "en";
    // Every example file name starts with its language.
    EXPECT_EQ(d["id"].get<std::string>().substr(0, 2), d["lang"].get<std::string>()) << d["id"];
    EXPECT_FALSE(d["sentences"].empty());
  }
  EXPECT_GE(italian, 5u);
  EXPECT_GE(english, 5u);
  CliRun summary1 = Cronaca("summary --db " + db_, work_);
  CliRun again = Cronaca("analyze " + examples_ + " --db " + db_ + " -q", work_);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  CliRun summary2 = Cronaca("summary --db " + db_, work_);
  ASSERT_EQ(summary1.exit_code, 0);
  // Same counts after a second run: nothing duplicated.
  EXPECT_EQ(summary1.out.substr(0, summary1.out.find('\n')), summary2.out.substr(0, summary2.out.find('\n')));
  EXPECT_NE(summary1.out.find(std::to_string(docs.size()) + " documents"), std::string::npos) << summary1.out;
}

TEST_F(CliTest, BadInputIsReportedAndTheRestIsStored) {
  fs::path in = work_ / "in";
  fs::create_directories(in);
  std::ofstream(in / "a_good.txt") << "Il ministro degli Esteri ha incontrato ieri il suo omologo francese a Roma.";
  std::ofstream(in / "b_latin1.txt") << "Citt\xE0 di provincia.";
  std::ofstream(in / "c_binary.txt", std::ios::binary) << std::string("\x7f" "ELF\0\0\0\0", 8);
  std::ofstream(in / "d_empty.txt") << "";
  std::ofstream(in / "e_lines.jsonl") << "{\"id\": \"ok-1\", \"text\": \"The talks ended without a deal.\"}\n"
                                      << "{not json}\n"
                                      << "{\"id\": \"no-text\"}\n";
  {
    // A 100 MB file: refused by size before it is read.
    std::ofstream big(in / "f_huge.txt", std::ios::binary);
    std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 100; ++i) big << chunk;
  }
  CliRun run = Cronaca("analyze " + in.string() + " --db " + db_ + " --format jsonl -q", work_);
  EXPECT_EQ(run.exit_code, 1);  // some inputs failed
  std::vector<nlohmann::json> docs = Lines(run.out);
  ASSERT_EQ(docs.size(), 2u) << run.out;
  EXPECT_EQ(docs[0]["id"], "a_good");
  EXPECT_EQ(docs[1]["id"], "ok-1");
  // One line per failure, naming the input and the reason.
  for (const char* expected : {"b_latin1.txt: invalid UTF-8 at byte 4", "c_binary.txt: binary data",
                               "d_empty.txt: empty document", "e_lines.jsonl:2: malformed JSON",
                               "e_lines.jsonl:3 (id no-text): missing \"text\"", "f_huge.txt: too large"}) {
    EXPECT_NE(run.err.find(expected), std::string::npos) << expected << "\n" << run.err;
  }
  size_t error_lines = 0;
  for (size_t pos = 0; (pos = run.err.find("error: ", pos)) != std::string::npos; ++pos) ++error_lines;
  EXPECT_EQ(error_lines, 6u) << run.err;
  CliRun summary = Cronaca("summary --db " + db_, work_);
  EXPECT_NE(summary.out.find("2 documents"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find("6 failed inputs"), std::string::npos) << summary.out;
}

TEST_F(CliTest, StdinShowAndExport) {
  CliRun run = Cronaca("analyze - --db " + db_ + " -q < " + examples_ + "/it_nato_aja_vertice.txt", work_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  CliRun show = Cronaca("show stdin --db " + db_ + " --format json --tokens", work_);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  nlohmann::json doc = nlohmann::json::parse(show.out);
  EXPECT_EQ(doc["lang"], "it");
  ASSERT_FALSE(doc["tokens"].empty());
  const std::string original = [&] {
    std::ifstream f(examples_ + "/it_nato_aja_vertice.txt", std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }();
  for (const auto& t : doc["tokens"]) {
    size_t b = t["span"][0], e = t["span"][1];
    ASSERT_EQ(original.substr(b, e - b), t["text"].get<std::string>());
  }
  CliRun missing = Cronaca("show no-such-doc --db " + db_, work_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no-such-doc"), std::string::npos);
  CliRun exported = Cronaca("export --db " + db_, work_);
  ASSERT_EQ(exported.exit_code, 0);
  EXPECT_EQ(Lines(exported.out).size(), 1u);
}

TEST_F(CliTest, HelpExplainsEveryCommand) {
  CliRun help = Cronaca("--help", work_);
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"analyze", "show", "summary", "export", "eval"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
    CliRun sub = Cronaca(std::string(command) + " --help", work_);
    EXPECT_EQ(sub.exit_code, 0) << command;
    EXPECT_NE(sub.out.find("--"), std::string::npos) << command;
  }
  CliRun bad = Cronaca("analyze", work_);
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

TEST_F(CliTest, EvalScoresPredictionsAndItsOwnAnalysis) {
  fs::path gold = work_ / "gold.jsonl";
  std::ofstream(gold)
      << R"({"id": "g1", "lang": "it", "date": "2025-03-05", "text": "Il ministro ha incontrato ieri l'omologo.", )"
      << R"("events": [{"source": "ITAGOV", "target": "FRAGOV", "code": "043", "plover": "CONSULT", "date": "2025-03-04"}], )"
      << R"("quotes": [], "times": [{"text": "ieri", "value": "2025-03-04"}]})" << "\n"
      << R"({"id": "g2", "lang": "en", "date": null, "text": "\"We are ready,\" the envoy said.", "events": [], )"
      << R"("quotes": [{"quote": "We are ready", "speaker": "the envoy", "speaker_code": "USAGOV"}], "times": []})" << "\n";
  CliRun self = Cronaca("eval " + gold.string() + " --pred " + gold.string() + " --json", work_);
  ASSERT_EQ(self.exit_code, 0) << self.err;
  nlohmann::json report = nlohmann::json::parse(self.out);
  EXPECT_DOUBLE_EQ(report["total"]["events_root"]["f1"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(report["total"]["quotes"]["f1"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(report["total"]["times"]["value_accuracy"].get<double>(), 1.0);
  EXPECT_TRUE(report["by_language"].contains("it"));
  EXPECT_TRUE(report["by_language"].contains("en"));
  // Without --pred, cronaca analyses the gold texts itself.
  CliRun own = Cronaca("eval " + gold.string() + " -q", work_);
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_NE(own.out.find("events (root)"), std::string::npos);
  EXPECT_NE(own.out.find("all languages"), std::string::npos);
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

TEST_F(CliTest, GdeltExportAndExplain) {
  CliRun run = Cronaca("analyze " + examples_ + " --db " + db_ + " -q --format none", work_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  CliRun gdelt = Cronaca("export --db " + db_ + " --format gdelt --header", work_);
  ASSERT_EQ(gdelt.exit_code, 0) << gdelt.err;
  std::istringstream in(gdelt.out);
  std::string line;
  size_t lines = 0, merged = 0;
  while (std::getline(in, line)) {
    size_t columns = 1 + static_cast<size_t>(std::count(line.begin(), line.end(), '\t'));
    EXPECT_EQ(columns, 61u) << line;
    if (lines == 0) {
      EXPECT_EQ(line.rfind("GLOBALEVENTID\tSQLDATE", 0), 0u);
    } else {
      // EventRootCode is the first two digits of EventCode.
      std::vector<std::string> cells;
      std::istringstream row(line);
      std::string cell;
      while (std::getline(row, cell, '\t')) cells.push_back(cell);
      ASSERT_GE(cells.size(), 29u);
      EXPECT_EQ(cells[28], cells[26].substr(0, 2)) << line;
      // NumMentions >= NumArticles >= 1 and NumSources <= NumArticles (story events).
      int num_mentions = std::stoi(cells[31]), num_sources = std::stoi(cells[32]), num_articles = std::stoi(cells[33]);
      EXPECT_GE(num_articles, 1) << line;
      EXPECT_GE(num_mentions, num_articles) << line;
      EXPECT_LE(num_sources, num_articles) << line;
      if (num_articles >= 2) ++merged;
    }
    ++lines;
  }
  EXPECT_GT(lines, 10u);  // the examples yield events
  // The examples' stories report some events in several documents: GDELT's
  // NumArticles counts them (link/story_events.h), not 1 per line.
  EXPECT_GT(merged, 0u);
  CliRun list = Cronaca("explain en_istanbul_talks_wire --db " + db_, work_);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("#1"), std::string::npos) << list.out;
  CliRun one = Cronaca("explain 'en_istanbul_talks_wire#1' --db " + db_, work_);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  for (const char* field : {"code ", "trigger ", "source ", "target ", "rule ", "pattern "}) {
    EXPECT_NE(one.out.find(field), std::string::npos) << field << "\n" << one.out;
  }
  CliRun bad = Cronaca("explain 'en_istanbul_talks_wire#999' --db " + db_, work_);
  EXPECT_EQ(bad.exit_code, 1);
}

}  // namespace
}  // namespace cronaca
