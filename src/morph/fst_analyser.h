// An Apertium morphological analyser (lttoolbox .automorf.bin), driven
// in-process through lttoolbox's State API instead of its stream processor.
//
//   Result<std::shared_ptr<const FstAnalyser>> fst =
//       FstAnalyser::Load("/usr/share/apertium/apertium-cat-ita/ita-cat.automorf.bin");
//   std::string readings;
//   if ((*fst)->Analyse("ministri", &readings)) {
//     // readings == "/ministro<n><m><pl>"  (what `lt-proc -w` prints)
//   }
//
//   FstCursor cursor(**fst);            // multiword units across tokens
//   cursor.Step("Stati"); cursor.Step(" "); cursor.Step("Uniti");
//   if (cursor.final()) readings = cursor.Readings();   // "/Stati Uniti<np><top><m><pl>"
//
// Why not FSTProcessor::analysis? It reads a character stream and decides
// itself where words begin and end; the tokens here come from our own
// segmenter, so a whole token is looked up at once and the mapping back to
// tokens is exact by construction. The result is the same: on 27,061 distinct
// word forms of Italian news, every form that `lt-proc -w` analyses as one unit
// got byte-identical readings here.
//
// Matching is case-insensitive the way lt-proc's is (an upper-case letter
// also matches its lower-case form, not the other way round); lemmas come in
// dictionary case ("il" for "Il", "Roma" for "ROMA"), as with `lt-proc -w`.
// Soft hyphens (U+00AD) are skipped.
//
// Thread-safety: Load() is thread-safe and shares one instance per path
// within the process; an analyser, once loaded, stays for the life of the
// process (loading takes ~25 ms and ~20 MB per analyser). An FstAnalyser is immutable after loading, so its const
// methods may be called from any number of threads; an FstCursor belongs to
// one thread. Neither is copyable (the transducers are large and hold
// pointers into themselves); cursors are cheap to create.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

class State;  // lttoolbox

namespace cronaca::morph {

class FstAnalyser {
 public:
  // Loads (or returns the already loaded) analyser at `path`.
  // kResourceError if the file is missing or not an lttoolbox transducer.
  static Result<std::shared_ptr<const FstAnalyser>> Load(const std::filesystem::path& path);

  ~FstAnalyser();
  FstAnalyser(const FstAnalyser&) = delete;
  FstAnalyser& operator=(const FstAnalyser&) = delete;

  // Looks up a whole surface form (UTF-8). Returns true and sets *readings to
  // "/lemma<tag>…/lemma<tag>…" if the dictionary knows it; false otherwise.
  bool Analyse(std::string_view form, std::string* readings) const;

  // For a bilingual dictionary (.autobil.bin): looks up a lemma with its
  // first tag, as `lt-proc -b` does for "^lemma<n>$". Returns true and sets
  // *outputs to "/trucada<n><f>/…" (lemmas the dictionary does not know come
  // back as "/@lemma<n>"); false if there is no entry. Not cached.
  // REQUIRES: `tag` is a whole tag with its brackets ("<n>", "<vblex>").
  bool Translate(std::string_view lemma, std::string_view tag, std::string* outputs) const;

  // True if some dictionary entry starts with `form` followed by a space:
  // the form may begin a multiword unit ("New" → "New York").
  bool CanStartMultiword(std::string_view form) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  friend class FstCursor;
  struct Impl;
  explicit FstAnalyser(std::filesystem::path path);
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

// A position in the analyser while a text is fed to it piece by piece.
class FstCursor {
 public:
  // REQUIRES: `fst` outlives the cursor.
  explicit FstCursor(const FstAnalyser& fst);
  ~FstCursor();
  FstCursor(const FstCursor&) = delete;
  FstCursor& operator=(const FstCursor&) = delete;

  // Back to the start (nothing consumed).
  void Reset();
  // Consumes UTF-8 text. Returns false once no dictionary path is left; a
  // dead cursor stays dead until Reset().
  bool Step(std::string_view text);
  bool alive() const;
  // True if the text consumed so far is a whole dictionary entry.
  bool final() const;
  // The readings of the text consumed so far, as FstAnalyser::Analyse.
  // REQUIRES: final()
  std::string Readings() const;

 private:
  const FstAnalyser& fst_;
  std::unique_ptr<State> state_;
  bool dead_ = false;
};

}  // namespace cronaca::morph
