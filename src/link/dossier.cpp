#include "link/dossier.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/resource_text.h"
#include "common/resources.h"
#include "extract/events/cameo.h"

namespace cronaca {
namespace {

// A report below this quality score (or suspected of machine translation) is
// listed as doubtful: agreement resting on it is weak evidence.
constexpr float kDoubtfulQuality = 0.8f;
// Two quotes of one speaker are one quote when this share of the words of
// the shorter is in the longer, and worded alike from kSameWording on.
constexpr double kSameQuote = 0.5;
constexpr double kSameWording = 0.9;
// A duration or ordinal belongs to the nearest event trigger of its sentence
// within this many bytes ("la telefonata è durata circa un'ora").
constexpr Offset kMaxAttachDistance = 40;
// Longest quotation text in the Markdown lists (bytes, cut at a word).
constexpr size_t kMaxQuoteText = 160;

std::string Dash(const std::string& s) { return s.empty() ? "-" : s; }

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && !Contains(*v, s)) v->push_back(s);
}

// --- words ------------------------------------------------------------------

// Words are runs of ASCII letters and digits and of multi-byte characters,
// except the punctuation PunctuationAt recognises (’ “ ” – « » no-break space).
bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Bytes of a punctuation character that starts at text[i] (0 if none).
size_t PunctuationAt(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  if (b(i) == 0xE2 && b(i + 1) == 0x80) return 3;                                            // U+2000..U+203F
  if (b(i) == 0xE2 && b(i + 1) == 0x81 && b(i + 2) <= 0xAF) return 3;                        // U+2040..U+206F
  if (b(i) == 0xC2 && (b(i + 1) == 0xAB || b(i + 1) == 0xBB || b(i + 1) == 0xA0)) return 2;  // « » nbsp
  return 0;
}

struct Word {
  size_t begin, end;  // bytes in the text
  std::string lower;  // ASCII letters lower-cased
};

std::vector<Word> SplitText(std::string_view text, size_t offset = 0) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (size_t n = PunctuationAt(text, i)) {
      i += n;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(static_cast<unsigned char>(text[j])) && PunctuationAt(text, j) == 0) ++j;
    Word w{offset + i, offset + j, std::string(text.substr(i, j - i))};
    for (char& c : w.lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    words.push_back(std::move(w));
    i = j;
  }
  return words;
}

std::vector<std::string> WordSet(std::string_view text) {
  std::vector<std::string> out;
  for (Word& w : SplitText(text)) out.push_back(std::move(w.lower));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Share of the words of the shorter set found in the longer one.
double Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return static_cast<double>(common.size()) / static_cast<double>(std::min(a.size(), b.size()));
}

std::string Shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = s.rfind(' ', max);
  if (cut == std::string::npos || cut < max / 2) cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return s.substr(0, cut) + " …";
}

// --- the ordinal lexicon (resources/<lang>/dossier.txt) --------------------

struct DossierLexicon {
  std::unordered_map<std::string, int> ordinals;  // word -> value
  std::unordered_set<std::string> determiners;
};

Result<DossierLexicon> ParseLexicon(std::string_view text, const std::string& file) {
  DossierLexicon lex;
  Status s = ForEachKeyValue(text, file, [&](std::string_view key, std::string_view value, size_t line_no) -> Status {
    if (key == "ordinal") {
      size_t colon = value.find(':');
      if (colon == std::string_view::npos) return LineError(file, line_no, "expected 'ordinal = N: word | word'");
      std::string number(TrimBlanks(value.substr(0, colon)));
      int n = 0;
      for (char c : number) {
        if (c < '0' || c > '9' || n > 1000)
          return LineError(file, line_no, "'" + number + "' is not a positive number");
        n = n * 10 + (c - '0');
      }
      if (n <= 0) return LineError(file, line_no, "'" + number + "' is not a positive number");
      std::vector<std::string> words = SplitValues(value.substr(colon + 1));
      if (words.empty()) return LineError(file, line_no, "no words for ordinal " + number);
      for (std::string& w : words) {
        for (char& c : w) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        lex.ordinals[w] = n;
      }
      return Status::Ok();
    }
    if (key == "determiner") {
      std::vector<std::string> words = SplitValues(value);
      if (words.empty()) return LineError(file, line_no, "no determiners");
      for (std::string& w : words) lex.determiners.insert(std::move(w));
      return Status::Ok();
    }
    return LineError(file, line_no, "unknown key '" + std::string(key) + "'");
  });
  if (!s.ok()) return s;
  return lex;
}

// The lexicon of `lang`, loaded once; nullptr when the language has none (a
// broken file is reported once on stderr and treated as absent).
const DossierLexicon* LexiconFor(const std::string& lang) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<DossierLexicon>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<DossierLexicon>& slot = cache[lang];
  if (lang.empty()) return nullptr;
  auto path = FindResource(lang, "dossier.txt");
  if (!path.ok()) return nullptr;
  auto text = ReadFile(*path);
  if (!text.ok()) return nullptr;
  auto lex = ParseLexicon(*text, path->string());
  if (!lex.ok()) {
    std::fprintf(stderr, "warning: %s\n", lex.status().message().c_str());
    return nullptr;
  }
  slot = std::make_unique<DossierLexicon>(std::move(*lex));
  return slot.get();
}

