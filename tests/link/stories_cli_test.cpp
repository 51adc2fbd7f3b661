// Stories end to end: the real `cronaca` binary links the bundled examples
// (examples/README.md: clusters A=4, B=3, C=2, D=3 reports and 3 singletons),
// lists them (`stories`), shows one (`story ID`), and a re-run keeps them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace cronaca {
namespace {

namespace fs = std::filesystem;

std::string RunCronaca(const std::string& args, int* exit_code) {
  std::string cmd = std::string(CRONACA_BINARY) + " " + args + " 2>/dev/null";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// Document id -> story id, from `analyze --format jsonl`.
std::map<std::string, std::string> Stories(const std::string& jsonl) {
  std::map<std::string, std::string> out;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    out[j["id"]] = j.value("story", "");
  }
  return out;
}

TEST(StoriesCliTest, ExamplesFormTheirClustersAndKeepThemOnReRun) {
  fs::path work = fs::temp_directory_path() / ("cronaca_stories_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string db = (work / "t.db").string();
  const std::string examples = std::string(CRONACA_SOURCE_DIR) + "/examples";
  int rc = -1;
  std::map<std::string, std::string> first = Stories(RunCronaca("analyze " + examples + " --db " + db + " --format jsonl -q", &rc));
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(first.size(), 15u);
  const std::map<std::string, std::string> gold = {
      {"it_alaska_summit_corriere", "A"},    {"en_alaska_summit_wire", "A"},
      {"en_alaska_summit_tribune", "A"},     {"it_alaska_summit_traduzione", "A"},
      {"en_iran_strikes_wire", "B"},         {"it_iran_raid_usa_gazzetta", "B"},
      {"en_iran_war_weekly", "B"},           {"it_nato_aja_vertice", "C"},
      {"en_nato_hague_summit", "C"},         {"en_istanbul_talks_wire", "D"},
      {"it_istanbul_colloqui_portale", "D"}, {"it_istanbul_scambio_agenzia", "D"},
      {"it_referendum_quorum_radio", "1"},   {"en_eu_sanctions_package_lantern", "2"},
      {"en_belgrade_protest_courier", "3"}};
  // Same gold cluster <=> same story, for every pair.
  for (const auto& [a, cluster_a] : gold) {
    for (const auto& [b, cluster_b] : gold) {
      ASSERT_TRUE(first.count(a) && first.count(b));
      EXPECT_EQ(cluster_a == cluster_b, first[a] == first[b]) << a << " / " << b;
    }
  }
  std::set<std::string> ids;
  for (const auto& [doc, story] : first) ids.insert(story);
  EXPECT_EQ(ids.size(), 7u);

  // A second run, one file at a time: every document stays in its story.
  for (const char* name : {"en_alaska_summit_tribune", "it_iran_raid_usa_gazzetta"}) {
    auto again = Stories(RunCronaca("analyze " + examples + "/" + name + ".txt --db " + db + " --format jsonl -q", &rc));
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(again[name], first[name]);
  }
  std::string listed = RunCronaca("stories --db " + db, &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_NE(listed.find("7 stories"), std::string::npos) << listed;
  const std::string alaska = first["en_alaska_summit_wire"];
  // Four documents from four sources (no count doubled by the re-run).
  EXPECT_NE(listed.find(alaska), std::string::npos);

  nlohmann::json dossier = nlohmann::json::parse(RunCronaca("story " + alaska + " --db " + db + " --format json", &rc));
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(dossier["documents"].size(), 4u);
  EXPECT_EQ(dossier["sources"], 4);
  bool putin_shared = false;
  for (const auto& actor : dossier["shared_actors"]) putin_shared |= actor["id"] == "putin_vladimir";
  EXPECT_TRUE(putin_shared) << dossier.dump(2);
  // The dossier says which reports are of doubtful quality: only the
  // machine-translated one in this story.
  EXPECT_EQ(dossier["doubtful_reports"], nlohmann::json::array({"it_alaska_summit_traduzione"})) << dossier.dump(2);
  for (const auto& d : dossier["documents"]) {
    EXPECT_EQ(d["quality"]["doubtful"], d["id"] == "it_alaska_summit_traduzione") << d.dump();
  }
  nlohmann::json belgrade = nlohmann::json::parse(
      RunCronaca("story " + first["en_belgrade_protest_courier"] + " --db " + db + " --format json", &rc));
  EXPECT_TRUE(belgrade["doubtful_reports"].empty());
  RunCronaca("story no-such-story --db " + db, &rc);
  EXPECT_EQ(rc, 1);
  fs::remove_all(work);
}

}  // namespace
}  // namespace cronaca
