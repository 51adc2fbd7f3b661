#include "extract/quality/quality.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>

#include "common/resource_text.h"
#include "common/resources.h"
#include "morph/fst_analyser.h"
#include "morph/morphology_config.h"
#include "text/utf8.h"

namespace cronaca {

namespace {

std::string Lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Evidence weights (see quality.h).
constexpr double kWeightRepeatedPhrase = 2.0;
constexpr double kWeightDoubleNegation = 2.0;
constexpr double kWeightUntranslatedStrong = 2.0;
constexpr double kWeightUntranslatedWeak = 0.5;
constexpr double kWeightGarbled = 1.0;
constexpr double kWeightCalque = 1.5;
constexpr double kWeightSourceSpelling = 0.5;
constexpr double kMaxSourceSpellingWeight = 1.0;
constexpr size_t kMaxRepeatedPhrase = 5;
constexpr size_t kCalqueWindow = 3;
constexpr size_t kMinGarbledLetters = 4;
constexpr size_t kMinProseWords = 8;  // shorter paragraphs may be headings
constexpr float kDamagedFactor = 0.5f;     // confidence of items in a damaged span
constexpr float kTranslatedFactor = 0.8f;  // ... and in a suspected machine translation

struct Evidence {
  double weight = 0;
  bool strong = false;
};

}  // namespace

Result<QualityRules> ParseQualityRules(std::string_view text, const std::string& file_name) {
  QualityRules rules;
  Status status = ForEachKeyValue(text, file_name, [&](std::string_view key, std::string_view value,
                                                       size_t line_no) -> Status {
    std::vector<std::string> items = SplitValues(value);
    auto append_lower = [&](std::vector<std::string>* out) {
      for (const std::string& item : items) out->push_back(Lower(item));
      return Status::Ok();
    };
    if (key == "negation") return append_lower(&rules.negations);
    if (key == "source_spelling") return append_lower(&rules.source_spellings);
    if (key == "foreign_function_words") return append_lower(&rules.foreign_function_words);
    if (key == "no_final") return append_lower(&rules.no_final);
    if (key == "foreign_language") {
      if (items.size() != 1 || items[0].size() != 2) {
        return LineError(file_name, line_no, "foreign_language must be one ISO 639-1 code");
      }
      rules.foreign_language = items[0];
      return Status::Ok();
    }
    if (key == "calque") {
      for (const std::string& item : items) {
        std::string lower = Lower(item);
        size_t space = lower.find(' ');
        if (space == std::string::npos || lower.find(' ', space + 1) != std::string::npos) {
          return LineError(file_name, line_no, "a calque is two lemmas separated by one space, got '" + item + "'");
        }
        rules.calques.emplace_back(lower.substr(0, space), lower.substr(space + 1));
      }
      return Status::Ok();
    }
    return LineError(file_name, line_no, "unknown key '" + std::string(key) + "'");
  });
  if (!status.ok()) return status;
  return rules;
}

namespace {

struct LanguageQuality {
  QualityRules rules;
  std::shared_ptr<const morph::FstAnalyser> foreign;  // may be null
};

bool IsTerminal(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "?!" || t == "!!";
}

bool IsClosing(std::string_view original_token) {
  return original_token == "\"" || original_token == "\xC2\xBB" /* » */ || original_token == "\xE2\x80\x9D" /* ” */ ||
         original_token == ")" || original_token == "'" || original_token == "\xE2\x80\x99";
}

// First code point of `s` is a lower-case letter.
bool StartsLower(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = 0;
  char32_t c = DecodeUtf8(s, &pos);
  return u_islower(static_cast<UChar32>(c));
}

class QualityStage final : public Stage {
 public:
  std::string_view name() const override { return "cronaca.Quality.v1"; }
  LayerSet requires_layers() const override {
    return kLayerTokens | kLayerSentences | kLayerLanguage | kLayerMorphology;
  }
  LayerSet assigns_layers() const override { return kLayerQualityFlags; }

  explicit QualityStage(PipelineContext* context) : context_(context) {}