uint32_t SentenceAt(const Document& doc, size_t offset) {
  const auto& sentences = doc.sentences();
  for (uint32_t i = 0; i < sentences.size(); ++i) {
    if (offset >= sentences[i].span.begin && offset < sentences[i].span.end) return i;
  }
  return kNoIndex;
}

// --- descriptions -------------------------------------------------------------

std::string EventName(const std::string& code) {
  auto table = CameoTable::Default();
  if (!table.ok()) return "";
  const CameoCode* c = (*table)->Find(code);
  return c ? c->name : "";
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::vector<std::string> ModalityNames(uint8_t modality) {
  std::vector<std::string> out;
  if (modality & kModalityNegated) out.push_back("negated");
  if (modality & kModalityIntent) out.push_back("intent");
  if (modality & kModalityAlleged) out.push_back("alleged");
  if (modality & kModalityReported) out.push_back("reported");
  if (modality & kModalityHistory) out.push_back("history");
  return out;
}

std::string DescribeEvent(const StoryEvent& e) {
  std::string out = Dash(e.source) + " → " + (e.targets.empty() ? std::string("-") : Join(e.targets, ", ")) + ": " +
                    Join(e.codes, "/");
  std::string name = EventName(e.code);
  if (!name.empty()) out += " " + name;
  if (!e.places.empty()) out += " in " + Join(e.places, ", ");
  if (!e.Date().empty()) {
    out += ", " + e.Date();
  } else if (!e.dates.empty()) {
    out += ", one of " + Join(e.dates, " ");
  }
  std::vector<std::string> flags = ModalityNames(e.modality);
  if (!flags.empty()) out += " (" + Join(flags, ", ") + ")";
  return out;
}

std::string Quoted(const std::string& s) { return "«" + s + "»"; }

}  // namespace

