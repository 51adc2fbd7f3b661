#include "morph/morphology.h"

#include <libstemmer.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/resources.h"
#include "morph/apertium_tags.h"
#include "morph/cg3_disambiguator.h"
#include "morph/disambiguator.h"
#include "morph/fst_analyser.h"
#include "morph/morphology_config.h"
#include "morph/reading.h"
#include "morph/tag_table.h"

namespace cronaca {

namespace {

using morph::Cg3Cohort;
using morph::Cg3Disambiguator;
using morph::FstAnalyser;
using morph::FstCursor;
using morph::ParsedReading;
using morph::Reading;
using morph::TagTable;
using morph::UnitReadings;

constexpr std::string_view kStageName = "cronaca.Morphology.v1";
constexpr std::string_view kConfigName = "morphology.txt";
// Longest multiword unit tried, in tokens.
constexpr size_t kMaxMultiwordTokens = 8;
constexpr uint32_t kNoTag = 0xFFFFFFFFu;
// A paragraph's own language counts only above this confidence (the same
// rule as the segmenter's, text/segmenter.cpp).
constexpr float kTrustParagraph = 0.6f;

// Hash for heterogeneous lookup: find(string_view) without building a string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

enum FormFlag : uint8_t {
  kFormKnown = 1u << 0,
  kFormCapitalised = 1u << 1,
  kFormAllCaps = 1u << 2,
  kFormStartsMultiword = 1u << 3,
  kFormAmbiguous = 1u << 4,   // readings differ in lemma, pos or proper class
  kFormStemmed = 1u << 5,     // stem computed (word forms only)
};

// Everything cached about one surface form of one language.
struct FormEntry {
  uint32_t first_reading = 0;          // into Language::readings
  uint32_t reading_count = 0;          // 0: the analyser does not know the form
  uint32_t stem = StringStore::kNone;
  uint32_t lower = StringStore::kNone;     // lower-cased surface
  uint32_t surface = StringStore::kNone;   // surface as is
  uint32_t cg_wordform = kNoTag;           // TagTable id of "<form>", on first CG-3 use
  uint32_t cg_unknown = kNoTag;            // TagTable id of "*form", for unknown forms
  uint64_t proper_cue_doc = 0;             // last document with the form capitalised mid-sentence
  uint8_t flags = 0;
};

// What the analyser says about a run of words joined by spaces ("Stati
// Uniti"), so that multiword matching costs hash lookups once warm.
struct PhraseEntry {
  bool prefix = false;          // some dictionary entry starts with the run
  bool continues = false;       // ... and goes on after a space
  FormEntry* entry = nullptr;   // the run is an entry with usable readings
};

// Everything loaded and cached for one language.
struct Language {
  std::string lang;
  const MorphologyConfig* config = nullptr;  // null: no morphology.txt
  Status load_status;                        // not ok: every document of the language fails
  std::shared_ptr<const FstAnalyser> fst;
  std::unique_ptr<FstCursor> cursor;
  std::unique_ptr<Cg3Disambiguator> cg3;
  sb_stemmer* stemmer = nullptr;
  icu::Locale locale;
  std::unordered_set<std::string> surface_lemmas;
  std::unordered_map<std::string, std::string> extra_words;  // form → readings

  // The cache.
  std::unordered_map<std::string, FormEntry, StringHash, std::equal_to<>> forms;
  std::unordered_map<std::string, PhraseEntry, StringHash, std::equal_to<>> phrases;  // runs of 2+ words
  std::vector<Reading> readings;
  std::vector<uint32_t> cg_tags;
  TagTable tags;