  Status Process(Document& doc) override {
    // Idempotent: drop what an earlier run of this stage added.
    auto& flags = doc.quality_flags();
    flags.erase(std::remove_if(flags.begin(), flags.end(),
                               [](const QualityFlag& f) { return f.rule.rfind("quality.", 0) == 0; }),
                flags.end());
    Result<LanguageQuality*> lq = ForLanguage(doc.lang());
    if (!lq.ok()) return lq.status();
    lang_ = *lq;
    lower_.clear();
    for (const TokenData& t : doc.tokens()) lower_.push_back(Lower(doc.NormText(t)));
    evidence_.clear();

    CheckRepeatedPhrases(doc);
    if (lang_) {
      CheckDoubleNegation(doc);
      CheckUntranslated(doc);
      CheckCalques(doc);
      CheckSourceSpellings(doc);
    }
    CheckGarbled(doc);
    CheckEmptyQuotations(doc);
    CheckOrphanFragments(doc);
    CheckMissingSpaces(doc);
    CheckParagraphEnds(doc);
    CheckEnding(doc);
    CheckCorrections(doc);
    Verdict(doc);
    return Status::Ok();
  }

 private:
  Result<LanguageQuality*> ForLanguage(const std::string& lang) {
    if (lang.empty()) return static_cast<LanguageQuality*>(nullptr);
    auto it = languages_.find(lang);
    if (it != languages_.end()) return it->second.get();
    std::unique_ptr<LanguageQuality> lq;
    std::filesystem::path path = ResourceDir() / lang / "quality.txt";
    if (std::filesystem::exists(path)) {
      Result<std::string> text = ReadFile(path);
      if (!text.ok()) return text.status();
      Result<QualityRules> rules = ParseQualityRules(*text, path.string());
      if (!rules.ok()) return rules.status();
      lq = std::make_unique<LanguageQuality>();
      lq->rules = std::move(*rules);
      if (!lq->rules.foreign_language.empty()) {
        std::filesystem::path config_path = ResourceDir() / lq->rules.foreign_language / "morphology.txt";
        Result<MorphologyConfig> config = LoadMorphologyConfig(config_path, lq->rules.foreign_language);
        if (!config.ok()) return config.status();
        if (!config->analyser.empty()) {
          auto fst = morph::FstAnalyser::Load(config->analyser);
          if (!fst.ok()) return fst.status();
          lq->foreign = *fst;
        }
      }
    }
    LanguageQuality* raw = lq.get();
    languages_.emplace(lang, std::move(lq));
    return raw;
  }

  void Add(Document& doc, Span span, const char* kind, const char* category, std::string explanation,
           const char* rule, double weight = 0, bool strong = false) {
    QualityFlag flag;
    flag.span = span;
    flag.kind = kind;
    flag.category = category;
    flag.explanation = std::move(explanation);
    flag.rule = rule;
    doc.quality_flags().push_back(std::move(flag));
    if (weight > 0) {
      Evidence& e = evidence_[kind];
      e.weight += weight;
      e.strong |= strong;
    }
  }

  std::string Quote(const Document& doc, Span span) const { return "\u201C" + std::string(doc.Text(span)) + "\u201D"; }

  static bool IsContentWord(const TokenData& t) {
    return t.kind == TokenKind::kWord && (t.pos == Pos::kNoun || t.pos == Pos::kVerb || t.pos == Pos::kAdjective ||
                                          t.pos == Pos::kAdverb);
  }

  static bool IsWord(const TokenData& t) { return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber; }