Dossier CompareReports(const std::string& story_id, const std::vector<const Document*>& docs,
                       const std::vector<CopyRecord>& copies) {
  Dossier dossier;
  dossier.story = story_id;
  std::map<std::string, const Document*> by_id;
  std::map<std::string, std::string> id_of_key;
  for (const Document* doc : docs) {
    by_id[doc->id()] = doc;
    id_of_key[doc->key()] = doc->id();
  }

  // --- documents, actors and places ---------------------------------------------
  std::map<std::string, SharedEntity> entities;  // "e:id" / "p:id"
  std::map<std::string, std::set<std::string>> entity_docs;
  std::set<std::string> sources;
  for (const Document* doc : docs) {
    const Metadata& meta = doc->metadata();
    const Extractions& ex = doc->extractions();
    DossierDocument d;
    d.id = doc->id();
    d.key = doc->key();
    d.title = meta.title;
    d.source = meta.source;
    d.date = meta.has_date ? meta.date.ToString() : "";
    d.lang = doc->lang();
    d.url = meta.url;
    if (!meta.source.empty()) sources.insert(meta.source);
    for (const Mention& m : ex.mentions) {
      if (m.entity.empty()) continue;
      SharedEntity& item = entities["e:" + m.entity];
      if (item.name.empty()) item = {false, m.entity, m.name.empty() ? m.entity : m.name, {}};
      entity_docs["e:" + m.entity].insert(doc->id());
    }
    for (const PlaceMention& p : ex.places) {
      if (p.place.empty()) continue;
      SharedEntity& item = entities["p:" + p.place];
      if (item.name.empty()) item = {true, p.place, p.name.empty() ? p.place : p.name, {}};
      entity_docs["p:" + p.place].insert(doc->id());
    }
    std::set<std::string> flag_kinds;
    for (const QualityFlag& f : doc->quality_flags()) {
      if (f.kind != "machine-translation-suspected") flag_kinds.insert(f.kind);
    }
    d.quality = ex.quality;
    d.machine_translation = ex.machine_translation;
    d.quality_flags.assign(flag_kinds.begin(), flag_kinds.end());
    d.doubtful = ex.machine_translation || ex.quality < kDoubtfulQuality;
    if (d.doubtful) dossier.doubtful.push_back(d.id);
    dossier.documents.push_back(std::move(d));
  }
  dossier.n_sources = sources.size();
  for (auto& [term, item] : entities) {
    const std::set<std::string>& in = entity_docs[term];
    item.documents.assign(in.begin(), in.end());
    (in.size() >= 2 ? dossier.shared : dossier.named_once).push_back(std::move(item));
  }
  std::stable_sort(dossier.shared.begin(), dossier.shared.end(), [](const SharedEntity& a, const SharedEntity& b) {
    return a.documents.size() > b.documents.size();
  });

  // --- events merged across reports ---------------------------------------------
  dossier.events = MergeStoryEvents(docs);
  // (doc, sentence) -> the triggers of the sentence with their story event id.
  std::map<std::pair<std::string, uint32_t>, std::vector<std::pair<Span, std::string>>> events_of_sentence;
  for (size_t i = 0; i < dossier.events.size(); ++i) {
    for (const StoryEventMention& m : dossier.events[i].mentions) {
      events_of_sentence[{m.document, m.sentence}].emplace_back(m.trigger, "E" + std::to_string(i + 1));
    }
  }
  // The story event whose trigger is nearest to `span` in its sentence, "" if none.
  auto event_at = [&](const std::string& doc, uint32_t sentence, Span span) -> std::string {
    auto it = events_of_sentence.find({doc, sentence});
    if (it == events_of_sentence.end()) return "";
    std::string best;
    Offset best_distance = 0;
    for (const auto& [trigger, id] : it->second) {
      const Offset distance = trigger.end <= span.begin   ? span.begin - trigger.end
                              : span.end <= trigger.begin ? trigger.begin - span.end
                                                          : 0;
      if (distance > kMaxAttachDistance) continue;
      if (best.empty() || distance < best_distance) {
        best = id;
        best_distance = distance;
      }
    }
    return best;
  };

  // --- quantities: durations and ordinals -----------------------------------------
  std::map<std::pair<std::string, std::string>, size_t> quantity_index;  // (kind, value) -> index
  auto add_quantity = [&](const std::string& kind, const std::string& value, QuantityFact::Mention m) {
    auto [it, fresh] = quantity_index.emplace(std::make_pair(kind, value), dossier.quantities.size());
    if (fresh) {
      QuantityFact q;
      q.id = "Q" + std::to_string(dossier.quantities.size() + 1);
      q.kind = kind;
      q.value = value;
      dossier.quantities.push_back(std::move(q));
    }
    QuantityFact& q = dossier.quantities[it->second];
    AddUnique(&q.documents, m.document);
    q.mentions.push_back(std::move(m));
  };
  for (const Document* doc : docs) {
    for (const TimeExpression& t : doc->extractions().times) {
      if (t.type != TimeType::kDuration || t.value.empty()) continue;
      const std::string event = event_at(doc->id(), t.sentence, t.span);
      add_quantity("duration", t.value, {doc->id(), t.span, std::string(doc->Text(t.span)), t.rule, event});
    }
    const DossierLexicon* lex = LexiconFor(doc->lang());
    if (lex == nullptr) continue;
    const Span body = doc->body();
    std::vector<Word> words = SplitText(doc->Text(body), body.begin);
    for (size_t i = 0; i < words.size(); ++i) {
      auto ord = lex->ordinals.find(words[i].lower);
      if (ord == lex->ordinals.end()) continue;
      // Only blanks and apostrophes between the determiner and the ordinal:
      // "… la fine. Secondo fonti" is not "la seconda".
      auto joined = [&](size_t from, size_t to) {
        std::string_view gap = doc->Text({static_cast<Offset>(words[from].end), static_cast<Offset>(words[to].begin)});
        while (!gap.empty()) {
          if (gap[0] == ' ' || gap[0] == '\t' || gap[0] == '\'') {
            gap.remove_prefix(1);
          } else if (gap.substr(0, 3) == "\u2019") {
            gap.remove_prefix(3);
          } else {
            return false;
          }
        }
        return true;
      };
      // Right after a determiner (a possessive is one: "la loro sesta").
      const bool after_determiner = i >= 1 && lex->determiners.count(words[i - 1].lower) && joined(i - 1, i);
      if (!after_determiner) continue;
      Span span{static_cast<Offset>(words[i].begin), static_cast<Offset>(words[i].end)};
      // The counted noun, when it follows ("sesto incontro"): part of what is shown.
      if (i + 1 < words.size() && words[i + 1].end - words[i + 1].begin >= 4 &&
          doc->original().find_first_of(".,;:!?\n", words[i].end) >= words[i + 1].begin) {
        span.end = static_cast<Offset>(words[i + 1].end);
      }
      const uint32_t sentence = SentenceAt(*doc, words[i].begin);
      add_quantity("ordinal", std::to_string(ord->second),
                   {doc->id(), span, std::string(doc->Text(span)), "dossier.ordinal." + doc->lang(),
                    sentence == kNoIndex ? "" : event_at(doc->id(), sentence, span)});
    }
  }

  // --- quotes by speaker --------------------------------------------------------------
  std::vector<std::vector<std::string>> quote_words;  // per version, parallel to a flat list below
  struct Flat {
    size_t fact, version;
  };
  std::vector<Flat> flat;
  for (const Document* doc : docs) {
    const std::vector<Quotation>& quotes = doc->extractions().quotes;
    for (size_t qi = 0; qi < quotes.size(); ++qi) {
      const Quotation& q = quotes[qi];
      if (q.kind == QuoteKind::kEmpty || q.kind == QuoteKind::kScare || q.content.end <= q.content.begin) continue;
      const std::string speaker_key = !q.speaker_entity.empty() ? q.speaker_entity : q.speaker_code;
      if (speaker_key.empty()) continue;
      // A quotation inside a claim of the same speaker is covered by the claim.
      bool covered = false;
      for (size_t oi = 0; oi < quotes.size() && !covered; ++oi) {
        const Quotation& o = quotes[oi];
        if (oi == qi || o.kind == QuoteKind::kEmpty) continue;
        const std::string other_key = !o.speaker_entity.empty() ? o.speaker_entity : o.speaker_code;
        const bool inside = o.content.begin <= q.content.begin && q.content.end <= o.content.end;
        const bool same = o.content.begin == q.content.begin && o.content.end == q.content.end;
        covered = other_key == speaker_key && inside && (!same || oi < qi);
      }
      if (covered) continue;
      QuoteFact::Version v{doc->id(), doc->lang(), q.content, std::string(doc->Text(q.content)), q.rule, q.indirect};
      std::vector<std::string> words = WordSet(v.text);
      // The quote of the same speaker with similar words, if any.
      size_t home = dossier.quotes.size();
      for (size_t fi = 0; fi < flat.size() && home == dossier.quotes.size(); ++fi) {
        const QuoteFact& f = dossier.quotes[flat[fi].fact];
        if (f.speaker_entity != speaker_key) continue;
        const std::vector<std::string>& other = quote_words[fi];
        const size_t shorter = std::min(other.size(), words.size());
        const double overlap = Overlap(other, words);
        // At least two shared words unless both are a single word.
        const bool similar = shorter >= 2 ? overlap >= kSameQuote && overlap * shorter >= 1.999 : other == words;
        if (similar) home = flat[fi].fact;
      }
      if (home == dossier.quotes.size()) {
        QuoteFact f;
        f.id = "C" + std::to_string(dossier.quotes.size() + 1);
        f.speaker = q.speaker;
        f.speaker_entity = speaker_key;
        dossier.quotes.push_back(std::move(f));
      }
      QuoteFact& f = dossier.quotes[home];
      AddUnique(&f.documents, v.document);
      flat.push_back({home, f.versions.size()});
      quote_words.push_back(std::move(words));
      f.versions.push_back(std::move(v));
    }
  }

  // --- agreed and single ---------------------------------------------------------------
  // A copy counts with its origin: agreement between them is one report.
  std::map<std::string, std::string> origin_of;  // document id -> id of its origin
  for (const CopyRecord& c : copies) {
    auto copy = id_of_key.find(c.key);
    auto origin = id_of_key.find(c.origin);
    if (copy != id_of_key.end() && origin != id_of_key.end()) origin_of[copy->second] = origin->second;
  }
  auto sort_into = [&](FactRef ref) {
    std::set<std::string> origins;
    for (const std::string& d : ref.documents) origins.insert(origin_of.count(d) ? origin_of[d] : d);
    ref.independent = origins.size();
    (ref.documents.size() >= 2 ? dossier.agreed : dossier.single).push_back(std::move(ref));
  };
  for (size_t i = 0; i < dossier.events.size(); ++i) {
    const StoryEvent& e = dossier.events[i];
    std::string text = DescribeEvent(e) + ":";
    std::vector<std::string> triggers;
    for (const StoryEventMention& m : e.mentions) AddUnique(&triggers, Quoted(m.trigger_text));
    sort_into({"event", "E" + std::to_string(i + 1), text + " " + Join(triggers, ", "), e.documents});
  }
  for (const QuantityFact& q : dossier.quantities) {
    std::vector<std::string> texts;
    for (const QuantityFact::Mention& m : q.mentions) AddUnique(&texts, Quoted(m.text));
    sort_into({"quantity", q.id, q.kind + " " + q.value + ": " + Join(texts, ", "), q.documents});
  }
  for (const QuoteFact& f : dossier.quotes) {
    sort_into({"quote", f.id, f.speaker + ": " + Quoted(Shorten(f.versions[0].text, kMaxQuoteText)), f.documents});
  }
  for (const SharedEntity& e : dossier.shared) sort_into({e.is_place ? "place" : "actor", e.id, e.name, e.documents});
  for (const SharedEntity& e : dossier.named_once) {
    sort_into({e.is_place ? "place" : "actor", e.id, e.name, e.documents});
  }

  // --- differences ---------------------------------------------------------------------
  // The same event with incompatible dates: two story events that differ only there.
  constexpr uint8_t kIdentityFlags = kModalityNegated | kModalityIntent | kModalityHistory;
  for (size_t i = 0; i < dossier.events.size(); ++i) {
    for (size_t j = i + 1; j < dossier.events.size(); ++j) {
      const StoryEvent& a = dossier.events[i];
      const StoryEvent& b = dossier.events[j];
      if (!CodesCompatible(a.code, b.code) || a.source != b.source || a.target != b.target ||
          (a.modality & kIdentityFlags) != (b.modality & kIdentityFlags) || a.dates.empty() || b.dates.empty()) {
        continue;
      }
      bool shared_doc = false;
      for (const std::string& d : a.documents) shared_doc |= Contains(b.documents, d);
      if (shared_doc) continue;  // one report telling two dated events: not a disagreement
      dossier.differences.push_back({"date",
                                     DescribeEvent(a),
                                     {"E" + std::to_string(i + 1), "E" + std::to_string(j + 1)},
                                     {{Join(a.dates, " "), a.documents}, {Join(b.dates, " "), b.documents}}});
    }
  }
  // A quantity tied to one event, stated differently.
  for (size_t i = 0; i < dossier.events.size(); ++i) {
    const std::string id = "E" + std::to_string(i + 1);
    for (const char* kind : {"duration", "ordinal"}) {
      std::vector<const QuantityFact*> tied;
      for (const QuantityFact& q : dossier.quantities) {
        if (q.kind != kind) continue;
        for (const QuantityFact::Mention& m : q.mentions) {
          if (m.event == id) {
            tied.push_back(&q);
            break;
          }
        }
      }
      if (tied.size() < 2) continue;
      // Different when some report states none of the values another states
      // (a report giving 6 and 2 does not contradict one giving 6). Durations
      // are compared within their scale: "PT1H" and "PT30M" are two accounts
      // of one call, "P6Y" and "PT3H" measure different things.
      auto scale = [&](const std::string& value) -> std::string {
        return std::string(kind) == "duration" && value.rfind("PT", 0) == 0 ? "clock" : "calendar";
      };
      std::map<std::string, std::map<std::string, std::set<std::string>>> values_of;  // scale -> doc -> values
      for (const QuantityFact* q : tied) {
        for (const QuantityFact::Mention& m : q->mentions) {
          if (m.event == id) values_of[scale(q->value)][m.document].insert(q->value);
        }
      }
      std::string differ_scale;
      for (const auto& [sc, per_doc] : values_of) {
        for (auto a = per_doc.begin(); a != per_doc.end() && differ_scale.empty(); ++a) {
          for (auto b = std::next(a); b != per_doc.end() && differ_scale.empty(); ++b) {
            std::vector<std::string> common;
            std::set_intersection(a->second.begin(), a->second.end(), b->second.begin(), b->second.end(),
                                  std::back_inserter(common));
            if (common.empty()) differ_scale = sc;
          }
        }
      }
      if (differ_scale.empty()) continue;
      std::erase_if(tied, [&](const QuantityFact* q) { return scale(q->value) != differ_scale; });
      Difference d{"quantity", std::string(kind) + " of " + DescribeEvent(dossier.events[i]), {id}, {}};
      for (const QuantityFact* q : tied) {
        std::vector<std::string> in;
        for (const QuantityFact::Mention& m : q->mentions) {
          if (m.event == id) AddUnique(&in, m.document);
        }
        d.refs.push_back(q->id);
        d.versions.push_back({q->value, in});
      }
      dossier.differences.push_back(std::move(d));
    }
  }
  // The titles a report gives a person, in reports of one language.
  {
    std::map<std::string, std::map<std::string, std::set<std::string>>> titles;  // entity -> doc -> titles
    std::map<std::string, std::string> names;
    for (const Document* doc : docs) {
      for (const Mention& m : doc->extractions().mentions) {
        if (m.type != MentionType::kPerson || m.entity.empty()) continue;
        if (m.resolution != Resolution::kTitle && m.resolution != Resolution::kEpithet) continue;
        std::string text;
        for (const Word& w : SplitText(doc->Text(m.span))) text += (text.empty() ? "" : " ") + w.lower;
        titles[m.entity][doc->id()].insert(text);
        names[m.entity] = m.name;
      }
    }
    for (const auto& [entity, per_doc] : titles) {
      std::map<std::string, std::vector<std::pair<std::string, const std::set<std::string>*>>> by_lang;
      for (const auto& [doc, set] : per_doc) by_lang[by_id[doc]->lang()].emplace_back(doc, &set);
      for (const auto& [lang, list] : by_lang) {
        if (list.size() < 2) continue;
        // Different when some report uses none of another's titles.
        bool differ = false;
        for (size_t i = 0; i < list.size() && !differ; ++i) {
          for (size_t j = i + 1; j < list.size() && !differ; ++j) {
            std::vector<std::string> common;
            std::set_intersection(list[i].second->begin(), list[i].second->end(), list[j].second->begin(),
                                  list[j].second->end(), std::back_inserter(common));
            differ = common.empty();
          }
        }
        if (!differ) continue;
        Difference d{"title", (names[entity].empty() ? entity : names[entity]) + " (" + entity + ")", {entity}, {}};
        for (const auto& [doc, set] : list) {
          std::vector<std::string> quoted;
          for (const std::string& t : *set) quoted.push_back(Quoted(t));
          d.versions.push_back({Join(quoted, ", "), {doc}});
        }
        dossier.differences.push_back(std::move(d));
      }
    }
  }
  // One quote worded differently (reports of one language).
  for (size_t fi = 0; fi < dossier.quotes.size(); ++fi) {
    const QuoteFact& f = dossier.quotes[fi];
    if (f.documents.size() < 2) continue;
    std::vector<size_t> idx;  // flat indexes of this fact's versions
    for (size_t k = 0; k < flat.size(); ++k) {
      if (flat[k].fact == fi) idx.push_back(k);
    }
    bool differ = false;
    for (size_t a = 0; a < idx.size() && !differ; ++a) {
      for (size_t b = a + 1; b < idx.size() && !differ; ++b) {
        const QuoteFact::Version& va = f.versions[flat[idx[a]].version];
        const QuoteFact::Version& vb = f.versions[flat[idx[b]].version];
        if (va.document == vb.document || va.lang != vb.lang) continue;
        differ = Overlap(quote_words[idx[a]], quote_words[idx[b]]) < kSameWording;
      }
    }
    if (!differ) continue;
    Difference d{"wording", f.speaker + " (" + f.speaker_entity + ")", {f.id}, {}};
    for (const QuoteFact::Version& v : f.versions)
      d.versions.push_back({Quoted(Shorten(v.text, kMaxQuoteText)), {v.document}});
    dossier.differences.push_back(std::move(d));
  }

  // --- same origin -------------------------------------------------------------------------
  for (const CopyRecord& c : copies) {
    auto copy = id_of_key.find(c.key);
    auto origin = id_of_key.find(c.origin);
    if (copy == id_of_key.end() || origin == id_of_key.end()) continue;
    char similarity[16];
    std::snprintf(similarity, sizeof similarity, "%.2f", c.similarity);
    dossier.same_origin.push_back(
        {"copy",
         "",
         origin->second,
         {origin->second, copy->second},
         copy->second + " is a copy of " + origin->second + " (" + c.rule + ", similarity " + similarity + ")"});
  }
  {
    // Who speaks in each report (quotations, claims, relays), who is named,
    // who acts in an event, and who is a person.
    std::map<std::string, std::map<std::string, size_t>> speaks;  // entity -> doc -> quotes
    std::map<std::string, std::set<std::string>> named;           // entity -> docs
    std::set<std::string> actors, persons;
    std::map<std::string, std::string> names;
    for (const Document* doc : docs) {
      const Extractions& ex = doc->extractions();
      for (const Mention& m : ex.mentions) {
        if (m.entity.empty()) continue;
        named[m.entity].insert(doc->id());
        if (m.type == MentionType::kPerson) persons.insert(m.entity);
        if (names[m.entity].empty()) names[m.entity] = m.name;
      }
      for (const Quotation& q : ex.quotes) {
        if (q.kind == QuoteKind::kEmpty || q.kind == QuoteKind::kScare) continue;
        if (!q.speaker_entity.empty()) ++speaks[q.speaker_entity][doc->id()];
        if (q.relay_mention < ex.mentions.size() && !ex.mentions[q.relay_mention].entity.empty()) {
          ++speaks[ex.mentions[q.relay_mention].entity][doc->id()];
        }
      }
      for (const Event& e : ex.events) {
        for (uint32_t mi : {e.source_mention, e.target_mention}) {
          if (mi < ex.mentions.size() && !ex.mentions[mi].entity.empty()) actors.insert(ex.mentions[mi].entity);
        }
      }
    }
    for (const auto& [entity, per_doc] : speaks) {
      const std::string name = names[entity].empty() ? entity : names[entity];
      std::string counts;
      for (const auto& [doc, n] : per_doc) counts += (counts.empty() ? "" : ", ") + doc + ": " + std::to_string(n);
      if (per_doc.size() >= 2) {
        std::vector<std::string> in;
        for (const auto& [doc, n] : per_doc) in.push_back(doc);
        dossier.same_origin.push_back(
            {"speaker", entity, name, in,
             "quoted by " + std::to_string(in.size()) + " reports (quotations and claims: " + counts + ")"});
        continue;
      }
      // A spokesperson: quoted in one report, named in others, never an actor.
      if (!persons.count(entity) || actors.count(entity)) continue;
      const std::set<std::string>& in = named[entity];
      if (in.size() < 2) continue;
      std::vector<std::string> named_only;
      for (const std::string& d : in) {
        if (!per_doc.count(d)) named_only.push_back(d);
      }
      dossier.same_origin.push_back({"spokesperson", entity, name, std::vector<std::string>(in.begin(), in.end()),
                                     "speaks in " + counts + " (quotations and claims); named in " +
                                         Join(named_only, ", ") +
                                         "; never the actor of an event: a spokesperson "
                                         "whose account the reports share"});
    }
  }
  return dossier;
}