  ~Language() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
  bool multiwords() const { return fst != nullptr && config != nullptr && config->multiwords; }
  size_t CacheSize() const { return forms.size() + phrases.size(); }
  void ClearCache() {
    forms.clear();
    phrases.clear();
    readings.clear();
    cg_tags.clear();
    tags.Clear();
    if (cg3 != nullptr) cg3->ResetTags();
  }
};

// A token, or a run of tokens forming one multiword entry.
struct Unit {
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
  FormEntry* entry = nullptr;
  uint8_t cues = 0;   // morph::UnitCue
};

bool IsSpaceGap(std::string_view gap) {
  if (gap.empty()) return false;
  for (char c : gap) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Opening punctuation after which a capital is as uninformative as at the
// start of a sentence.
bool OpensClause(std::string_view punct) {
  static const std::string_view kOpeners[] = {":", "\"", "(", "[", "-", "«", "“", "–", "—"};
  for (std::string_view opener : kOpeners) {
    if (punct == opener) return true;
  }
  return false;
}

// The units of one sentence: units_[unit_begin, unit_end) in `language`.
struct SentenceUnits {
  Language* language = nullptr;
  size_t unit_begin = 0;
  size_t unit_end = 0;
};

class MorphologyStage : public Stage {
 public:
  MorphologyStage(PipelineContext* context, MorphologyOptions options,
                  std::map<std::string, MorphologyConfig> configs)
      : context_(context), options_(std::move(options)), configs_(std::move(configs)) {}

  std::string_view name() const override { return kStageName; }
  LayerSet requires_layers() const override { return kLayerTokens | kLayerSentences | kLayerLanguage; }
  LayerSet assigns_layers() const override { return kLayerMorphology; }

  Status Process(Document& doc) override;

 private:
  Result<Language*> GetLanguage(const std::string& lang);
  Status LoadLanguage(Language& language);
  FormEntry* Lookup(Language& language, std::string_view form, bool word);
  void AddReadings(Language& language, std::string_view form, std::string_view text, FormEntry* entry);
  void Stem(Language& language, std::string_view lower, FormEntry* entry);
  // Tokens [begin, end) of a sentence: the end of the longest multiword
  // entry starting at `begin`, or begin + 1; *entry gets the unit's entry.
  uint32_t MatchMultiword(Language& language, const Document& doc, uint32_t begin, uint32_t end,
                          FormEntry** entry);
  // The cached analysis of a run of words joined by single spaces.
  const PhraseEntry& Phrase(Language& language, std::string_view phrase);
  void BuildUnits(Language& language, const Document& doc, const Sentence& sentence);
  void Disambiguate(Language& language, Document& doc, size_t unit_begin, size_t unit_end);
  void Assign(Language& language, Document& doc, const Unit& unit, const Reading* reading);

  PipelineContext* context_;
  MorphologyOptions options_;
  std::map<std::string, MorphologyConfig> configs_;
  std::map<std::string, std::unique_ptr<Language>> languages_;
  uint64_t doc_counter_ = 0;

  // Per-document scratch space, reused to avoid allocation.
  std::vector<FormEntry*> token_entries_;
  std::vector<Unit> units_;
  std::vector<SentenceUnits> sentence_units_;
  std::string key_;
  std::vector<ParsedReading> parsed_;
  std::string readings_text_;
  std::vector<UnitReadings> unit_readings_;
  std::vector<int> chosen_;
  std::vector<Cg3Cohort> cohorts_;
  std::vector<uint8_t> keep_;
  std::vector<uint32_t> keep_offsets_;
};

Result<Language*> MorphologyStage::GetLanguage(const std::string& lang) {
  auto it = languages_.find(lang);
  if (it == languages_.end()) {
    auto language = std::make_unique<Language>();
    language->lang = lang;
    auto config = configs_.find(lang);
    if (config != configs_.end()) language->config = &config->second;
    language->load_status = LoadLanguage(*language);
    it = languages_.emplace(lang, std::move(language)).first;
  }
  Language* language = it->second.get();
  if (!language->load_status.ok()) return language->load_status;
  return language;
}

Status MorphologyStage::LoadLanguage(Language& language) {
  language.locale = icu::Locale(language.lang.c_str());
  const MorphologyConfig* config = language.config;
  if (config == nullptr) {
    // No morphology.txt: stems if libstemmer knows the ISO code.
    if (!language.lang.empty()) language.stemmer = sb_stemmer_new(language.lang.c_str(), "UTF_8");
    return Status::Ok();
  }
  if (!config->snowball.empty()) {
    language.stemmer = sb_stemmer_new(config->snowball.c_str(), "UTF_8");
    if (language.stemmer == nullptr) {
      return Status(StatusCode::kResourceError,
                    config->source.string() + ": libstemmer has no algorithm '" + config->snowball + "'");
    }
  }
  if (!config->analyser.empty()) {
    Result<std::shared_ptr<const FstAnalyser>> fst = FstAnalyser::Load(config->analyser);
    if (!fst.ok()) return fst.status().WithContext(config->source.string());
    language.fst = *fst;
    language.cursor = std::make_unique<FstCursor>(*language.fst);
  }
  if (options_.use_cg3 && !config->cg3.empty() && language.fst != nullptr) {
    Result<std::unique_ptr<Cg3Disambiguator>> cg3 = Cg3Disambiguator::Load(config->cg3);
    if (!cg3.ok()) return cg3.status().WithContext(config->source.string());
    language.cg3 = std::move(*cg3);
  }
  for (const std::string& lemma : config->surface_lemmas) language.surface_lemmas.insert(lemma);
  for (const MorphologyConfig::Word& word : config->words) language.extra_words[word.form] = word.readings;
  return Status::Ok();
}

void MorphologyStage::Stem(Language& language, std::string_view lower, FormEntry* entry) {
  entry->flags |= kFormStemmed;
  if (language.stemmer == nullptr || lower.empty()) return;
  const sb_symbol* stem = sb_stemmer_stem(language.stemmer, reinterpret_cast<const sb_symbol*>(lower.data()),
                                          static_cast<int>(lower.size()));
  if (stem == nullptr) return;
  entry->stem = context_->strings.Intern(
      std::string_view(reinterpret_cast<const char*>(stem), sb_stemmer_length(language.stemmer)));
}

void MorphologyStage::AddReadings(Language& language, std::string_view form, std::string_view text,
                                  FormEntry* entry) {
  parsed_.clear();
  if (!morph::ParseReadings(text, &parsed_)) return;
  const bool multiword = form.find(' ') != std::string_view::npos;
  entry->first_reading = static_cast<uint32_t>(language.readings.size());
  for (const ParsedReading& parsed : parsed_) {
    // A multiword joined from tokens must be one whole content lemma: not a
    // lemma with fixed words queued after it ("avere# bisogno di"), nor
    // several words run together ("alla sua" = a<pr>+il suo<det>), nor a
    // determiner or pronoun phrase ("il suo", "ciò che") whose words are
    // better analysed one by one.
    if (multiword && ((parsed.features & (morph::kFeatureMultiwordQueue | morph::kFeatureContraction)) ||
                      parsed.pos == Pos::kDeterminer || parsed.pos == Pos::kPronoun)) {
      continue;
    }
    Reading reading;
    reading.pos = parsed.pos;
    reading.proper = parsed.proper;
    reading.features = parsed.features;
    if (language.surface_lemmas.count(parsed.lemma) != 0) {
      reading.lemma = entry->lower;
    } else {
      reading.lemma = context_->strings.Intern(parsed.lemma);
    }
    reading.cg_begin = static_cast<uint32_t>(language.cg_tags.size());
    for (size_t part_idx = 0; part_idx < parsed.parts.size(); ++part_idx) {
      const morph::ReadingPart& part = parsed.parts[part_idx];
      if (part_idx > 0) language.cg_tags.push_back(TagTable::kPartBreak);
      language.cg_tags.push_back(language.tags.Intern("\"" + part.lemma + "\""));
      for (const std::string& tag : part.tags) language.cg_tags.push_back(language.tags.Intern(tag));
    }
    reading.cg_end = static_cast<uint32_t>(language.cg_tags.size());
    language.readings.push_back(reading);
  }
  entry->reading_count = static_cast<uint32_t>(language.readings.size()) - entry->first_reading;
  if (entry->reading_count == 0) return;
  entry->flags |= kFormKnown;
  const Reading& first = language.readings[entry->first_reading];
  for (uint32_t r = 1; r < entry->reading_count; ++r) {
    const Reading& other = language.readings[entry->first_reading + r];
    if (other.lemma != first.lemma || other.pos != first.pos || other.proper != first.proper) {
      entry->flags |= kFormAmbiguous;
    }
  }
}

FormEntry* MorphologyStage::Lookup(Language& language, std::string_view form, bool word) {
  auto it = language.forms.find(form);
  if (it != language.forms.end()) {
    FormEntry* entry = &it->second;
    if (word && !(entry->flags & kFormStemmed)) Stem(language, context_->strings.Get(entry->lower), entry);
    return entry;
  }
  FormEntry& entry = language.forms.emplace(std::string(form), FormEntry()).first->second;

  // Case: first letter upper case; every letter upper case (two or more).
  int32_t letters = 0;
  int32_t upper = 0;
  bool first_upper = false;
  for (int32_t i = 0, n = static_cast<int32_t>(form.size()); i < n;) {
    UChar32 c;
    U8_NEXT(form.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    const bool is_upper = u_isupper(c) || u_istitle(c);
    if (letters == 0) first_upper = is_upper;
    ++letters;
    if (is_upper) ++upper;
  }
  if (first_upper) entry.flags |= kFormCapitalised;
  if (letters >= 2 && upper == letters) entry.flags |= kFormAllCaps;

  entry.surface = context_->strings.Intern(form);
  std::string lower;
  icu::UnicodeString::fromUTF8(icu::StringPiece(form.data(), static_cast<int32_t>(form.size())))
      .toLower(language.locale)
      .toUTF8String(lower);
  entry.lower = context_->strings.Intern(lower);
  if (word) Stem(language, lower, &entry);

  if (language.fst != nullptr) {
    if (language.fst->Analyse(form, &readings_text_)) AddReadings(language, form, readings_text_, &entry);
    if (language.multiwords() && form.find(' ') == std::string_view::npos && language.fst->CanStartMultiword(form)) {
      entry.flags |= kFormStartsMultiword;
    }
  }
  if (entry.reading_count == 0 && !language.extra_words.empty()) {
    auto extra = language.extra_words.find(std::string(form));
    if (extra == language.extra_words.end()) extra = language.extra_words.find(lower);
    if (extra != language.extra_words.end()) AddReadings(language, form, extra->second, &entry);
  }
  return &entry;
}

const PhraseEntry& MorphologyStage::Phrase(Language& language, std::string_view phrase) {
  auto it = language.phrases.find(phrase);
  if (it != language.phrases.end()) return it->second;
  PhraseEntry info;
  FstCursor& cursor = *language.cursor;
  cursor.Reset();
  info.prefix = cursor.Step(phrase);
  if (info.prefix) {
    if (cursor.final()) {
      FormEntry* entry = Lookup(language, phrase, true);
      if (entry->reading_count > 0) info.entry = entry;
    }
    info.continues = cursor.Step(" ");
  }
  return language.phrases.emplace(std::string(phrase), info).first->second;
}

uint32_t MorphologyStage::MatchMultiword(Language& language, const Document& doc, uint32_t begin, uint32_t end,
                                         FormEntry** entry) {
  const std::vector<TokenData>& tokens = doc.tokens();
  key_.assign(doc.NormText(tokens[begin]));
  uint32_t best = begin + 1;
  for (uint32_t next = begin + 1; next < end && next - begin < kMaxMultiwordTokens; ++next) {
    std::string_view gap = std::string_view(doc.normalized())
                               .substr(tokens[next - 1].norm.end, tokens[next].norm.begin - tokens[next - 1].norm.end);
    if (!IsSpaceGap(gap)) break;
    key_.push_back(' ');
    key_.append(doc.NormText(tokens[next]));
    const PhraseEntry& phrase = Phrase(language, key_);
    if (phrase.entry != nullptr) {
      best = next + 1;
      *entry = phrase.entry;
    }
    if (!phrase.continues) break;
  }
  return best;
}

void MorphologyStage::BuildUnits(Language& language, const Document& doc, const Sentence& sentence) {
  const std::vector<TokenData>& tokens = doc.tokens();
  for (uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
    token_entries_[t] = Lookup(language, doc.NormText(tokens[t]), tokens[t].kind == TokenKind::kWord);
  }
  bool clause_start = true;  // no word yet, or just after an opening quote / colon
  for (uint32_t t = sentence.token_begin; t < sentence.token_end;) {
    Unit unit;
    unit.token_begin = t;
    unit.entry = token_entries_[t];
    uint32_t next = t + 1;
    if ((unit.entry->flags & kFormStartsMultiword) && language.multiwords()) {
      FormEntry* multiword = nullptr;
      next = MatchMultiword(language, doc, t, sentence.token_end, &multiword);
      if (multiword != nullptr) unit.entry = multiword;
    }
    unit.token_end = next;
    const TokenData& token = tokens[t];
    if (token.kind == TokenKind::kPunct) unit.cues |= morph::kCuePunctuation;
    if (token.kind == TokenKind::kWord) {
      unit.cues |= morph::kCueWord;
      if (unit.entry->flags & kFormCapitalised) unit.cues |= morph::kCueCapitalised;
      if (unit.entry->flags & kFormAllCaps) unit.cues |= morph::kCueAllCaps;
      if (clause_start) {
        unit.cues |= morph::kCueSentenceInitial;
      } else if ((unit.entry->flags & (kFormCapitalised | kFormAllCaps)) == kFormCapitalised) {
        unit.entry->proper_cue_doc = doc_counter_;
      }
    }
    if (token.kind == TokenKind::kWord || token.kind == TokenKind::kNumber) {
      clause_start = false;
    } else if (token.kind == TokenKind::kPunct && OpensClause(doc.NormText(token))) {
      clause_start = true;
    }
    units_.push_back(unit);
    t = next;
  }
}

void MorphologyStage::Disambiguate(Language& language, Document& doc, size_t unit_begin, size_t unit_end) {
  unit_readings_.clear();
  bool ambiguous = false;
  for (size_t u = unit_begin; u < unit_end; ++u) {
    Unit& unit = units_[u];
    if (unit.entry->proper_cue_doc == doc_counter_) unit.cues |= morph::kCueProperElsewhere;
    UnitReadings readings;
    readings.readings = language.readings.data() + unit.entry->first_reading;
    readings.count = unit.entry->reading_count;
    readings.cues = unit.cues;
    unit_readings_.push_back(readings);
    if (unit.entry->flags & kFormAmbiguous) ambiguous = true;
  }

  if (ambiguous && language.cg3 != nullptr) {
    const size_t count = unit_end - unit_begin;
    if (cohorts_.size() < count) cohorts_.resize(count);
    keep_offsets_.clear();
    uint32_t offset = 0;
    for (size_t u = 0; u < count; ++u) {
      FormEntry* entry = units_[unit_begin + u].entry;
      Cg3Cohort& cohort = cohorts_[u];
      cohort.tag_ids.clear();
      cohort.reading_ends.clear();
      if (entry->cg_wordform == kNoTag) {
        std::string_view surface = context_->strings.Get(entry->surface);
        entry->cg_wordform = language.tags.Intern("\"<" + std::string(surface) + ">\"");
      }
      cohort.wordform = entry->cg_wordform;
      if (entry->reading_count == 0) {
        if (entry->cg_unknown == kNoTag) {
          std::string_view surface = context_->strings.Get(entry->surface);
          entry->cg_unknown = language.tags.Intern("\"*" + std::string(surface) + "\"");
        }
        cohort.tag_ids.push_back(entry->cg_unknown);
        cohort.reading_ends.push_back(1);
      }
      for (uint32_t r = 0; r < entry->reading_count; ++r) {
        const Reading& reading = language.readings[entry->first_reading + r];
        cohort.tag_ids.insert(cohort.tag_ids.end(), language.cg_tags.begin() + reading.cg_begin,
                              language.cg_tags.begin() + reading.cg_end);
        cohort.reading_ends.push_back(static_cast<uint32_t>(cohort.tag_ids.size()));
      }
      keep_offsets_.push_back(offset);
      offset += static_cast<uint32_t>(cohort.reading_ends.size());
    }
    language.cg3->Run(language.tags, std::span<const Cg3Cohort>(cohorts_.data(), count), &keep_);
    for (size_t u = 0; u < count; ++u) {
      if (unit_readings_[u].count > 0) unit_readings_[u].keep = keep_.data() + keep_offsets_[u];
    }
  }

  morph::ChooseReadings(unit_readings_, &chosen_);
  for (size_t u = unit_begin; u < unit_end; ++u) {
    int choice = chosen_[u - unit_begin];
    const Unit& unit = units_[u];
    Assign(language, doc, unit,
           choice < 0 ? nullptr : &language.readings[unit.entry->first_reading + static_cast<uint32_t>(choice)]);
  }
}

void MorphologyStage::Assign(Language& language, Document& doc, const Unit& unit, const Reading* reading) {
  std::vector<TokenData>& tokens = doc.tokens();
  const bool multiword = unit.token_end - unit.token_begin > 1;
  const bool analysed = language.fst != nullptr || !language.extra_words.empty();
  for (uint32_t t = unit.token_begin; t < unit.token_end; ++t) {
    TokenData& token = tokens[t];
    const FormEntry* entry = token_entries_[t];
    token.flags &= static_cast<uint8_t>(~(kTokenKnown | kTokenMultiwordContinuation));
    token.stem = token.kind == TokenKind::kWord ? entry->stem : StringStore::kNone;
    token.proper = ProperClass::kNone;
    if (multiword && t > unit.token_begin) token.flags |= kTokenMultiwordContinuation;
    if (!multiword && token.kind != TokenKind::kWord) {
      token.pos = token.kind == TokenKind::kNumber  ? Pos::kNumeral
                  : token.kind == TokenKind::kPunct ? Pos::kPunctuation
                                                    : Pos::kSymbol;
      token.lemma = entry->surface;
      if (entry->flags & kFormKnown) token.flags |= kTokenKnown;
      continue;
    }
    if (reading != nullptr) {
      token.lemma = reading->lemma;
      token.pos = reading->pos;
      token.proper = reading->pos == Pos::kProperNoun ? reading->proper : ProperClass::kNone;
      token.flags |= kTokenKnown;
      continue;
    }
    if (!analysed) {
      // No analyser for the language: stems only.
      token.lemma = StringStore::kNone;
      token.pos = Pos::kUnknown;
      continue;
    }
    // Unknown word: a name if capitalised inside a sentence (or written in
    // capitals), else nothing is known but its lower-cased form.
    const bool capitalised = (unit.cues & morph::kCueCapitalised) &&
                             (!(unit.cues & morph::kCueSentenceInitial) ||
                              (unit.cues & (morph::kCueProperElsewhere | morph::kCueAllCaps)));
    const bool acronym = (unit.cues & morph::kCueAllCaps) != 0;
    if (capitalised || acronym) {
      token.pos = Pos::kProperNoun;
      token.lemma = entry->surface;
    } else {
      token.pos = Pos::kUnknown;
      token.lemma = entry->lower;
    }
  }
}

Status MorphologyStage::Process(Document& doc) {
  ++doc_counter_;
  for (auto& [lang, language] : languages_) {
    if (language->CacheSize() > options_.cache_limit) language->ClearCache();
  }
  const std::vector<Sentence>& sentences = doc.sentences();
  const std::vector<Paragraph>& paragraphs = doc.paragraphs();
  token_entries_.assign(doc.tokens().size(), nullptr);
  units_.clear();

  // Pass 1: look up every token and group multiword units, noting which
  // capitalised forms occur inside sentences (evidence for names).
  std::vector<SentenceUnits>& spans = sentence_units_;
  spans.clear();
  for (const Sentence& sentence : sentences) {
    if (sentence.token_end > doc.tokens().size() || sentence.token_begin > sentence.token_end) {
      return Status(StatusCode::kInternal, "sentence token range out of bounds").WithContext(doc.id());
    }
    const std::string* lang = &doc.lang();
    if (sentence.paragraph < paragraphs.size() && !paragraphs[sentence.paragraph].lang.empty() &&
        paragraphs[sentence.paragraph].lang_confidence >= kTrustParagraph) {
      lang = &paragraphs[sentence.paragraph].lang;
    }
    Result<Language*> language = GetLanguage(*lang);
    if (!language.ok()) return language.status().WithContext(doc.id());
    size_t unit_begin = units_.size();
    BuildUnits(**language, doc, sentence);
    spans.push_back({*language, unit_begin, units_.size()});
  }

  // Pass 2: disambiguate each sentence and fill in the tokens.
  for (const SentenceUnits& span : spans) Disambiguate(*span.language, doc, span.unit_begin, span.unit_end);
  doc.AddLayers(kLayerMorphology);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Stage>> MakeMorphology(PipelineContext* context, MorphologyOptions options) {
  std::filesystem::path dir = options.resource_dir.empty() ? ResourceDir() : options.resource_dir;
  std::map<std::string, MorphologyConfig> configs;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) {
    for (const auto& lang_dir : std::filesystem::directory_iterator(dir, ec)) {
      std::filesystem::path file = lang_dir.path() / kConfigName;
      if (!lang_dir.is_directory(ec) || !std::filesystem::is_regular_file(file, ec)) continue;
      std::string lang = lang_dir.path().filename().string();
      Result<MorphologyConfig> config = LoadMorphologyConfig(file, lang);
      if (!config.ok()) return config.status();
      configs.emplace(lang, std::move(*config));
    }
  }
  return std::unique_ptr<Stage>(new MorphologyStage(context, std::move(options), std::move(configs)));
}

}  // namespace cronaca
