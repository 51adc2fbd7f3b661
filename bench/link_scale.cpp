// cronaca_link_scale: does story linking stay flat as the archive grows?
//
//   build/bench/cronaca_link_scale                     # 10k, 100k over a year, 1M over ten
//   build/bench/cronaca_link_scale --docs 100000 --days 365 --trace
//
// Generates synthetic LinkDocuments (no text, no analysis: this measures
// the linker alone) and links them in date order with StoryLinker, as
// `cronaca analyze` does batch by batch (TakeChanged after every batch of
// one day). The generator:
//   - a vocabulary of actors (e:), places (p:) and lemmas (l:) drawn with
//     Zipf-like frequencies (rank r has weight 1 / r), so a few terms are
//     everywhere and most are rare, as in news;
//   - stories of 1..20 reports (mean about 5), each with a core of 2 actors,
//     1 place and 8 lemmas; a report keeps each core term with probability
//     0.7 and adds 1 actor and 10 lemmas of background;
//   - a story's reports fall on its first day and up to 3 days after;
//     first days are spread evenly over `--days`.
// For each run it prints documents, days, wall time, microseconds per
// document, the active stories and index terms at the end, and the peak
// resident memory of the process (VmHWM; runs go from small to large, so
// each peak is that run's). With --trace it prints the same per tenth of the
// run: time per document and active stories must level off once the first
// window is full, whatever the number of documents.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "link/story_linker.h"

namespace cronaca {
namespace {

// Peak and current resident set size in MiB, from /proc/self/status.
std::pair<double, double> MemoryMiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  double hwm = 0, rss = 0;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atof(line.c_str() + 6) / 1024;
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atof(line.c_str() + 6) / 1024;
  }
  return {hwm, rss};
}

// Draws ranks 0..n-1 with weight 1 / (rank + 1).
class Zipf {
 public:
  explicit Zipf(size_t n) : cumulative_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cumulative_[i] = sum += 1.0 / static_cast<double>(i + 1);
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

constexpr size_t kActors = 20000, kPlaces = 5000, kLemmas = 60000;
constexpr int kMaxSpreadDays = 3;
constexpr double kKeepCore = 0.7;

struct StoryCore {
  std::vector<std::string> terms;
  int reports_left = 0;
  int first_day = 0;
};

std::string DateOfDay(int day) {
  // Day 0 is 2025-01-01; a year of 365 days (2025 is not a leap year).
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = 2025 + day / 365;
  int d = day % 365, month = 0;
  while (d >= kMonthDays[month]) d -= kMonthDays[month++];
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month + 1, d + 1);
  return buf;
}

struct RunResult {
  double seconds = 0;
  size_t max_active = 0, stories = 0;
};

