#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <set>

#include "common/resource_text.h"
#include "common/resources.h"
#include "text/utf8.h"

namespace cronaca {

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<TokenizerRules> ParseTokenizerRules(std::string_view text, const std::string& file_name) {
  TokenizerRules rules;
  Status status = ForEachKeyValue(text, file_name, [&](std::string_view key, std::string_view value,
                                                       size_t line_no) -> Status {
    if (key == "split_after_apostrophe") {
      if (value != "yes" && value != "no") {
        return LineError(file_name, line_no, "split_after_apostrophe must be yes or no");
      }
      rules.split_after_apostrophe = value == "yes";
    } else if (key == "suffix") {
      rules.suffixes.push_back(AsciiLower(value));
    } else {
      return LineError(file_name, line_no, "unknown key '" + std::string(key) + "'");
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // Longest suffix first, so "n't" is tried before "'t".
  std::sort(rules.suffixes.begin(), rules.suffixes.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return rules;
}

Result<std::vector<std::string>> ParseAbbreviations(std::string_view text,
                                                    const std::string& file_name) {
  std::vector<std::string> abbreviations;
  Status status = ForEachResourceLine(text, [&](std::string_view line, size_t line_no) -> Status {
    if (line.back() != '.' || line.find(' ') != std::string_view::npos) {
      return LineError(file_name, line_no,
                       "an abbreviation is one word ending in '.', got '" + std::string(line) + "'");
    }
    abbreviations.emplace_back(line);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return abbreviations;
}

namespace {

struct LanguageSegmenter {
  std::unique_ptr<icu::BreakIterator> sentences;
  TokenizerRules rules;
  // Lower-case abbreviations with their final '.', matched as whole words.
  // (ICU's FilteredBreakIterator matches them as suffixes, so "l." would
  // also suppress the break after "social.": we filter ourselves.)
  std::set<std::string, std::less<>> abbreviations;
};

// Lower case for matching abbreviations (ASCII and Latin-1 letters are all
// abbreviations use).
std::string Lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

class SegmenterStage final : public Stage {
 public:
  explicit SegmenterStage(std::unique_ptr<icu::BreakIterator> words) : words_(std::move(words)) {}
  ~SegmenterStage() override { utext_close(utext_); }

  std::string_view name() const override { return "cronaca.Segmenter.v1"; }
  LayerSet requires_layers() const override {
    return kLayerNormalized | kLayerParagraphs | kLayerLanguage;
  }
  LayerSet assigns_layers() const override { return kLayerSentences | kLayerTokens; }

  Status Process(Document& doc) override {
    doc.sentences().clear();
    doc.tokens().clear();
    const std::string& norm = doc.normalized();
    for (size_t para_idx = 0; para_idx < doc.paragraphs().size(); ++para_idx) {
      const Paragraph& para = doc.paragraphs()[para_idx];
      const std::string& lang = para.lang.empty() || para.lang_confidence < kTrustParagraph
                                    ? doc.lang()
                                    : para.lang;
      Result<LanguageSegmenter*> seg = ForLanguage(lang);
      if (!seg.ok()) return seg.status();
      Status status = SegmentParagraph(doc, norm, para, static_cast<uint32_t>(para_idx), **seg);
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  static constexpr float kTrustParagraph = 0.6f;

  Result<LanguageSegmenter*> ForLanguage(const std::string& lang) {
    auto it = languages_.find(lang);
    if (it != languages_.end()) return it->second.get();
    auto seg = std::make_unique<LanguageSegmenter>();
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(lang.empty() ? "und" : lang.c_str());
    std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(locale, status));
    if (U_FAILURE(status)) {
      return Status(StatusCode::kInternal, std::string("ICU sentence iterator: ") + u_errorName(status));
    }
    seg->sentences = std::move(base);
    if (!lang.empty()) {
      std::filesystem::path path = ResourceDir() / lang / "abbreviations.txt";
      if (std::filesystem::exists(path)) {
        Result<std::string> text = ReadFile(path);
        if (!text.ok()) return text.status();
        Result<std::vector<std::string>> abbreviations = ParseAbbreviations(*text, path.string());
        if (!abbreviations.ok()) return abbreviations.status();
        for (const std::string& abbr : *abbreviations) seg->abbreviations.insert(Lower(abbr));
      }
    }
    if (!lang.empty()) {
      std::filesystem::path path = ResourceDir() / lang / "tokenizer.txt";
      if (std::filesystem::exists(path)) {
        Result<std::string> text = ReadFile(path);
        if (!text.ok()) return text.status();
        Result<TokenizerRules> rules = ParseTokenizerRules(*text, path.string());
        if (!rules.ok()) return rules.status();
        seg->rules = std::move(*rules);
      }
    }
    LanguageSegmenter* raw = seg.get();
    languages_.emplace(lang, std::move(seg));
    return raw;
  }

  Status SetText(icu::BreakIterator* iter, const std::string& norm, Span range) {
    UErrorCode status = U_ZERO_ERROR;
    utext_ = utext_openUTF8(utext_, norm.data() + range.begin, range.size(), &status);
    if (U_FAILURE(status)) return Status(StatusCode::kInternal, "utext_openUTF8 failed");
    iter->setText(utext_, status);
    if (U_FAILURE(status)) return Status(StatusCode::kInternal, "BreakIterator::setText failed");
    return Status::Ok();
  }

  Status SegmentParagraph(Document& doc, const std::string& norm, const Paragraph& para,
                          uint32_t para_idx, LanguageSegmenter& seg) {
    CRONACA_RETURN_IF_ERROR(SetText(seg.sentences.get(), norm, para.norm));
    // Collect sentence boundaries first: the word iterator reuses utext_.
    boundaries_.clear();
    for (int32_t b = seg.sentences->first(); b != icu::BreakIterator::DONE; b = seg.sentences->next()) {
      Offset at = para.norm.begin + static_cast<Offset>(b);
      if (at != para.norm.begin && at != para.norm.end && AfterAbbreviation(norm, para.norm.begin, at, seg)) {
        continue;
      }
      boundaries_.push_back(at);
    }
    for (size_t i = 0; i + 1 < boundaries_.size(); ++i) {
      Offset b = boundaries_[i];
      Offset e = boundaries_[i + 1];
      while (b < e && IsSpaceByte(norm[b])) ++b;
      while (e > b && IsSpaceByte(norm[e - 1])) --e;
      if (b == e) continue;
      Sentence sentence;
      sentence.norm = Span{b, e};
      sentence.span = doc.ToOriginal(b, e);
      sentence.paragraph = para_idx;
      sentence.token_begin = static_cast<uint32_t>(doc.tokens().size());
      CRONACA_RETURN_IF_ERROR(
          Tokenize(doc, norm, sentence.norm, static_cast<uint32_t>(doc.sentences().size()), seg.rules));
      sentence.token_end = static_cast<uint32_t>(doc.tokens().size());
      doc.sentences().push_back(sentence);
    }
    return Status::Ok();
  }

  // True if the text before a sentence break at `at` ends with a known
  // abbreviation (a whole word: preceded by a space or the paragraph start)
  // or with a single capital initial ("J. R. Smith").
  bool AfterAbbreviation(const std::string& norm, Offset para_begin, Offset at, const LanguageSegmenter& seg) {
    Offset end = at;
    while (end > para_begin && IsSpaceByte(norm[end - 1])) --end;
    if (end == para_begin || norm[end - 1] != '.') return false;
    Offset begin = end - 1;
    while (begin > para_begin && !IsSpaceByte(norm[begin - 1]) && norm[begin - 1] != '(' &&
           norm[begin - 1] != '"' && norm[begin - 1] != '\'') {
      --begin;
    }
    std::string_view word(norm.data() + begin, end - begin);
    if (word.size() == 2 && word[0] >= 'A' && word[0] <= 'Z') return true;
    if (seg.abbreviations.empty()) return false;
    return seg.abbreviations.count(Lower(word)) > 0;
  }

  static bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

  void AddToken(Document& doc, const std::string& norm, Offset b, Offset e, uint32_t sent_idx,
                TokenKind kind) {
    TokenData token;
    token.norm = Span{b, e};
    token.span = doc.ToOriginal(b, e);
    token.sentence = sent_idx;
    token.kind = kind;
    size_t pos = b;
    char32_t first = DecodeUtf8(norm, &pos);
    if (u_isupper(static_cast<UChar32>(first))) token.flags |= kTokenCapitalised;
    if (kind == TokenKind::kWord) {
      int letters = 0;
      bool all_upper = true;
      for (size_t p = b; p < e;) {
        char32_t c = DecodeUtf8(norm, &p);
        if (u_isalpha(static_cast<UChar32>(c))) {
          ++letters;
          if (!u_isupper(static_cast<UChar32>(c))) all_upper = false;
        }
      }
      if (letters >= 2 && all_upper) token.flags |= kTokenAllCaps;
    }
    if (e < norm.size() && IsSpaceByte(norm[e])) token.flags |= kTokenSpaceAfter;
    doc.tokens().push_back(token);
  }

  // Splits a UAX #29 word by the language's clitic rules and adds its tokens.
  void AddWord(Document& doc, const std::string& norm, Offset b, Offset e, uint32_t sent_idx,
               TokenKind kind, const TokenizerRules& rules) {
    std::string_view word(norm.data() + b, e - b);
    if (kind == TokenKind::kWord) {
      size_t apos = word.find('\'');
      if (apos != std::string_view::npos) {
        std::string lower = AsciiLower(word);
        for (const std::string& suffix : rules.suffixes) {
          if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
            Offset cut = e - static_cast<Offset>(suffix.size());
            AddToken(doc, norm, b, cut, sent_idx, kind);
            AddToken(doc, norm, cut, e, sent_idx, kind);
            return;
          }
        }
        if (rules.split_after_apostrophe && apos > 0 && apos + 1 < word.size()) {
          Offset cut = b + static_cast<Offset>(apos + 1);
          AddToken(doc, norm, b, cut, sent_idx, kind);
          AddWord(doc, norm, cut, e, sent_idx, kind, rules);  // "dell'un'altra" is rare but legal
          return;
        }
      }
    }
    AddToken(doc, norm, b, e, sent_idx, kind);
  }

  Status Tokenize(Document& doc, const std::string& norm, Span range, uint32_t sent_idx,
                  const TokenizerRules& rules) {
    CRONACA_RETURN_IF_ERROR(SetText(words_.get(), norm, range));
    const size_t token_begin = doc.tokens().size();
    bool first_word = true;
    int32_t start = words_->first();
    for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; start = end, end = words_->next()) {
      Offset b = range.begin + static_cast<Offset>(start);
      Offset e = range.begin + static_cast<Offset>(end);
      int32_t status = words_->getRuleStatus();
      TokenKind kind;
      if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
        kind = TokenKind::kNumber;
      } else if (status >= UBRK_WORD_LETTER) {
        kind = TokenKind::kWord;
      } else {
        size_t pos = b;
        char32_t c = DecodeUtf8(norm, &pos);
        if (u_isUWhiteSpace(static_cast<UChar32>(c))) continue;
        kind = u_ispunct(static_cast<UChar32>(c)) ? TokenKind::kPunct : TokenKind::kSymbol;
        // A run of non-word characters: one token per code point, except
        // runs of the same mark ("...", "--").
        Offset p = b;
        while (p < e) {
          size_t q = p;
          char32_t cp = DecodeUtf8(norm, &q);
          while (q < e) {
            size_t r = q;
            if (DecodeUtf8(norm, &r) != cp) break;
            q = r;
          }
          if (!u_isUWhiteSpace(static_cast<UChar32>(cp))) {
            TokenKind k = u_ispunct(static_cast<UChar32>(cp)) ? TokenKind::kPunct : TokenKind::kSymbol;
            AddToken(doc, norm, p, static_cast<Offset>(q), sent_idx, k);
          }
          p = static_cast<Offset>(q);
        }
        continue;
      }
      size_t before = doc.tokens().size();
      AddWord(doc, norm, b, e, sent_idx, kind, rules);
      if (first_word && doc.tokens().size() > before) {
        doc.tokens()[before].flags |= kTokenSentenceStart;
        first_word = false;
      }
    }
    MergeEmptyTokens(doc, token_begin);
    return Status::Ok();
  }

  // A character that normalisation expanded ("…" -> "...") maps all its
  // bytes to its own start, so a token made of only its first bytes would
  // have an empty original span. Such tokens are merged into the next one.
  static void MergeEmptyTokens(Document& doc, size_t token_begin) {
    auto& tokens = doc.tokens();
    size_t out = token_begin;
    for (size_t i = token_begin; i < tokens.size(); ++i) {
      TokenData token = tokens[i];
      if (token.span.empty() && i + 1 < tokens.size()) {
        tokens[i + 1].norm.begin = token.norm.begin;
        tokens[i + 1].span.begin = token.span.begin;
        tokens[i + 1].flags |= token.flags & kTokenSentenceStart;
        continue;
      }
      tokens[out++] = token;
    }
    tokens.resize(out);
  }

  std::unique_ptr<icu::BreakIterator> words_;
  std::map<std::string, std::unique_ptr<LanguageSegmenter>> languages_;
  UText* utext_ = nullptr;
  std::vector<Offset> boundaries_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeSegmenter() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) {
    return Status(StatusCode::kInternal, std::string("ICU word iterator: ") + u_errorName(status));
  }
  return std::unique_ptr<Stage>(std::make_unique<SegmenterStage>(std::move(words)));
}

}  // namespace cronaca