Result<Dossier> BuildDossier(Store& store, const std::string& story_id) {
  auto keys = store.StoryDocuments(story_id);
  if (!keys.ok()) return keys.status();
  if (keys->empty()) return Status(StatusCode::kNotFound, story_id + ": no such story");
  std::vector<Document> loaded;
  loaded.reserve(keys->size());
  for (const std::string& key : *keys) {
    auto doc = store.Load(key);
    if (!doc.ok()) return doc.status();
    if (doc->has_value()) loaded.push_back(std::move(**doc));
  }
  std::vector<const Document*> docs;
  for (const Document& d : loaded) docs.push_back(&d);
  auto copies = store.CopiesInStory(story_id);
  return CompareReports(story_id, docs, copies.ok() ? *copies : std::vector<CopyRecord>{});
}

namespace {

nlohmann::json SpanJson(Span s) { return nlohmann::json::array({s.begin, s.end}); }

}  // namespace

nlohmann::json DossierToJson(const Dossier& dossier) {
  nlohmann::json docs = nlohmann::json::array();
  for (const DossierDocument& d : dossier.documents) {
    docs.push_back({{"id", d.id},
                    {"key", d.key},
                    {"title", d.title},
                    {"source", d.source},
                    {"date", d.date},
                    {"lang", d.lang},
                    {"url", d.url},
                    {"quality",
                     {{"score", d.quality},
                      {"machine_translation", d.machine_translation},
                      {"flags", d.quality_flags},
                      {"doubtful", d.doubtful}}}});
  }
  nlohmann::json actors = nlohmann::json::array(), places = nlohmann::json::array();
  for (const SharedEntity& e : dossier.shared) {
    (e.is_place ? places : actors).push_back({{"id", e.id}, {"name", e.name}, {"documents", e.documents}});
  }
  nlohmann::json events = nlohmann::json::array();
  for (size_t i = 0; i < dossier.events.size(); ++i) {
    const StoryEvent& e = dossier.events[i];
    nlohmann::json mentions = nlohmann::json::array();
    for (const StoryEventMention& m : e.mentions) {
      mentions.push_back({{"document", m.document},
                          {"source", m.source},
                          {"event", m.event},
                          {"trigger", SpanJson(m.trigger)},
                          {"text", m.trigger_text},
                          {"code", m.code},
                          {"event_source", m.event_source},
                          {"event_target", m.event_target},
                          {"date", m.date},
                          {"candidates", m.candidates},
                          {"rule", m.rule},
                          {"confidence", m.confidence}});
    }
    std::string plover;
    if (auto table = CameoTable::Default(); table.ok()) {
      if (const CameoCode* c = (*table)->Find(e.code)) plover = c->plover;
    }
    events.push_back({{"id", "E" + std::to_string(i + 1)},
                      {"code", e.code},
                      {"codes", e.codes},
                      {"name", EventName(e.code)},
                      {"plover", plover},
                      {"source", e.source},
                      {"target", e.target},
                      {"targets", e.targets},
                      {"places", e.places},
                      {"date", e.Date()},
                      {"dates", e.dates},
                      {"modality", ModalityNames(e.modality)},
                      {"n_documents", e.n_documents},
                      {"n_sources", e.n_sources},
                      {"documents", e.documents},
                      {"mentions", mentions}});
  }
  nlohmann::json quantities = nlohmann::json::array();
  for (const QuantityFact& q : dossier.quantities) {
    nlohmann::json mentions = nlohmann::json::array();
    std::string text;
    for (const QuantityFact::Mention& m : q.mentions) {
      mentions.push_back({{"document", m.document},
                          {"span", SpanJson(m.span)},
                          {"text", m.text},
                          {"rule", m.rule},
                          {"event", m.event}});
      if (text.empty()) text = m.text;
    }
    quantities.push_back({{"id", q.id},
                          {"kind", q.kind},
                          {"value", q.value},
                          {"text", text},
                          {"documents", q.documents},
                          {"mentions", mentions}});
  }
  nlohmann::json quotes = nlohmann::json::array();
  for (const QuoteFact& f : dossier.quotes) {
    nlohmann::json versions = nlohmann::json::array();
    for (const QuoteFact::Version& v : f.versions) {
      versions.push_back({{"document", v.document},
                          {"lang", v.lang},
                          {"span", SpanJson(v.span)},
                          {"text", v.text},
                          {"indirect", v.indirect},
                          {"rule", v.rule}});
    }
    quotes.push_back({{"id", f.id},
                      {"speaker", f.speaker},
                      {"speaker_entity", f.speaker_entity},
                      {"documents", f.documents},
                      {"versions", versions}});
  }
  auto refs = [](const std::vector<FactRef>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const FactRef& r : list) {
      out.push_back({{"kind", r.kind},
                     {"ref", r.ref},
                     {"text", r.text},
                     {"documents", r.documents},
                     {"independent", r.independent}});
    }
    return out;
  };
  nlohmann::json differences = nlohmann::json::array();
  for (const Difference& d : dossier.differences) {
    nlohmann::json versions = nlohmann::json::array();
    for (const Difference::Version& v : d.versions)
      versions.push_back({{"value", v.value}, {"documents", v.documents}});
    differences.push_back({{"kind", d.kind}, {"subject", d.subject}, {"refs", d.refs}, {"versions", versions}});
  }
  nlohmann::json origin = nlohmann::json::array();
  for (const SameOrigin& o : dossier.same_origin) {
    origin.push_back(
        {{"basis", o.basis}, {"entity", o.entity}, {"name", o.name}, {"documents", o.documents}, {"detail", o.detail}});
  }
  return {{"story", dossier.story},
          {"documents", docs},
          {"sources", dossier.n_sources},
          {"shared_actors", actors},
          {"shared_places", places},
          {"doubtful_reports", dossier.doubtful},
          {"events", events},
          {"quantities", quantities},
          {"quotes", quotes},
          {"agreed", refs(dossier.agreed)},
          {"single", refs(dossier.single)},
          {"differences", differences},
          {"same_origin", origin}};
}

