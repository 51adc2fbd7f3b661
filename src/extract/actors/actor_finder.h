// ActorFinder: the actor mentions of one document, from an ActorDictionary.
//
//   std::shared_ptr<const ActorDictionary> dict = ...;   // dictionary.h
//   ActorFinder finder(dict);
//   std::vector<Mention> mentions;
//   finder.Find(doc, &mentions);       // doc has tokens, sentences, language
//
// What it finds, sentence by sentence (common/annotations.h, Mention):
//   names        "Vladimir Putin", "Zelenskyy", "NATO" -> the entity, its code
//                on the document's date (kDirect); surnames alone ("Putin")
//                -> the person named earlier (kSurname, with antecedent) or,
//                if nobody was, the only person with that surname
//   epithets     "il tycoon" -> Trump (kEpithet)
//   countries    "Russia", "russi", "Russian" -> RUS (kCountry)
//   metonyms     seats ("Cremlino", "White House") -> the government (RUSGOV,
//                USAGOV); capitals -> the government when they act (at the
//                start of a sentence, before a verb or a possessive), the bare
//                country after a locative preposition ("a Mosca"), else the
//                government with a lower confidence; "Brussels" -> EU via an
//                entity's `metonyms`
//   agents       a role or agent of agents.txt tied to a country, capital,
//                seat or organisation next to it ("il ministro degli Esteri
//                turco", "Russian troops", "l'aiutante del Cremlino", "EU
//                foreign policy chief"): an office resolves to its holder on
//                the document's date (kTitle; "il presidente ucraino" ->
//                Zelensky), or to the person named right after it ("Kremlin
//                aide Yuri Ushakov"); otherwise the mention carries the
//                country code plus the agent's suffix (TURGOV, RUSMIL). An
//                office without a country resolves to the last person named
//                who holds it; an agent without one takes the document's
//                most-mentioned country, with a low confidence.
// Matching is longest-first over folded chunks (fold.h): case-, accent- and
// apostrophe-insensitive, with case rules that keep common words ("nato",
// "usa", "us") from matching names (dictionary.h, CaseRule). Mentions do not
// overlap; they are in document order; spans are original bytes.
//
// Dates: codes and office holders are those valid on ReferenceDay() of the
// document's date (a month stands for its 15th; no date: the latest codes).
//
// Not thread-safe (scratch buffers reused between documents, so the hot
// path does not allocate once they have grown); use one per thread. The
// dictionary is shared and immutable. Movable, not copyable.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/annotations.h"
#include "common/document.h"
#include "extract/actors/dictionary.h"
#include "extract/actors/fold.h"

namespace cronaca::actors {

class ActorFinder {
 public:
  explicit ActorFinder(std::shared_ptr<const ActorDictionary> dictionary);
  ActorFinder(ActorFinder&&) = default;
  ActorFinder& operator=(ActorFinder&&) = default;
  ActorFinder(const ActorFinder&) = delete;
  ActorFinder& operator=(const ActorFinder&) = delete;

  // Replaces *mentions with the actor mentions of `doc`.
  // REQUIRES: doc has tokens and sentences (the Segmenter ran). Uses
  // morphology (POS, known words) when doc has kLayerMorphology.
  void Find(const Document& doc, std::vector<Mention>* mentions);

  const ActorDictionary& dictionary() const { return *dict_; }

 private:
  // One chunk of the document (fold.h), in sentence order.
  struct Chunk {
    uint32_t id;        // vocabulary id or kNoChunk (also for barriers)
    uint32_t token;
    uint16_t letters;
    uint16_t upper;
    uint8_t flags;      // kStartOk | kEndOk
    uint32_t norm_begin;  // bytes of Document::normalized()
    uint32_t norm_end;
  };
  // A matched phrase and its chosen reading.
  struct Unit {
    uint32_t chunk_begin, chunk_end;
    uint32_t tok_begin, tok_end;     // tokens [tok_begin, tok_end)
    uint32_t sentence;
    SurfaceKind kind;
    uint32_t surfaces_begin, surfaces_end;  // accepted readings in accepted_
    bool consumed = false;
  };
  // A mention in the making: a unit, or an agent with its modifier and
  // appositive name.
  struct Draft {
    uint32_t unit;                  // the head unit
    uint32_t tok_begin, tok_end;
    int modifier = -1;              // unit giving the place (country, capital, org)
    int inherited = -1;             // agent unit whose place this agent takes
    int appositive = -1;            // person unit naming the agent
    bool former = false;            // "ex presidente"
  };

  void BuildChunks(const Document& doc);
  void MatchSentence(const Document& doc, uint32_t sent_idx, uint32_t lang_mask, bool has_morph);
  bool Accept(const Document& doc, const Surface& s, uint32_t chunk_begin, uint32_t length, uint32_t lang_mask,
              bool has_morph) const;
  void CombineSentence(const Document& doc, uint32_t units_begin, uint32_t units_end, const LanguageRules* rules,
                       bool has_morph);
  void Resolve(const Document& doc, const Draft& draft, Day day, const LanguageRules* rules, bool has_morph,
               std::vector<Mention>* mentions);

  // The place a modifier unit gives: iso3 or organisation code ("" if none),
  // and the entity behind it for organisations.
  std::string PlaceOf(const Unit& unit, Day day, int* entity) const;
  const Surface& FirstSurface(const Unit& unit) const { return *accepted_[unit.surfaces_begin]; }
  bool IsModifier(const Unit& unit) const;
  bool IsPerson(const Unit& unit) const;
  // True if every token in [from, to) satisfies `pred`; the count of them.
  template <typename Pred>
  bool GapAll(uint32_t from, uint32_t to, Pred pred) const;
  uint32_t TokensBetween(uint32_t from, uint32_t to) const;

  std::shared_ptr<const ActorDictionary> dict_;
  // Scratch, reused between documents.
  std::string folded_;
  std::vector<FoldedChunk> token_chunks_;
  std::vector<Chunk> chunks_;
  std::vector<uint32_t> ids_;                // chunks_[i].id, contiguous for the matcher
  std::vector<uint32_t> sentence_chunks_;    // sentence -> first chunk; size sentences + 1
  std::vector<uint32_t> token_chunk_;        // token -> vocabulary id of its first chunk
  std::vector<const Surface*> accepted_;
  std::vector<Unit> units_;
  std::vector<uint32_t> sentence_units_;     // sentence -> first unit; size sentences + 1
  std::vector<Draft> drafts_;
  std::vector<uint32_t> holders_;
  std::vector<std::pair<uint32_t, uint32_t>> last_mention_;  // (entity, mention) most recent last
  std::vector<std::pair<std::string_view, uint32_t>> focus_counts_;  // iso3 (in the dictionary), mentions
  std::string focus_;                        // the document's most-mentioned country
};

}  // namespace cronaca::actors