  void CheckRepeatedPhrases(Document& doc) {
    const auto& tokens = doc.tokens();
    for (const Sentence& s : doc.sentences()) {
      for (size_t i = s.token_begin; i < s.token_end; ++i) {
        for (size_t n = 2; n <= kMaxRepeatedPhrase; ++n) {
          if (i + 2 * n > s.token_end) break;
          bool same = true;
          size_t words = 0, letter_words = 0;
          for (size_t k = 0; k < n && same; ++k) {
            same = lower_[i + k] == lower_[i + n + k];
            words += IsWord(tokens[i + k]);
            letter_words += tokens[i + k].kind == TokenKind::kWord;
          }
          // At least two words, one of them made of letters: "nel 2022 nel
          // 2022" is repeated, "6-4 6-4" is a tennis score.
          if (!same || words < 2 || letter_words < 1) continue;
          Span first{tokens[i].span.begin, tokens[i + n - 1].span.end};
          Span repeat{tokens[i + n].span.begin, tokens[i + 2 * n - 1].span.end};
          Add(doc, repeat, "repeated-phrase", "machine-translation",
              "the words " + Quote(doc, first) + " are written twice in a row; a translation engine or an "
              "editing slip repeated them",
              "quality.repeated_phrase.v1", kWeightRepeatedPhrase, true);
          i += 2 * n - 1;
          break;
        }
      }
    }
  }

  bool IsNegation(size_t i) const {
    const auto& negs = lang_->rules.negations;
    return std::find(negs.begin(), negs.end(), lower_[i]) != negs.end();
  }

  void CheckDoubleNegation(Document& doc) {
    const auto& tokens = doc.tokens();
    for (const Sentence& s : doc.sentences()) {
      for (size_t i = s.token_begin; i < s.token_end; ++i) {
        if (!IsNegation(i)) continue;
        size_t words_between = 0;
        bool verb_between = false;
        for (size_t j = i + 1; j < s.token_end && j <= i + 4; ++j) {
          if (tokens[j].kind == TokenKind::kPunct) {
            std::string_view p = doc.NormText(tokens[j]);
            if (p != "\"" && p != "'") break;  // a comma or stop ends the phrase
            continue;
          }
          if (IsNegation(j) && lower_[j] == lower_[i] && words_between <= 1 &&
              (words_between == 0 || verb_between)) {
            size_t end = j + 1 < s.token_end ? j + 1 : j;
            Span span{tokens[i].span.begin, tokens[end].span.end};
            Add(doc, span, "double-negation", "machine-translation",
                Quote(doc, span) + " negates a negation, which says the opposite of what was surely meant; "
                "typical of a machine translation of a quoted negative phrase",
                "quality.double_negation.v1", kWeightDoubleNegation, true);
            i = j;
            break;
          }
          ++words_between;
          verb_between = tokens[j].pos == Pos::kVerb || tokens[j].pos == Pos::kAuxiliary;
          if (words_between > 1) break;
        }
      }
    }
  }

  // A word unknown to this language's lexicon that the foreign lexicon knows
  // as something other than a proper noun.
  bool IsForeignWord(const Document& doc, size_t i) {
    const TokenData& t = doc.tokens()[i];
    if (t.kind != TokenKind::kWord || (t.flags & kTokenKnown)) return false;
    std::string readings;
    std::string_view surface = doc.NormText(t);
    if (!lang_->foreign->Analyse(surface, &readings) && !lang_->foreign->Analyse(lower_[i], &readings)) return false;
    // "/Military<adj>/military<n><sg>": accept if some reading is not <np>.
    size_t pos = 0;
    while ((pos = readings.find('/', pos)) != std::string::npos) {
      size_t next = readings.find('/', pos + 1);
      std::string_view reading(readings.data() + pos, (next == std::string::npos ? readings.size() : next) - pos);
      if (reading.find("<np>") == std::string_view::npos) return true;
      pos = pos + 1;
    }
    return false;
  }

  // True if token i is between quotation marks opened earlier in its
  // sentence: quoted titles and quoted words may well be foreign.
  bool InsideQuotes(const Document& doc, const Sentence& s, size_t i) const {
    size_t marks = 0;
    for (size_t k = s.token_begin; k < i; ++k) {
      std::string_view t = doc.NormText(doc.tokens()[k]);
      if (t == "\"") ++marks;
    }
    return marks % 2 == 1;
  }

