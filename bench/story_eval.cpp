// cronaca_story_eval: story linking on the public same-story benchmarks.
//
//   build/bench/cronaca_story_eval                        # ../shared/bench-data
//   build/bench/cronaca_story_eval --data DIR --min-semeval 0.3 --min-auc 0.8 --min-f1 0.6
//
// Reads the three files of ../shared/bench-data (README there), analyses
// every text with the engine (engine/analyzer.h; the stages up to places,
// whose layers LinkFeatures reads) and scores with
// the linker's own formula (link/story_linker.h):
//   (a) SemEval-2022 Task 8 pairs: Similarity() of the two articles, term
//       weights over all the articles of the file; Pearson r with `Overall`
//       (1 = very similar .. 4 = very dissimilar, so a good score gives a
//       NEGATIVE r; the table prints -r), overall and per language pair.
//   (b) Italian pairs (title + description): the same similarity; ROC AUC
//       of label 3 ("same story") versus labels 0-2, Pearson r with the label
//       (0..3, here a good score gives a positive r).
//   (c) UCI headlines: each headline is a document dated by its timestamp,
//       linked online by StoryLinker in timestamp order (LinkBatch);
//       B-cubed precision, recall and F1 of the stories against `STORY`.
// Each text is analysed with the language its data set declares (SemEval's
// lang1/lang2, Italian for (b), English for (c)) as the input's "lang"
// field, the way `analyze` takes it from the input; --detect-lang
// identifies it from the text instead (short previews are often taken for
// another language and so miss their lemma bridge).
// Prints a table. With --min-* gates, exits 1 when a figure falls below its
// gate (ctest `story_benchmarks`); exits 77 (skipped) when the data
// directory is missing. The data are read at run time, never copied.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/analyzer.h"
#include "ingest/reader.h"
#include "link/lemma_bridge.h"
#include "link/story_linker.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

constexpr int kSkipped = 77;

// Rows of a delimited file with RFC 4180 quoting ("" inside quotes, quoted
// fields may span lines).
std::vector<std::vector<std::string>> ReadDelimited(const fs::path& path, char delimiter) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, at_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && at_start) {
      quoted = true;
      at_start = false;
    } else if (c == delimiter) {
      row.push_back(std::move(field));
      field.clear();
      at_start = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      at_start = true;
    } else {
      field += c;
      at_start = false;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::map<std::string, size_t> Columns(const std::vector<std::string>& header) {
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < header.size(); ++i) out[header[i]] = i;
  return out;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= n, my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

// Area under the ROC curve: the probability that a positive scores above a
// negative (ties count one half), from average ranks.
double RocAuc(const std::vector<double>& score, const std::vector<bool>& positive) {
  std::vector<size_t> order(score.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  double rank_sum = 0, n_pos = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && score[order[j]] == score[order[i]]) ++j;
    double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (positive[order[k]]) rank_sum += rank, n_pos += 1;
    }
    i = j;
  }
  double n_neg = static_cast<double>(score.size()) - n_pos;
  if (n_pos == 0 || n_neg == 0) return 0.5;
  return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg);
}

struct BCubed {
  double precision = 0, recall = 0, f1 = 0;
};

BCubed BCubedScore(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  std::map<std::pair<std::string, std::string>, double> both;
  std::map<std::string, double> pred_size, gold_size;
  for (size_t i = 0; i < gold.size(); ++i) {
    both[{predicted[i], gold[i]}] += 1;
    pred_size[predicted[i]] += 1;
    gold_size[gold[i]] += 1;
  }
  BCubed out;
  for (size_t i = 0; i < gold.size(); ++i) {
    double common = both[{predicted[i], gold[i]}];
    out.precision += common / pred_size[predicted[i]];
    out.recall += common / gold_size[gold[i]];
  }
  if (!gold.empty()) out.precision /= static_cast<double>(gold.size()), out.recall /= static_cast<double>(gold.size());
  out.f1 = out.precision + out.recall > 0 ? 2 * out.precision * out.recall / (out.precision + out.recall) : 0;
  return out;
}

