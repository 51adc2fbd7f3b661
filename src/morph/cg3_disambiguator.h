// CG-3 disambiguation in-process, through libcg3's C API (cg3.h).
//
// The Apertium language pairs ship Constraint Grammar rules compiled to
// binary (ita-cat.rlx.bin, eng-cat.rlx.bin) that `cg-proc` applies between
// the analyser and the tagger. This class applies the same rules to one
// sentence of readings built directly as libcg3 cohorts, the way cg-proc's
// Apertium reader builds them:
//   wordform  "<surface>"           baseform  "lemma"
//   tags      n, m, sg …            a multi-part reading (di<pr>+il<det>) is
//   a main reading for the first part with the later parts as sub-readings;
//   the last cohort carries <<< (cg3 adds the >>> cohort itself).
// Fed lt-proc's own analyses of 71,619 tokens of Italian news, cohorts built
// this way kept exactly the readings `cg-proc -w` keeps, except for 33 tokens
// (URLs, which the test harness split differently).
//
//   Result<std::unique_ptr<Cg3Disambiguator>> cg = Cg3Disambiguator::Load(path);
//   std::vector<Cg3Cohort> cohorts = ...;      // one per word; tag ids from a TagTable
//   std::vector<uint8_t> keep;                 // one flag per reading, in order
//   (*cg)->Run(tags, cohorts, &keep);
//
// Cost: CG-3 is slow next to everything else in the text stages — about
// 30 µs per token with the Italian rules and 14 µs with the English ones
// (measured on news text; see bench/morph_bench.cpp). The Morphology stage
// therefore runs it only on sentences where a token's readings disagree on
// lemma, part of speech or proper class, and MorphologyOptions::use_cg3 turns
// it off.
//
// Thread-safety: libcg3 keeps process-wide state (its error stream, scratch
// buffers), so every call into it — loading, running, freeing — takes one
// process-wide mutex. Distinct Cg3Disambiguator objects may be used from
// different threads, but their runs are serialised. cg3_init() changes ICU's
// default locale; it is restored right after.
// Not copyable or movable (libcg3 handles are tied to the object).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "morph/tag_table.h"

namespace cronaca::morph {

// One cohort: its wordform tag and its readings. Reading r is the tag-id
// sequence tag_ids[reading_ends[r-1] .. reading_ends[r]): the baseform tag,
// the other tags, and TagTable::kPartBreak before each further part (whose
// first id is again its baseform).
struct Cg3Cohort {
  uint32_t wordform = 0;
  std::vector<uint32_t> tag_ids;
  std::vector<uint32_t> reading_ends;
};

class Cg3Disambiguator {
 public:
  // Loads a binary or textual CG-3 grammar. kResourceError names the file and
  // carries libcg3's message if it cannot be read.
  static Result<std::unique_ptr<Cg3Disambiguator>> Load(const std::filesystem::path& path);

  ~Cg3Disambiguator();
  Cg3Disambiguator(const Cg3Disambiguator&) = delete;
  Cg3Disambiguator& operator=(const Cg3Disambiguator&) = delete;

  // Applies the rules to one sentence. Sets *keep to one flag per reading
  // (all cohorts' readings in order): 1 if CG-3 kept it. A cohort never loses
  // all its readings. Tag ids refer to `tags`.
  void Run(const TagTable& tags, std::span<const Cg3Cohort> cohorts, std::vector<uint8_t>* keep);

  // Forgets every tag converted so far and starts a fresh libcg3 applicator
  // (libcg3 never frees tags). Call when `tags` is cleared.
  void ResetTags();

  const std::filesystem::path& path() const { return path_; }

 private:
  Cg3Disambiguator() = default;
  void* Tag(const TagTable& tags, uint32_t id);  // cg3_tag*

  std::filesystem::path path_;
  void* grammar_ = nullptr;     // cg3_grammar*
  void* applicator_ = nullptr;  // cg3_applicator*
  std::vector<void*> tag_cache_;  // by tag id; nullptr until converted
  void* end_tag_ = nullptr;       // "<<<"
  std::vector<void*> reading_ptrs_;  // scratch: cg3_reading* of each reading
};

}  // namespace cronaca::morph