RunResult Run(size_t n_docs, int days, bool trace, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Zipf actors(kActors), places(kPlaces), lemmas(kLemmas);
  std::geometric_distribution<int> extra_reports(0.25);  // 1 + mean 3, capped below
  std::bernoulli_distribution keep(kKeepCore);
  const double docs_per_day = static_cast<double>(n_docs) / days;
  const double stories_per_day = docs_per_day / 4.0;  // about 4 reports a story after capping
  StoryLinker linker;
  RunResult result;
  std::vector<std::vector<size_t>> due(static_cast<size_t>(days + kMaxSpreadDays + 1));  // day -> story indices
  std::deque<StoryCore> cores;  // stories whose reports may still come; cores[i] is story base + i
  size_t base = 0;
  size_t linked = 0, next_trace = n_docs / 10;
  double story_debt = 0;
  auto start = std::chrono::steady_clock::now();
  auto trace_start = start;
  size_t trace_docs = 0;
  std::vector<LinkDocument> batch;
  for (int day = 0; linked < n_docs; ++day) {
    if (day < days) {
      for (story_debt += stories_per_day; story_debt >= 1; story_debt -= 1) {
        StoryCore core;
        core.first_day = day;
        core.reports_left = 1 + std::min(extra_reports(rng), 19);
        core.terms.push_back("e:a" + std::to_string(actors(rng)));
        core.terms.push_back("e:a" + std::to_string(actors(rng)));
        core.terms.push_back("p:" + std::to_string(places(rng)));
        for (int i = 0; i < 8; ++i) core.terms.push_back("l:w" + std::to_string(lemmas(rng)));
        size_t index = base + cores.size();
        for (int r = 0; r < core.reports_left; ++r) {
          int offset = std::uniform_int_distribution<int>(0, kMaxSpreadDays)(rng);
          due[static_cast<size_t>(day + offset)].push_back(index);
        }
        cores.push_back(std::move(core));
      }
    }
    if (static_cast<size_t>(day) >= due.size()) break;
    batch.clear();
    const std::string date = DateOfDay(day);
    for (size_t index : due[static_cast<size_t>(day)]) {
      if (linked + batch.size() >= n_docs) break;
      LinkDocument doc;
      doc.key = std::to_string(linked + batch.size()) + "-" + std::to_string(index);
      doc.date = PartialDate::Parse(date);
      for (const std::string& term : cores[index - base].terms) {
        if (keep(rng)) doc.terms.push_back(term);
      }
      doc.terms.push_back("e:a" + std::to_string(actors(rng)));
      for (int i = 0; i < 10; ++i) doc.terms.push_back("l:w" + std::to_string(lemmas(rng)));
      std::sort(doc.terms.begin(), doc.terms.end());
      doc.terms.erase(std::unique(doc.terms.begin(), doc.terms.end()), doc.terms.end());
      batch.push_back(std::move(doc));
    }
    due[static_cast<size_t>(day)].clear();
    due[static_cast<size_t>(day)].shrink_to_fit();
    for (const LinkDocument& doc : batch) linker.Link(doc);
    linker.TakeChanged();
    linked += batch.size();
    trace_docs += batch.size();
    result.max_active = std::max(result.max_active, linker.active_stories());
    // Story cores older than the spread are not needed any more.
    while (!cores.empty() && cores.front().first_day <= day - kMaxSpreadDays) {
      cores.pop_front();
      ++base;
    }
    if (trace && linked >= next_trace) {
      auto now = std::chrono::steady_clock::now();
      double us = std::chrono::duration<double, std::micro>(now - trace_start).count() / std::max<size_t>(1, trace_docs);
      std::printf("  %9zu docs  day %3d  %7.1f us/doc  %6zu active stories  RSS %.0f MiB\n", linked, day, us,
                  linker.active_stories(), MemoryMiB().second);
      std::fflush(stdout);
      trace_start = now;
      trace_docs = 0;
      next_trace += n_docs / 10;
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.stories = base + cores.size();
  return result;
}

int Main(int argc, char** argv) {
  // Default: 10k and 100k over a year, 1M over ten years (the density of
  // 100k a year: a million in one year is a different density, see README).
  std::vector<std::pair<size_t, int>> runs = {{10000, 365}, {100000, 365}, {1000000, 3650}};
  int days = 0;
  bool trace = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--docs" && i + 1 < argc) {
      runs = {{static_cast<size_t>(std::atoll(argv[++i])), 365}};
    } else if (arg == "--days" && i + 1 < argc) {
      days = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--trace") {
      trace = true;
    } else {
      std::fprintf(stderr, "usage: cronaca_link_scale [--docs N] [--days D] [--trace]\n");
      return 2;
    }
  }
  std::printf("%10s %5s %9s %9s %10s %12s %13s %10s\n", "documents", "days", "docs/day", "seconds", "us/doc",
              "stories", "max active", "peak MiB");
  for (auto [n, run_days] : runs) {
    if (days > 0) run_days = days;
    RunResult r = Run(n, run_days, trace, 42);
    std::printf("%10zu %5d %9.0f %9.2f %10.1f %12zu %13zu %10.0f\n", n, run_days, static_cast<double>(n) / run_days,
                r.seconds, 1e6 * r.seconds / static_cast<double>(n), r.stories, r.max_active, MemoryMiB().first);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace
}  // namespace cronaca

int main(int argc, char** argv) { return cronaca::Main(argc, argv); }