// "YYYY-MM-DD" of a Unix time in milliseconds (UTC), after H. Hinnant's
// civil_from_days.
std::string DateOfMillis(int64_t millis) {
  int64_t z = millis / 86400000 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

// Analyses texts and turns them into LinkDocuments with the bridge of each
// document's language, as `cronaca analyze` does.
class Featurizer {
 public:
  static std::unique_ptr<Featurizer> Create() {
    // The stages whose layers LinkFeatures reads (tokens, lemmas, actors,
    // places): the rest of the default pipeline does not change the terms.
    AnalyzerOptions options;
    options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
                      "cronaca.Morphology.v1", "cronaca.Actors.v1",     "cronaca.Places.v1"};
    auto analyzer = Analyzer::Create(options);
    if (!analyzer.ok()) {
      std::fprintf(stderr, "cronaca_story_eval: %s\n", analyzer.status().ToString().c_str());
      return nullptr;
    }
    auto out = std::unique_ptr<Featurizer>(new Featurizer());
    out->analyzer_ = std::move(*analyzer);
    return out;
  }

  // Empty terms if the text cannot be analysed (counted in failures()).
  // `lang`: the language the data set declares for the text, given to the
  // analyser as an input's "lang" field is (Metadata::lang_hint); "" or
  // --detect-lang: identified from the text.
  LinkDocument Features(const std::string& id, const std::string& text, const std::string& date = "",
                        const std::string& lang = "") {
    Metadata meta;
    if (!detect_lang_) meta.lang_hint = lang;
    if (auto parsed = PartialDate::Parse(date); parsed) meta.has_date = true, meta.date = *parsed;
    auto doc = MakeDocument(id, text, id, &meta);
    LinkDocument out;
    out.key = id;
    Status status = doc.ok() ? analyzer_->Analyze(*doc) : doc.status();
    if (!status.ok()) {
      if (failures_++ == 0) std::fprintf(stderr, "cronaca_story_eval: %s\n", status.ToString().c_str());
      return out;
    }
    out = LinkFeatures(*doc, analyzer_->strings(), Bridge(doc->lang()));
    out.key = id;
    if (meta.has_date) out.date = meta.date;
    if (dump_ > 0) {
      --dump_;
      std::printf("%s [%s]:", id.c_str(), doc->lang().c_str());
      for (const std::string& term : out.terms) std::printf(" %s", term.c_str());
      std::printf("\n");
    }
    ++analysed_;
    return out;
  }
  void set_dump(size_t n) { dump_ = n; }
  void set_detect_lang(bool detect) { detect_lang_ = detect; }
  size_t failures() const { return failures_; }
  size_t analysed() const { return analysed_; }

 private:
  Featurizer() = default;
  LemmaBridge* Bridge(const std::string& lang) {
    auto it = bridges_.find(lang);
    if (it == bridges_.end()) {
      std::unique_ptr<LemmaBridge> bridge;
      if (auto loaded = LemmaBridge::Load(lang); loaded.ok()) bridge = std::move(*loaded);
      it = bridges_.emplace(lang, std::move(bridge)).first;
    }
    return it->second.get();
  }
  std::unique_ptr<Analyzer> analyzer_;
  std::map<std::string, std::unique_ptr<LemmaBridge>> bridges_;
  bool detect_lang_ = false;
  size_t failures_ = 0, analysed_ = 0, dump_ = 0;
};

struct Figures {
  double semeval_r = 0;      // -Pearson(similarity, Overall)
  double italian_auc = 0, italian_r = 0;
  BCubed uci;
};