  void CheckUntranslated(Document& doc) {
    if (!lang_->foreign) return;
    const auto& tokens = doc.tokens();
    const auto& function_words = lang_->rules.foreign_function_words;
    for (const Sentence& s : doc.sentences()) {
      size_t i = s.token_begin;
      while (i < s.token_end) {
        size_t j = i;
        bool has_function_word = false;
        while (j < s.token_end && IsForeignWord(doc, j)) {
          has_function_word |= std::find(function_words.begin(), function_words.end(), lower_[j]) != function_words.end();
          ++j;
        }
        if (j - i >= 2 && !InsideQuotes(doc, s, i)) {
          // Title-case runs are often names of laws, works or operations
          // ("Digital Services Act"): weak evidence. Function words or a long
          // lower-case run are not names.
          Span span{tokens[i].span.begin, tokens[j - 1].span.end};
          bool title_case = std::all_of(tokens.begin() + i, tokens.begin() + j,
                                        [](const TokenData& t) { return (t.flags & kTokenCapitalised) != 0; });
          bool strong = has_function_word || (j - i >= 3 && !title_case);
          Add(doc, span, "untranslated-words", "machine-translation",
              Quote(doc, span) + " is in " + lang_->rules.foreign_language +
                  ", not in the language of the text: left untranslated",
              "quality.untranslated.v1", strong ? kWeightUntranslatedStrong : kWeightUntranslatedWeak, strong);
        }
        i = j > i ? j : i + 1;
      }
    }
  }

  void CheckGarbled(Document& doc) {
    const auto& tokens = doc.tokens();
    for (const Sentence& s : doc.sentences()) {
      for (size_t i = s.token_begin; i < s.token_end; ++i) {
        const TokenData& a = tokens[i];
        if (!IsContentWord(a) || !a.stem || lower_[i].size() < kMinGarbledLetters) continue;
        for (size_t j = i + 1; j < s.token_end && j <= i + 2; ++j) {
          const TokenData& b = tokens[j];
          if (b.kind != TokenKind::kWord) break;
          if (IsContentWord(b) && b.stem == a.stem && lower_[j] != lower_[i]) {
            Span span{a.span.begin, b.span.end};
            Add(doc, span, "garbled-phrase", "machine-translation",
                Quote(doc, span) + " repeats one word in two forms, a phrase that makes no sense as written",
                "quality.garbled.repeated_stem.v1", kWeightGarbled);
            i = j;
            break;
          }
        }
      }
    }
  }

  void CheckCalques(Document& doc) {
    const auto& tokens = doc.tokens();
    if (lang_->rules.calques.empty()) return;
    for (const Sentence& s : doc.sentences()) {
      for (size_t i = s.token_begin; i < s.token_end; ++i) {
        std::string_view lemma_i = context_->strings.Get(tokens[i].lemma);
        for (const auto& [first, second] : lang_->rules.calques) {
          if (lemma_i != first) continue;
          for (size_t j = i + 1; j < s.token_end && j <= i + kCalqueWindow; ++j) {
            if (context_->strings.Get(tokens[j].lemma) == second) {
              Span span{tokens[i].span.begin, tokens[j].span.end};
              Add(doc, span, "garbled-phrase", "machine-translation",
                  Quote(doc, span) + " is a word-for-word rendering of a foreign idiom (" + first + " " + second + ")",
                  "quality.garbled.calque.v1", kWeightCalque);
              break;
            }
          }
        }
      }
    }
  }

  void CheckSourceSpellings(Document& doc) {
    const auto& spellings = lang_->rules.source_spellings;
    std::vector<bool> seen(spellings.size(), false);
    double weight = 0;
    for (size_t i = 0; i < doc.tokens().size(); ++i) {
      auto it = std::find(spellings.begin(), spellings.end(), lower_[i]);
      if (it == spellings.end() || seen[it - spellings.begin()]) continue;
      seen[it - spellings.begin()] = true;
      double w = weight + kWeightSourceSpelling > kMaxSourceSpellingWeight ? 0 : kWeightSourceSpelling;
      weight += w;
      Add(doc, doc.tokens()[i].span, "source-spelling", "machine-translation",
          Quote(doc, doc.tokens()[i].span) + " is the spelling of another language's press; alone it is weak "
          "evidence of translation",
          "quality.source_spelling.v1", w);
    }
  }