std::string DossierToMarkdown(const Dossier& dossier) {
  const size_t n = dossier.documents.size();
  std::string out = "# Story " + dossier.story + "\n\n" + std::to_string(n) + " documents from " +
                    std::to_string(dossier.n_sources) +
                    " sources.\n\n| document | date | source | lang | title |\n|---|---|---|---|---|\n";
  for (const DossierDocument& d : dossier.documents) {
    out += "| " + d.id + " | " + Dash(d.date) + " | " + Dash(d.source) + " | " + d.lang + " | " + d.title + " |\n";
  }
  // Facts other than actors and places, one a line; actors and places on one line.
  auto list = [&](const std::vector<FactRef>& refs, bool counts) {
    std::string lines, actors, places;
    for (const FactRef& r : refs) {
      if (r.kind == "actor" || r.kind == "place") {
        std::string& line = r.kind == "actor" ? actors : places;
        line += (line.empty() ? "" : ", ") + r.text;
        continue;
      }
      lines += "- " + r.kind + " " + r.ref + ": " + r.text;
      if (counts) {
        lines += " [" + std::to_string(r.documents.size()) + " of " + std::to_string(n) + " reports";
        if (r.independent < r.documents.size())
          lines += ", " + std::to_string(r.independent) + " independent of copies";
        lines += "]";
      }
      lines += "\n";
    }
    if (!actors.empty()) lines += "- actors: " + actors + "\n";
    if (!places.empty()) lines += "- places: " + places + "\n";
    return lines;
  };
  out += "\n## Agreed: stated by two or more reports\n\n";
  out += dossier.agreed.empty() ? "(nothing)\n" : list(dossier.agreed, true);
  out += "\n## Reported by one source only\n";
  if (dossier.single.empty()) out += "\n(nothing)\n";
  for (const DossierDocument& d : dossier.documents) {
    std::vector<FactRef> mine;
    for (const FactRef& r : dossier.single) {
      if (!r.documents.empty() && r.documents[0] == d.id) mine.push_back(r);
    }
    if (!mine.empty()) out += "\n### " + d.id + "\n\n" + list(mine, false);
  }
  out += "\n## Where the reports differ\n\n";
  if (dossier.differences.empty()) out += "(no difference found)\n";
  for (const Difference& d : dossier.differences) {
    out += "- " + d.kind + " of " + d.subject + ":";
    for (size_t i = 0; i < d.versions.size(); ++i) {
      out += std::string(i ? " /" : "") + " " + d.versions[i].value + " (" + Join(d.versions[i].documents, ", ") + ")";
    }
    out += "\n";
  }
  out += "\n## Same origin: agreement that is not independent\n\n";
  if (dossier.same_origin.empty()) out += "(none found: no copies, no speaker shared by the reports)\n";
  for (const SameOrigin& o : dossier.same_origin) {
    out += "- " + o.basis + " " + o.name + (o.basis == "copy" ? "" : " (" + o.entity + ")") + ": " +
           Join(o.documents, ", ") + ". " + o.detail + "\n";
  }
  out += "\n## Reports of doubtful quality\n\n";
  if (dossier.doubtful.empty()) out += "(none: no report shows machine translation or damage)\n";
  for (const DossierDocument& d : dossier.documents) {
    if (!d.doubtful) continue;
    std::string kinds;
    for (const std::string& k : d.quality_flags) kinds += (kinds.empty() ? "" : ", ") + k;
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", d.quality);
    out += "- " + d.id + ": " + (d.machine_translation ? "machine translation suspected" : "damaged text") +
           " (quality " + score + "; " + kinds + ")\n";
  }
  return out;
}

}  // namespace cronaca