bool SemEval(const fs::path& path, Featurizer& featurizer, Figures* figures) {
  auto rows = ReadDelimited(path, ',');
  if (rows.empty()) return false;
  auto col = Columns(rows[0]);
  for (const char* name : {"lang1", "lang2", "text1", "text2", "Overall"}) {
    if (!col.count(name)) {
      std::fprintf(stderr, "%s: no column %s\n", path.c_str(), name);
      return false;
    }
  }
  struct Pair {
    size_t a, b;
    std::string langs;
    double overall;
  };
  std::vector<LinkDocument> docs;
  std::vector<Pair> pairs;
  TermStats stats;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < rows[0].size()) continue;
    Pair pair{docs.size(), docs.size() + 1, row[col["lang1"]] + "-" + row[col["lang2"]],
              std::atof(row[col["Overall"]].c_str())};
    docs.push_back(featurizer.Features("s" + std::to_string(r) + "a", row[col["text1"]], "", row[col["lang1"]]));
    docs.push_back(featurizer.Features("s" + std::to_string(r) + "b", row[col["text2"]], "", row[col["lang2"]]));
    stats.Add(docs[pair.a]);
    stats.Add(docs[pair.b]);
    pairs.push_back(std::move(pair));
  }
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> by_langs;
  std::vector<double> sim, overall, actors, lexical;
  for (const Pair& pair : pairs) {
    LinkScore score = Similarity(docs[pair.a], docs[pair.b], stats);
    double s = score.total;
    actors.push_back(score.actors);
    lexical.push_back(score.lexical);
    sim.push_back(s);
    overall.push_back(pair.overall);
    by_langs[pair.langs].first.push_back(s);
    by_langs[pair.langs].second.push_back(pair.overall);
  }
  figures->semeval_r = -Pearson(sim, overall);
  std::printf("(a) SemEval-2022 task 8, %zu pairs: -r(similarity, Overall) = %.3f  (r = %.3f; best system 0.818)\n",
              pairs.size(), figures->semeval_r, -figures->semeval_r);
  std::printf("    parts: -r actors and places %.3f, lexical %.3f\n", -Pearson(actors, overall),
              -Pearson(lexical, overall));
  std::vector<std::pair<size_t, std::string>> order;
  for (const auto& [langs, v] : by_langs) order.emplace_back(v.first.size(), langs);
  std::sort(order.rbegin(), order.rend());
  std::printf("    %-8s %6s %8s\n", "langs", "pairs", "-r");
  for (const auto& [n, langs] : order) {
    const auto& v = by_langs[langs];
    if (n < 10) continue;
    std::printf("    %-8s %6zu %8.3f\n", langs.c_str(), n, -Pearson(v.first, v.second));
  }
  return true;
}

bool Italian(const fs::path& path, Featurizer& featurizer, Figures* figures) {
  auto rows = ReadDelimited(path, '\t');
  if (rows.empty()) return false;
  auto col = Columns(rows[0]);
  for (const char* name : {"label", "text_a", "text_b"}) {
    if (!col.count(name)) {
      std::fprintf(stderr, "%s: no column %s\n", path.c_str(), name);
      return false;
    }
  }
  std::vector<LinkDocument> docs;
  std::vector<double> labels;
  TermStats stats;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < rows[0].size()) continue;
    labels.push_back(std::atof(row[col["label"]].c_str()));
    docs.push_back(featurizer.Features("i" + std::to_string(r) + "a", row[col["text_a"]], "", "it"));
    docs.push_back(featurizer.Features("i" + std::to_string(r) + "b", row[col["text_b"]], "", "it"));
    stats.Add(docs[docs.size() - 2]);
    stats.Add(docs.back());
  }
  std::vector<double> sim, actors, lexical;
  std::vector<bool> same;
  for (size_t i = 0; i < labels.size(); ++i) {
    LinkScore score = Similarity(docs[2 * i], docs[2 * i + 1], stats);
    sim.push_back(score.total);
    actors.push_back(score.actors);
    lexical.push_back(score.lexical);
    same.push_back(labels[i] == 3);
  }
  figures->italian_auc = RocAuc(sim, same);
  figures->italian_r = Pearson(sim, labels);
  size_t positives = static_cast<size_t>(std::count(same.begin(), same.end(), true));
  std::printf("(b) Italian pairs, %zu (%zu same story): ROC AUC same story = %.3f, r(similarity, label) = %.3f\n",
              labels.size(), positives, figures->italian_auc, figures->italian_r);
  std::printf("    parts: AUC actors and places %.3f, lexical %.3f\n", RocAuc(actors, same), RocAuc(lexical, same));
  return true;
}