  void CheckEmptyQuotations(Document& doc) {
    // Works on the normalised text, where every double quote mark is '"',
    // and looks at the original character to tell openers from closers.
    const std::string& norm = doc.normalized();
    const auto& map = doc.norm_to_orig();
    auto original_at = [&](size_t k) { return doc.original().substr(map[k], 3); };
    auto is_opener = [&](size_t k) {
      std::string orig = original_at(k);
      if (orig.rfind("\xE2\x80\x9C", 0) == 0 || orig.rfind("\xC2\xAB", 0) == 0 || orig.rfind("\xE2\x80\x9E", 0) == 0) {
        return true;  // “ « „
      }
      if (orig[0] != '"') return false;
      return k == 0 || norm[k - 1] == ' ' || norm[k - 1] == '\n' || norm[k - 1] == '(' || norm[k - 1] == ':';
    };
    auto is_closer = [&](size_t k) {
      std::string orig = original_at(k);
      if (orig.rfind("\xE2\x80\x9D", 0) == 0 || orig.rfind("\xC2\xBB", 0) == 0) return true;  // ” »
      if (orig[0] != '"') return false;
      return k + 1 >= norm.size() || !(u_isalnum(static_cast<unsigned char>(norm[k + 1])) && norm[k + 1] > 0);
    };
    for (size_t k = 0; k < norm.size(); ++k) {
      if (norm[k] != '"' || !is_opener(k)) continue;
      size_t m = k + 1;
      while (m < norm.size() && (norm[m] == ' ' || norm[m] == '\t')) ++m;
      if (m < norm.size() && norm[m] == '"' && is_closer(m)) {
        Span span = doc.ToOriginal(static_cast<Offset>(k), static_cast<Offset>(m + 1));
        Add(doc, span, "empty-quotation", "scraping",
            "an empty quotation: the quoted words were lost, probably when the page was scraped",
            "quality.empty_quotation.v1");
        k = m;
      }
    }
  }

  void CheckOrphanFragments(Document& doc) {
    const auto& tokens = doc.tokens();
    const auto& sentences = doc.sentences();
    for (size_t p = 0; p < doc.paragraphs().size(); ++p) {
      // The paragraph's tokens.
      size_t first = tokens.size(), last = 0;
      for (const Sentence& s : sentences) {
        if (s.paragraph != p || s.token_begin == s.token_end) continue;
        first = std::min<size_t>(first, s.token_begin);
        last = std::max<size_t>(last, s.token_end - 1);
      }
      if (first >= tokens.size()) continue;
      if (tokens[first].kind != TokenKind::kWord || !StartsLower(doc.NormText(tokens[first]))) continue;
      if (IsTerminal(doc.NormText(tokens[last]))) continue;
      const Paragraph& para = doc.paragraphs()[p];
      Add(doc, para.span, "orphan-fragment", "scraping",
          "this paragraph starts in lower case and has no final stop: a piece of a sentence whose "
          "beginning is missing",
          "quality.orphan_fragment.v1");
    }
  }