bool Uci(const fs::path& path, Featurizer& featurizer, const StoryLinkerOptions& options, Figures* figures) {
  auto rows = ReadDelimited(path, ',');
  if (rows.empty()) return false;
  auto col = Columns(rows[0]);
  for (const char* name : {"TITLE", "STORY", "TIMESTAMP"}) {
    if (!col.count(name)) {
      std::fprintf(stderr, "%s: no column %s\n", path.c_str(), name);
      return false;
    }
  }
  struct Headline {
    int64_t millis;
    size_t row;
  };
  std::vector<Headline> order;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() < rows[0].size()) continue;
    order.push_back({std::atoll(rows[r][col["TIMESTAMP"]].c_str()), r});
  }
  std::stable_sort(order.begin(), order.end(), [](const Headline& a, const Headline& b) { return a.millis < b.millis; });
  StoryLinker linker(options);
  std::vector<std::string> predicted, gold;
  size_t peak_active = 0;
  for (const Headline& h : order) {
    const auto& row = rows[h.row];
    LinkDocument doc = featurizer.Features("u" + std::to_string(h.row), row[col["TITLE"]], DateOfMillis(h.millis), "en");
    doc.title = row[col["TITLE"]];
    predicted.push_back(linker.Link(doc));
    gold.push_back(row[col["STORY"]]);
    linker.TakeChanged();
    peak_active = std::max(peak_active, linker.active_stories());
  }
  figures->uci = BCubedScore(predicted, gold);
  std::map<std::string, int> stories;
  for (const std::string& id : predicted) ++stories[id];
  std::map<std::string, int> gold_stories;
  for (const std::string& id : gold) ++gold_stories[id];
  std::printf("(c) UCI headlines, %zu (%zu stories): %zu predicted stories, B-cubed P %.3f R %.3f F1 %.3f\n",
              gold.size(), gold_stories.size(), stories.size(), figures->uci.precision, figures->uci.recall,
              figures->uci.f1);
  return true;
}

int Main(int argc, char** argv) {
  fs::path data = fs::path(CRONACA_SOURCE_DIR) / ".." / "shared" / "bench-data";
  double min_semeval = -1, min_auc = -1, min_italian_r = -1, min_f1 = -1;
  StoryLinkerOptions options;
  std::string only;  // "semeval", "italian" or "uci": one benchmark (tuning)
  size_t dump = 0;   // print the terms of the first `dump` documents
  bool detect_lang = false;  // ignore the languages the data sets declare
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "cronaca_story_eval: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--data") data = value();
    else if (arg == "--min-semeval") min_semeval = std::atof(value());
    else if (arg == "--min-auc") min_auc = std::atof(value());
    else if (arg == "--min-italian-r") min_italian_r = std::atof(value());
    else if (arg == "--min-f1") min_f1 = std::atof(value());
    else if (arg == "--threshold") options.threshold = std::atof(value());
    else if (arg == "--window") options.window_days = std::atoi(value());
    else if (arg == "--min-lexical") options.min_lexical = std::atof(value());
    else if (arg == "--only") only = value();
    else if (arg == "--dump") dump = static_cast<size_t>(std::atoll(value()));
    else if (arg == "--detect-lang") detect_lang = true;
    else {
      std::fprintf(stderr,
                   "usage: cronaca_story_eval [--data DIR] [--min-semeval R] [--min-auc A] [--min-italian-r R] "
                   "[--min-f1 F] [--threshold T] [--window DAYS] [--min-lexical L] [--only semeval|italian|uci] [--detect-lang]\n");
      return 2;
    }
  }
  const fs::path semeval = data / "semeval2022_task8_train_subset.csv";
  const fs::path italian = data / "it_same_story_pairs.tsv";
  const fs::path uci = data / "uci_news_headlines_subset.csv";
  for (const fs::path& p : {semeval, italian, uci}) {
    if (!fs::exists(p)) {
      std::printf("cronaca_story_eval: %s is missing: skipped\n", p.c_str());
      return kSkipped;
    }
  }
  auto featurizer = Featurizer::Create();
  if (!featurizer) return 2;
  featurizer->set_dump(dump);
  featurizer->set_detect_lang(detect_lang);
  auto start = std::chrono::steady_clock::now();
  Figures figures;
  if ((only.empty() || only == "semeval") && !SemEval(semeval, *featurizer, &figures)) return 2;
  if ((only.empty() || only == "italian") && !Italian(italian, *featurizer, &figures)) return 2;
  if ((only.empty() || only == "uci") && !Uci(uci, *featurizer, options, &figures)) return 2;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu texts analysed (%zu failed) in %.1f s\n", featurizer->analysed(), featurizer->failures(), seconds);
  int rc = 0;
  auto gate = [&](const char* what, double value, double min) {
    if (min >= 0 && value < min) {
      std::printf("FAIL: %s %.3f is below the gate %.3f\n", what, value, min);
      rc = 1;
    }
  };
  gate("SemEval -r", figures.semeval_r, min_semeval);
  gate("Italian ROC AUC", figures.italian_auc, min_auc);
  gate("Italian r", figures.italian_r, min_italian_r);
  gate("UCI B-cubed F1", figures.uci.f1, min_f1);
  return rc;
}

}  // namespace
}  // namespace cronaca

int main(int argc, char** argv) { return cronaca::Main(argc, argv); }