  void CheckMissingSpaces(Document& doc) {
    const std::string& norm = doc.normalized();
    auto is_letter_at = [&](size_t k, bool lower_only, bool upper_only) {
      if (k >= norm.size()) return false;
      if ((static_cast<unsigned char>(norm[k]) & 0xC0) == 0x80) return false;
      size_t pos = k;
      char32_t c = DecodeUtf8(norm, &pos);
      if (!u_isalpha(static_cast<UChar32>(c))) return false;
      if (lower_only) return static_cast<bool>(u_islower(static_cast<UChar32>(c)));
      if (upper_only) return static_cast<bool>(u_isupper(static_cast<UChar32>(c)));
      return true;
    };
    auto letter_before = [&](size_t k, bool lower_only) {
      // Start of the code point before k.
      if (k == 0) return false;
      size_t b = k - 1;
      while (b > 0 && (static_cast<unsigned char>(norm[b]) & 0xC0) == 0x80) --b;
      return is_letter_at(b, lower_only, false);
    };
    auto in_url_or_mail = [&](size_t k) {
      size_t b = norm.rfind(' ', k);
      b = b == std::string::npos ? 0 : b + 1;
      size_t e = norm.find_first_of(" \n", k);
      std::string_view chunk(norm.data() + b, (e == std::string::npos ? norm.size() : e) - b);
      return chunk.find("://") != std::string_view::npos || chunk.find('@') != std::string_view::npos ||
             chunk.find("www.") != std::string_view::npos;
    };
    for (size_t k = 1; k + 1 < norm.size(); ++k) {
      char c = norm[k];
      bool hit = false;
      if (c == ',' || c == ';') {
        hit = letter_before(k, false) && is_letter_at(k + 1, true, false);
      } else if (c == '.' || c == '!' || c == '?') {
        hit = letter_before(k, true) && is_letter_at(k + 1, false, true) && k + 2 < norm.size() &&
              is_letter_at(k + 2, true, false);
      }
      if (!hit || in_url_or_mail(k)) continue;
      // Flag the two words around the mark.
      size_t b = k, e = k + 1;
      while (b > 0 && norm[b - 1] != ' ' && norm[b - 1] != '\n') --b;
      while (e < norm.size() && norm[e] != ' ' && norm[e] != '\n' && norm[e] != ',' && norm[e] != '.') ++e;
      Span span = doc.ToOriginal(static_cast<Offset>(b), static_cast<Offset>(e));
      Add(doc, span, "missing-space", "scraping",
          Quote(doc, span) + " lacks a space after the punctuation mark; text was joined when it was copied",
          "quality.missing_space.v1");
    }
  }

  // A paragraph long enough to be prose that ends without a stop, followed
  // by another paragraph: the stop was lost (the last paragraph is
  // CheckEnding's business; orphan fragments are already reported).
  void CheckParagraphEnds(Document& doc) {
    const auto& tokens = doc.tokens();
    const auto& sentences = doc.sentences();
    for (size_t p = 0; p + 1 < doc.paragraphs().size(); ++p) {
      size_t first = tokens.size(), last = 0, words = 0;
      for (const Sentence& s : sentences) {
        if (s.paragraph != p || s.token_begin == s.token_end) continue;
        first = std::min<size_t>(first, s.token_begin);
        last = std::max<size_t>(last, s.token_end - 1);
        for (size_t i = s.token_begin; i < s.token_end; ++i) words += tokens[i].kind == TokenKind::kWord;
      }
      if (first >= tokens.size() || words < kMinProseWords) continue;
      if (tokens[first].kind == TokenKind::kWord && StartsLower(doc.NormText(tokens[first]))) continue;
      if (EndsSentence(doc, last)) continue;
      Add(doc, tokens[last].span, "missing-final-stop", "scraping",
          "this paragraph ends without a full stop after " + Quote(doc, tokens[last].span) +
              ": the stop or the rest of the sentence was lost",
          "quality.missing_paragraph_stop.v1");
    }
  }

  bool EndsSentence(const Document& doc, size_t last) const {
    const auto& tokens = doc.tokens();
    size_t check = last;
    if (IsClosing(doc.Text(tokens[last].span)) && last > 0) check = last - 1;
    return IsTerminal(doc.NormText(tokens[check])) || IsTerminal(doc.NormText(tokens[last]));
  }

  void CheckEnding(Document& doc) {
    const auto& tokens = doc.tokens();
    if (tokens.empty()) return;
    size_t last = tokens.size() - 1;
    std::string_view last_text = doc.NormText(tokens[last]);
    if (EndsSentence(doc, last)) return;
    Add(doc, tokens[last].span, "missing-final-stop", "scraping",
        "the text ends without a full stop: its end may be missing", "quality.missing_final_stop.v1");
    bool cut = last_text == "," || last_text == ":" || last_text == "-";
    if (lang_) {
      const auto& no_final = lang_->rules.no_final;
      cut |= std::find(no_final.begin(), no_final.end(), lower_[last]) != no_final.end();
    }
    if (cut) {
      Add(doc, tokens[last].span, "cut-off-ending", "scraping",
          "the text stops on " + Quote(doc, tokens[last].span) + ", which cannot end a sentence: it was cut off",
          "quality.cut_off_ending.v1");
    }
  }

  void CheckCorrections(Document& doc) {
    const Extractions& ex = doc.extractions();
    for (const PlaceMention& p : ex.places) {
      if (p.correction.empty()) continue;
      Add(doc, p.span, "misspelt-name", "spelling",
          Quote(doc, p.span) + " looks like a misspelling of " + p.name + " (" + p.correction + ")",
          "quality.misspelt_name.v1");
    }
    for (const Mention& m : ex.mentions) {
      if (m.correction.empty()) continue;
      Add(doc, m.span, "misspelt-name", "spelling",
          Quote(doc, m.span) + " looks like a misspelling of " + m.name + " (" + m.correction + ")",
          "quality.misspelt_name.v1");
    }
  }

  void Verdict(Document& doc) {
    double weight = 0;
    bool strong = false;
    std::string kinds;
    for (const auto& [kind, e] : evidence_) {
      weight += e.weight;
      strong |= e.strong;
      if (e.weight > 0) kinds += (kinds.empty() ? "" : ", ") + kind;
    }
    Extractions& ex = doc.extractions();
    ex.machine_translation = strong && weight >= kMachineTranslationThreshold;
    if (ex.machine_translation) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", weight);
      Add(doc, doc.body(), "machine-translation-suspected", "machine-translation",
          std::string("the text reads like a machine translation (evidence: ") + kinds + "; weight " + buf + ")",
          "quality.verdict.v1");
    }
    // Score: each problem lowers it; the verdict lowers it most.
    double score = 1.0;
    for (const QualityFlag& f : doc.quality_flags()) {
      if (f.kind == "machine-translation-suspected") score -= 0.3;
      else if (f.category == "machine-translation") score -= 0.05;
      else if (f.kind == "orphan-fragment" || f.kind == "cut-off-ending") score -= 0.15;
      else if (f.kind == "missing-space" || f.kind == "missing-final-stop" || f.category == "spelling") score -= 0.05;
      else score -= 0.1;
    }
    ex.quality = static_cast<float>(std::clamp(score, 0.0, 1.0));
    LowerConfidence(doc);
  }

  // Quotations and events inside a damaged or garbled span are less
  // certain; everything in a suspected machine translation a little less.
  void LowerConfidence(Document& doc) {
    Extractions& ex = doc.extractions();
    auto factor = [&](Span span) {
      float f = ex.machine_translation ? kTranslatedFactor : 1.0f;
      for (const QualityFlag& flag : doc.quality_flags()) {
        if (flag.kind == "machine-translation-suspected" || flag.kind == "source-spelling") continue;
        if (flag.span.Overlaps(span)) f *= kDamagedFactor;
      }
      return f;
    };
    for (Quotation& q : ex.quotes) q.confidence *= factor(q.span);
    for (Event& e : ex.events) {
      Span sentence = e.sentence < doc.sentences().size() ? doc.sentences()[e.sentence].span : e.trigger;
      e.confidence *= factor(sentence);
    }
  }

  PipelineContext* context_;
  std::map<std::string, std::unique_ptr<LanguageQuality>> languages_;
  LanguageQuality* lang_ = nullptr;
  std::vector<std::string> lower_;
  std::map<std::string, Evidence> evidence_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeQualityChecker(PipelineContext* context) {
  return std::unique_ptr<Stage>(std::make_unique<QualityStage>(context));
}

}  // namespace cronaca
