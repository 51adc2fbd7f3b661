#include "extract/quotes/quotes.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <utility>

#include "common/resources.h"
#include "extract/quotes/quote_lexicon.h"
#include "extract/quotes/quote_marks.h"

namespace cronaca {

namespace {

using quotes::QuoteLexicon;
using quotes::QuotePair;

constexpr std::string_view kStageName = "cronaca.Quotes.v1";
constexpr std::string_view kLexiconFile = "quotes.txt";

// Windows, in tokens.
constexpr uint32_t kMaxSubjectGap = 3;        // "Putin on Sunday said": actor, then a verb within 3 tokens
constexpr uint32_t kAfterLead = 2;            // ", —" between a closing mark and its attribution
constexpr uint32_t kAfterVerbWindow = 8;      // '"…," Interior Minister X Y told': the verb within 8 tokens
constexpr uint32_t kAfterMentionWindow = 8;   // ", ha detto ai giornalisti X": the actor within 8 after the verb
constexpr uint32_t kComplementizerGap = 12;   // "told the minister during a meeting that": "that" within 12
constexpr uint32_t kCueWindow = 4;            // "secondo l'assistente del Cremlino": actor within 4
constexpr uint32_t kPassiveWindow = 3;        // "ventilata da Donald Trump"
constexpr uint32_t kPreviousSentences = 2;    // how far back a pronoun's speaker is sought
// Kinds, in words.
constexpr size_t kFullMinWords = 4;   // a capitalised run of 4+ words is a clause
constexpr size_t kFullAnyWords = 8;   // any run of 8+ words is
constexpr size_t kTitleMaxWords = 8;  // titles are short
constexpr size_t kTitleLongWord = 4;  // bytes; shorter words ("di", "of") do not count for Title Case
// Confidence of each attribution rule.
constexpr float kConfidenceAfter = 0.95f;
constexpr float kConfidencePassive = 0.9f;
constexpr float kConfidenceAccording = 0.9f;
constexpr float kConfidenceClaim = 0.85f;
constexpr float kConfidenceSubject = 0.8f;
constexpr float kConfidenceWeakSubject = 0.6f;
constexpr float kConfidenceNext = 0.75f;
constexpr float kConfidencePrevious = 0.7f;
constexpr float kConfidenceNone = 0.5f;

bool IsUpperStart(std::string_view text) {
  if (text.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return std::isupper(c) != 0;
  // Latin-1 capitals (À..Þ) are C3 80..C3 9E in UTF-8.
  return c == 0xC3 && text.size() > 1 && static_cast<unsigned char>(text[1]) >= 0x80 &&
         static_cast<unsigned char>(text[1]) <= 0x9E;
}

bool IsTrimByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Words of a content run, split on ASCII spaces.
size_t CountWords(std::string_view text, size_t* long_words, size_t* capitalised_long) {
  size_t words = 0;
  *long_words = 0;
  *capitalised_long = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsTrimByte(text[pos])) ++pos;
    if (pos >= text.size()) break;
    size_t end = pos;
    while (end < text.size() && !IsTrimByte(text[end])) ++end;
    std::string_view word = text.substr(pos, end - pos);
    ++words;
    if (word.size() >= kTitleLongWord) {
      ++*long_words;
      if (IsUpperStart(word)) ++*capitalised_long;
    }
    pos = end;
  }
  return words;
}

bool EndsSentence(std::string_view text) {
  while (!text.empty() && IsTrimByte(text.back())) text.remove_suffix(1);
  if (text.empty()) return false;
  const char c = text.back();
  return c == '.' || c == '!' || c == '?';
}

// The attribution chosen for one quotation or claim.
struct Attribution {
  uint32_t speaker = kNoIndex;
  uint32_t relay = kNoIndex;
  const char* rule = "none";
  float confidence = kConfidenceNone;
};

// A claim (reported speech) of one sentence, before it becomes a Quotation.
struct Claim {
  uint32_t sentence = 0;
  uint32_t verb = 0;                 // the speech verb's token
  uint32_t content_begin = 0;        // tokens [content_begin, content_end)
  uint32_t content_end = 0;
  Attribution who;
};

class QuoteStage : public Stage {
 public:
  QuoteStage(PipelineContext* context, std::map<std::string, QuoteLexicon> lexicons)
      : context_(context), lexicons_(std::move(lexicons)) {}

  std::string_view name() const override { return kStageName; }
  LayerSet requires_layers() const override {
    return kLayerTokens | kLayerSentences | kLayerLanguage | kLayerMorphology | kLayerMentions;
  }
  LayerSet assigns_layers() const override { return kLayerQuotes; }

  Status Process(Document& doc) override {
    doc_ = &doc;
    doc.extractions().quotes.clear();
    Prepare();
    FindClaims();
    for (uint32_t para_idx = 0; para_idx < doc.paragraphs().size(); ++para_idx) FindQuotations(para_idx);
    for (const Claim& claim : claims_) EmitClaim(claim);
    std::stable_sort(doc.extractions().quotes.begin(), doc.extractions().quotes.end(),
                     [](const Quotation& a, const Quotation& b) { return a.span.begin < b.span.begin; });
    doc.AddLayers(kLayerQuotes);
    doc_ = nullptr;
    return Status::Ok();
  }

 private:
  // --- per-document tables ---------------------------------------------------

  void Prepare() {
    const std::vector<TokenData>& tokens = doc_->tokens();
    lower_.resize(tokens.size());
    lemma_.resize(tokens.size());
    for (size_t tok_idx = 0; tok_idx < tokens.size(); ++tok_idx) {
      std::string_view norm = doc_->NormText(tokens[tok_idx]);
      lower_[tok_idx].assign(norm.begin(), norm.end());
      for (char& c : lower_[tok_idx]) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const uint32_t lemma = tokens[tok_idx].lemma;
      lemma_[tok_idx] = lemma == StringStore::kNone ? std::string_view() : context_->strings.Get(lemma);
    }
    const std::vector<Mention>& mentions = doc_->extractions().mentions;
    token_mention_.assign(tokens.size(), kNoIndex);
    mention_begin_.resize(mentions.size());
    mention_end_.resize(mentions.size());
    for (uint32_t m_idx = 0; m_idx < mentions.size(); ++m_idx) {
      const uint32_t begin = TokenAtOrAfter(mentions[m_idx].span.begin);
      uint32_t end = begin;
      while (end < tokens.size() && tokens[end].span.begin < mentions[m_idx].span.end) {
        token_mention_[end] = m_idx;
        ++end;
      }
      mention_begin_[m_idx] = begin;
      mention_end_[m_idx] = end;
    }
    FindUnknownNames();
    sentence_lex_.resize(doc_->sentences().size());
    for (size_t sent_idx = 0; sent_idx < doc_->sentences().size(); ++sent_idx) {
      const Sentence& sentence = doc_->sentences()[sent_idx];
      std::string lang = doc_->lang();
      if (sentence.paragraph < doc_->paragraphs().size() && !doc_->paragraphs()[sentence.paragraph].lang.empty()) {
        lang = doc_->paragraphs()[sentence.paragraph].lang;
      }
      auto it = lexicons_.find(lang);
      if (it == lexicons_.end()) it = lexicons_.find(doc_->lang());
      sentence_lex_[sent_idx] = it == lexicons_.end() ? nullptr : &it->second;
    }
    claims_.clear();
  }

  // Names the actor dictionary does not know ("Julio Velasco", "Zelenskyj"):
  // runs of capitalised proper or unknown words outside any mention, not
  // places or organisations by the lexicon, not all capitals (datelines),
  // not a lone capital at a sentence's start unless the lexicon calls it a
  // person's name; particles ("de la") may join them. They become extra
  // person mentions of this stage only (index >= mentions.size(), no code,
  // never doc mentions), so a quotation can still name its speaker.
  void FindUnknownNames() {
    const std::vector<TokenData>& tokens = doc_->tokens();
    const uint32_t real = static_cast<uint32_t>(doc_->extractions().mentions.size());
    unknown_.clear();
    auto is_name_token = [&](uint32_t tok_idx) {
      const TokenData& t = tokens[tok_idx];
      if (t.kind != TokenKind::kWord || token_mention_[tok_idx] != kNoIndex) return false;
      if (!(t.flags & kTokenCapitalised) || (t.flags & kTokenAllCaps)) return false;
      if (t.proper == ProperClass::kPlace || t.proper == ProperClass::kOrganisation) return false;
      const bool person_class = t.proper == ProperClass::kGivenName || t.proper == ProperClass::kSurname ||
                                t.proper == ProperClass::kPerson;
      if (!person_class && t.pos != Pos::kProperNoun && (t.flags & kTokenKnown)) return false;
      return true;
    };
    auto is_particle = [&](uint32_t tok_idx) {
      static constexpr std::string_view kParticles[] = {"de", "la", "di", "da", "del", "von", "van", "der", "bin", "al"};
      return std::find(std::begin(kParticles), std::end(kParticles), lower_[tok_idx]) != std::end(kParticles);
    };
    for (uint32_t tok_idx = 0; tok_idx < tokens.size();) {
      if (!is_name_token(tok_idx)) {
        ++tok_idx;
        continue;
      }
      // Inside a run any capitalised word continues it ("Jannik Sinner",
      // where "sinner" is also an English noun).
      auto continues = [&](uint32_t k) {
        const TokenData& t = tokens[k];
        return is_name_token(k) || (t.kind == TokenKind::kWord && token_mention_[k] == kNoIndex &&
                                    (t.flags & kTokenCapitalised) && !(t.flags & kTokenAllCaps) &&
                                    t.proper != ProperClass::kPlace && t.proper != ProperClass::kOrganisation);
      };
      uint32_t end = tok_idx + 1;
      while (end < tokens.size() && tokens[end].sentence == tokens[tok_idx].sentence) {
        if (continues(end)) {
          ++end;
        } else if (end + 1 < tokens.size() && is_particle(end) && continues(end + 1)) {
          end += 2;
        } else {
          break;
        }
      }
      const TokenData& first = tokens[tok_idx];
      const bool person_class = first.proper == ProperClass::kGivenName || first.proper == ProperClass::kSurname ||
                                first.proper == ProperClass::kPerson;
      // A lone capital at a sentence's start is a name when the lexicon says
      // so or a verb follows ("Zelenskyj aveva definito").
      const bool verb_follows = end < tokens.size() && tokens[end].sentence == first.sentence &&
                                (tokens[end].pos == Pos::kVerb || tokens[end].pos == Pos::kAuxiliary);
      if (end - tok_idx == 1 && (first.flags & kTokenSentenceStart) && !person_class &&
          first.pos != Pos::kProperNoun && !verb_follows) {
        tok_idx = end;
        continue;
      }
      Mention m;
      m.span = Span{first.span.begin, tokens[end - 1].span.end};
      m.sentence = first.sentence;
      m.type = MentionType::kPerson;
      m.name = std::string(doc_->Text(m.span));
      m.entity = "name:" + lower_[end - 1];  // "Sinner" and "Jannik Sinner" are one
      m.rule = "quotes.unknown_name";
      m.confidence = kConfidenceWeakSubject;
      const uint32_t m_idx = real + static_cast<uint32_t>(unknown_.size());
      unknown_.push_back(std::move(m));
      mention_begin_.push_back(tok_idx);
      mention_end_.push_back(end);
      for (uint32_t k = tok_idx; k < end; ++k) token_mention_[k] = m_idx;
      tok_idx = end;
    }
  }

  bool IsUnknownName(uint32_t m_idx) const { return m_idx >= doc_->extractions().mentions.size(); }

  // The first token whose span begins at or after `offset` (tokens.size() if none).
  uint32_t TokenAtOrAfter(Offset offset) const {
    const std::vector<TokenData>& tokens = doc_->tokens();
    auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                               [](const TokenData& t, Offset o) { return t.span.begin < o; });
    return static_cast<uint32_t>(it - tokens.begin());
  }

  const Sentence& SentenceOf(uint32_t sent_idx) const { return doc_->sentences()[sent_idx]; }
  const QuoteLexicon* Lex(uint32_t sent_idx) const { return sentence_lex_[sent_idx]; }
  const TokenData& Tok(uint32_t tok_idx) const { return doc_->tokens()[tok_idx]; }
  const Mention& MentionAt(uint32_t m_idx) const {
    const std::vector<Mention>& mentions = doc_->extractions().mentions;
    return m_idx < mentions.size() ? mentions[m_idx] : unknown_[m_idx - mentions.size()];
  }

  bool IsVerb(uint32_t tok_idx, const QuoteLexicon* lex) const {
    const Pos pos = Tok(tok_idx).pos;
    return pos == Pos::kVerb || pos == Pos::kAuxiliary || IsSpeechVerb(tok_idx, lex);
  }

  bool IsSpeechVerb(uint32_t tok_idx, const QuoteLexicon* lex) const {
    if (lex == nullptr || Tok(tok_idx).kind != TokenKind::kWord) return false;
    const Pos pos = Tok(tok_idx).pos;
    if (pos == Pos::kNoun || pos == Pos::kProperNoun || pos == Pos::kPreposition || pos == Pos::kDeterminer) {
      return false;
    }
    return lex->IsSpeechVerb(lower_[tok_idx]) || (!lemma_[tok_idx].empty() && lex->IsSpeechVerb(lemma_[tok_idx]));
  }

  bool IsGerund(uint32_t tok_idx, const QuoteLexicon* lex) const {
    if (lex == nullptr) return false;
    const std::string& word = lower_[tok_idx];
    for (const std::string& suffix : lex->gerund_suffixes()) {
      if (word.size() > suffix.size() + 1 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return true;
      }
    }
    return false;
  }

  bool IsQuoteMarkToken(uint32_t tok_idx) const { return lower_[tok_idx] == "\"" || lower_[tok_idx] == "'"; }

  // An actor that can speak: a person, a role, an organisation, a seat of
  // government, a country.
  // A dateline ("MOSCOW —" at the start of a paragraph) is not an actor.
  bool IsCandidate(uint32_t m_idx) const {
    if (MentionAt(m_idx).type == MentionType::kOther) return false;
    const uint32_t begin = mention_begin_[m_idx], end = mention_end_[m_idx];
    if (end < lower_.size() && (Tok(begin).flags & kTokenAllCaps) && (Tok(begin).flags & kTokenSentenceStart)) {
      const std::string& next = lower_[end];
      if (next == "-" || next == "\xE2\x80\x93" || next == "\xE2\x80\x94") return false;
    }
    return true;
  }

  // A person, also when named by a title resolved to its holder ("the
  // French President"); an agent that no person was found for is a body.
  bool IsPersonLike(uint32_t m_idx) const { return MentionAt(m_idx).type == MentionType::kPerson; }

  bool PrecededByPreposition(uint32_t m_idx) const {
    const uint32_t begin = mention_begin_[m_idx];
    if (begin == 0) return false;
    const TokenData& before = Tok(begin - 1);
    return before.sentence == MentionAt(m_idx).sentence && before.pos == Pos::kPreposition;
  }

  // The mention is followed within kMaxSubjectGap tokens (before `limit`) by
  // a verb, with no other actor or punctuation but commas between. Sets
  // *verb to the main verb (the participle after an auxiliary: "ha detto").
  // Not the actor's verb: an infinitive ("forces to be put", "Israele di
  // fermare"), and after a comma anything but an auxiliary or a speech verb
  // (", describing", ", raggiunta") or a parenthetical (", ha scritto,").
  bool FollowedByVerb(uint32_t m_idx, uint32_t limit, const QuoteLexicon* lex, uint32_t* verb) const {
    const uint32_t end = mention_end_[m_idx];
    for (uint32_t tok_idx = end; tok_idx < limit && tok_idx <= end + kMaxSubjectGap; ++tok_idx) {
      if (token_mention_[tok_idx] != kNoIndex) return false;
      if (Tok(tok_idx).kind == TokenKind::kPunct) {
        if (lower_[tok_idx] == ",") continue;
        return false;
      }
      // "Indian jets and vowed": the verb of a coordinated subject.
      if (Tok(tok_idx).pos == Pos::kConjunction && (lex == nullptr || !lex->IsComplementizer(lower_[tok_idx]))) {
        return false;
      }
      if (!IsVerb(tok_idx, lex)) continue;
      if (tok_idx > 0 && Tok(tok_idx - 1).pos == Pos::kPreposition) return false;
      // A gerund belongs to the main clause: "ha convocato l'ambasciatore
      // chiedendo «…»", "…, describing the move as «…»".
      if (IsGerund(tok_idx, lex)) return false;
      uint32_t main = tok_idx;
      if (Tok(tok_idx).pos == Pos::kAuxiliary) {
        for (uint32_t k = tok_idx + 1; k < limit && k <= tok_idx + 2; ++k) {
          if (Tok(k).kind != TokenKind::kWord) break;
          if (Tok(k).pos == Pos::kVerb || IsSpeechVerb(k, lex)) {
            main = k;
            break;
          }
        }
      }
      const bool after_comma = tok_idx > 0 && lower_[tok_idx - 1] == ",";
      if (after_comma) {
        if (Tok(tok_idx).pos != Pos::kAuxiliary && !IsSpeechVerb(tok_idx, lex)) return false;
        if (main + 1 < limit && lower_[main + 1] == "," ) return false;  // ", ha scritto,"
      }
      *verb = main;
      return true;
    }
    return false;
  }

  // The subject of sentence `sent_idx` before token `limit`, the first rule
  // that finds one:
  //   1. an actor followed by a speech verb ("Putin ha detto", "Trump said")
  //   2. an actor followed by any verb
  //   3. the same two for an actor after a preposition ("Poche ore dopo
  //      Trump ha intimato", "respinto dal ministero, che lo ha bollato")
  // (*strong = true), taking the last such actor (the first when `first`),
  // but not one inside a "che"/"that" clause when an actor came before;
  // else the first actor not after a preposition when it comes before the
  // sentence's first verb (*strong = false). *verb is the subject's verb
  // (kNoIndex if weak).
  uint32_t SubjectBefore(uint32_t sent_idx, uint32_t limit, bool* strong, uint32_t* verb, bool first = false) const {
    const Sentence& sentence = SentenceOf(sent_idx);
    const QuoteLexicon* lex = Lex(sent_idx);
    constexpr int kRanks = 4;  // speech, verb, speech after a preposition, verb after one
    uint32_t ranked[kRanks], ranked_verb[kRanks];
    std::fill(ranked, ranked + kRanks, kNoIndex);
    std::fill(ranked_verb, ranked_verb + kRanks, kNoIndex);
    uint32_t fallback = kNoIndex;
    uint32_t first_verb = kNoIndex;
    uint32_t last_m = kNoIndex;
    bool after_complementizer = false;
    for (uint32_t tok_idx = sentence.token_begin; tok_idx < limit && tok_idx < sentence.token_end; ++tok_idx) {
      const uint32_t m_idx = token_mention_[tok_idx];
      if (m_idx == kNoIndex) {
        if (first_verb == kNoIndex && IsVerb(tok_idx, lex)) first_verb = tok_idx;
        if (first_verb != kNoIndex && lex != nullptr && lex->IsComplementizer(lower_[tok_idx])) {
          after_complementizer = true;
        }
        continue;
      }
      if (m_idx == last_m) continue;
      last_m = m_idx;
      if (!IsCandidate(m_idx) || mention_end_[m_idx] > limit) continue;
      const bool after_preposition = PrecededByPreposition(m_idx);
      uint32_t v = kNoIndex;
      if (FollowedByVerb(m_idx, limit, lex, &v)) {
        const bool speech = IsSpeechVerb(v, lex);
        const int rank = (speech ? 0 : 1) + (after_preposition ? 2 : 0);
        // The nearest subject ("Ushakov said Putin told", "mentre Varsavia
        // ha convocato"), except one inside a "che" clause, which reports
        // the words of the subject before it ("hanno concordato che
        // l'Ucraina potrà ..."); the first when `first`.
        if (ranked[rank] == kNoIndex || (!first && (speech || !after_complementizer))) {
          ranked[rank] = m_idx;
          ranked_verb[rank] = v;
        }
      } else if (!after_preposition && fallback == kNoIndex && first_verb == kNoIndex) {
        fallback = m_idx;
      }
    }
    for (int rank = 0; rank < kRanks; ++rank) {
      if (ranked[rank] == kNoIndex) continue;
      *strong = true;
      *verb = ranked_verb[rank];
      return ranked[rank];
    }
    *strong = false;
    *verb = kNoIndex;
    return fallback;
  }

  // "Lo ha annunciato ieri il tycoon", "ha detto ai giornalisti l'aiutante
  // del Cremlino Yuri Ushakov": a speech verb before `limit` followed by an
  // actor (not after a preposition), when no subject pronoun comes first.
  uint32_t InvertedSubject(uint32_t sent_idx, uint32_t limit) const {
    const QuoteLexicon* lex = Lex(sent_idx);
    const Sentence& sentence = SentenceOf(sent_idx);
    for (uint32_t tok_idx = sentence.token_begin; tok_idx < limit && tok_idx < sentence.token_end; ++tok_idx) {
      if (!IsSpeechVerb(tok_idx, lex)) continue;
      if (HasSubjectPronoun(sent_idx, tok_idx)) return kNoIndex;  // "He warned Kiev of ..."
      const uint32_t to = std::min(limit, tok_idx + 1 + kAfterMentionWindow);
      for (uint32_t k = tok_idx + 1; k < to; ++k) {
        if (Tok(k).kind == TokenKind::kPunct || (lex != nullptr && lex->IsComplementizer(lower_[k]))) break;
        const uint32_t m_idx = token_mention_[k];
        if (m_idx == kNoIndex || mention_begin_[m_idx] != k) continue;
        if (IsCandidate(m_idx) && !PrecededByPreposition(m_idx)) return m_idx;
      }
    }
    return kNoIndex;
  }

  // A subject pronoun ("he", "lei") before token `limit` in the sentence.
  bool HasSubjectPronoun(uint32_t sent_idx, uint32_t limit) const {
    const QuoteLexicon* lex = Lex(sent_idx);
    if (lex == nullptr) return false;
    const Sentence& sentence = SentenceOf(sent_idx);
    for (uint32_t tok_idx = sentence.token_begin; tok_idx < limit && tok_idx < sentence.token_end; ++tok_idx) {
      if (lex->IsSubjectPronoun(lower_[tok_idx])) return true;
    }
    return false;
  }

  // The first actor starting in tokens [from, to), not after a preposition.
  uint32_t MentionFrom(uint32_t from, uint32_t to, bool allow_preposition) const {
    for (uint32_t tok_idx = from; tok_idx < to && tok_idx < token_mention_.size(); ++tok_idx) {
      const uint32_t m_idx = token_mention_[tok_idx];
      if (m_idx == kNoIndex || mention_begin_[m_idx] != tok_idx || !IsCandidate(m_idx)) continue;
      if (!allow_preposition && PrecededByPreposition(m_idx)) continue;
      return m_idx;
    }
    return kNoIndex;
  }

  // Does `phrase` match the tokens from `tok_idx`?
  bool PhraseAt(const QuoteLexicon::Phrase& phrase, uint32_t tok_idx, uint32_t end) const {
    if (tok_idx + phrase.size() > end) return false;
    for (size_t k = 0; k < phrase.size(); ++k) {
      if (lower_[tok_idx + k] != phrase[k]) return false;
    }
    return true;
  }

  // "secondo X" anywhere in the sentence, "Per X, ..." at its start.
  // *cue_only is set when "according to" names no actor ("according to the
  // official"): the source was named before.
  uint32_t AccordingSource(uint32_t sent_idx, bool* cue_only = nullptr) const {
    if (cue_only != nullptr) *cue_only = false;
    const QuoteLexicon* lex = Lex(sent_idx);
    if (lex == nullptr) return kNoIndex;
    const Sentence& sentence = SentenceOf(sent_idx);
    for (uint32_t tok_idx = sentence.token_begin; tok_idx < sentence.token_end; ++tok_idx) {
      for (const QuoteLexicon::Phrase& phrase : lex->according()) {
        if (!PhraseAt(phrase, tok_idx, sentence.token_end)) continue;
        const uint32_t after = tok_idx + static_cast<uint32_t>(phrase.size());
        const uint32_t m_idx = MentionFrom(after, std::min(after + kCueWindow, sentence.token_end), true);
        if (m_idx != kNoIndex) return m_idx;
        if (cue_only != nullptr) *cue_only = true;
      }
    }
    for (const QuoteLexicon::Phrase& phrase : lex->according_initial()) {
      if (!PhraseAt(phrase, sentence.token_begin, sentence.token_end)) continue;
      const uint32_t after = sentence.token_begin + static_cast<uint32_t>(phrase.size());
      const uint32_t m_idx = MentionFrom(after, std::min(after + kCueWindow, sentence.token_end), true);
      // "Per il presidente ucraino, ...": the actor is closed by a comma.
      if (m_idx != kNoIndex && mention_end_[m_idx] < sentence.token_end && lower_[mention_end_[m_idx]] == ",") {
        return m_idx;
      }
    }
    return kNoIndex;
  }

  // The last person named in the sentences before `sent_idx` (at most
  // kPreviousSentences back); else the subject of the previous sentence.
  uint32_t PreviousSpeaker(uint32_t sent_idx) const {
    for (uint32_t back = 1; back <= kPreviousSentences && back <= sent_idx; ++back) {
      const Sentence& sentence = SentenceOf(sent_idx - back);
      // A known person first: an unknown capitalised run may be a place.
      uint32_t unknown = kNoIndex;
      for (uint32_t tok_idx = sentence.token_end; tok_idx > sentence.token_begin; --tok_idx) {
        const uint32_t m_idx = token_mention_[tok_idx - 1];
        if (m_idx == kNoIndex || !IsPersonLike(m_idx)) continue;
        if (!IsUnknownName(m_idx)) return m_idx;
        if (unknown == kNoIndex) unknown = m_idx;
      }
      bool strong = false;
      uint32_t verb = kNoIndex;
      const uint32_t subject = SubjectBefore(sent_idx - back, sentence.token_end, &strong, &verb);
      if (subject != kNoIndex && (strong || unknown == kNoIndex)) return subject;
      if (unknown != kNoIndex) return unknown;
    }
    return kNoIndex;
  }

  // The main subject of the sentence before `sent_idx` in its paragraph.
  uint32_t PreviousSubject(uint32_t sent_idx) const {
    if (sent_idx == 0 || SentenceOf(sent_idx - 1).paragraph != SentenceOf(sent_idx).paragraph) return kNoIndex;
    bool strong = false;
    uint32_t verb = kNoIndex;
    const uint32_t subject =
        SubjectBefore(sent_idx - 1, SentenceOf(sent_idx - 1).token_end, &strong, &verb, /*first=*/true);
    return strong ? subject : kNoIndex;
  }

  // The subject of the sentence after `sent_idx`, when it is in the same paragraph.
  uint32_t NextSubject(uint32_t sent_idx) const {
    if (sent_idx + 1 >= doc_->sentences().size()) return kNoIndex;
    const Sentence& next = SentenceOf(sent_idx + 1);
    if (next.paragraph != SentenceOf(sent_idx).paragraph) return kNoIndex;
    bool strong = false;
    uint32_t verb = kNoIndex;
    return SubjectBefore(sent_idx + 1, next.token_end, &strong, &verb, /*first=*/true);
  }

  bool NextHasCue(uint32_t sent_idx) const {
    if (sent_idx + 1 >= doc_->sentences().size()) return false;
    const QuoteLexicon* lex = Lex(sent_idx + 1);
    if (lex == nullptr) return false;
    const Sentence& next = SentenceOf(sent_idx + 1);
    for (uint32_t tok_idx = next.token_begin; tok_idx < next.token_end; ++tok_idx) {
      for (const QuoteLexicon::Phrase& phrase : lex->next_cues()) {
        if (PhraseAt(phrase, tok_idx, next.token_end)) return true;
      }
    }
    return false;
  }

  bool SameActor(uint32_t a, uint32_t b) const {
    if (a == b) return true;
    const Mention& ma = MentionAt(a);
    const Mention& mb = MentionAt(b);
    if (!ma.entity.empty() && ma.entity == mb.entity) return true;
    return !ma.code.empty() && ma.code == mb.code && !IsPersonLike(a) && !IsPersonLike(b);
  }

  // --- reported speech ---------------------------------------------------------

  // The speaker of the speech verb at `verb`: its subject, a "secondo"
  // source, or the person of the previous sentence (a dropped subject);
  // the relay is the speaker of an earlier speech verb of the sentence or
  // the "secondo" source.
  Attribution SpeakerOfVerb(uint32_t sent_idx, uint32_t verb) const {
    Attribution who;
    const QuoteLexicon* lex = Lex(sent_idx);
    bool strong = false;
    uint32_t subject_verb = kNoIndex;
    // The limit includes the verb itself: "Putin told" must see "told".
    const uint32_t subject = SubjectBefore(sent_idx, verb + 1, &strong, &subject_verb);
    const uint32_t according = AccordingSource(sent_idx);
    if (subject != kNoIndex && strong) {
      who = {subject, kNoIndex, "claim.subject", kConfidenceSubject};
      // A chain: an earlier speech verb with its own subject.
      if (subject_verb != kNoIndex) {
        const uint32_t subject_begin = mention_begin_[subject];
        for (uint32_t tok_idx = SentenceOf(sent_idx).token_begin; tok_idx < subject_begin; ++tok_idx) {
          if (!IsSpeechVerb(tok_idx, lex)) continue;
          bool earlier_strong = false;
          uint32_t earlier_verb = kNoIndex;
          const uint32_t earlier = SubjectBefore(sent_idx, tok_idx + 1, &earlier_strong, &earlier_verb);
          if (earlier != kNoIndex && earlier_strong && !SameActor(earlier, subject)) who.relay = earlier;
        }
      }
      if (who.relay == kNoIndex && according != kNoIndex && !SameActor(according, subject)) who.relay = according;
      return who;
    }
    if (according != kNoIndex) return {according, kNoIndex, "claim.according", kConfidenceAccording};
    const uint32_t inverted = InvertedSubject(sent_idx, verb);
    if (inverted != kNoIndex) return {inverted, kNoIndex, "claim.inverted", kConfidenceSubject};
    if (subject != kNoIndex) return {subject, kNoIndex, "claim.subject", kConfidenceWeakSubject};
    const uint32_t previous = PreviousSpeaker(sent_idx);
    if (previous != kNoIndex) return {previous, kNoIndex, "claim.previous", kConfidencePrevious};
    return who;
  }

  void FindClaims() {
    for (uint32_t sent_idx = 0; sent_idx < doc_->sentences().size(); ++sent_idx) {
      const QuoteLexicon* lex = Lex(sent_idx);
      if (lex == nullptr) continue;
      const Sentence& sentence = SentenceOf(sent_idx);
      for (uint32_t verb = sentence.token_begin; verb < sentence.token_end; ++verb) {
        if (!IsSpeechVerb(verb, lex)) continue;
        uint32_t complementizer = kNoIndex;
        for (uint32_t tok_idx = verb + 1; tok_idx < sentence.token_end && tok_idx <= verb + kComplementizerGap;
             ++tok_idx) {
          if (lex->IsComplementizer(lower_[tok_idx])) {
            complementizer = tok_idx;
            break;
          }
          // Punctuation, a quotation, another speech verb, or an object
          // ("ha annunciato un piano che ..."): not reported speech.
          if (Tok(tok_idx).kind == TokenKind::kPunct || IsSpeechVerb(tok_idx, lex)) break;
          if (tok_idx == verb + 1 && Tok(tok_idx).pos == Pos::kDeterminer) break;
        }
        if (complementizer == kNoIndex) continue;
        uint32_t content_end = sentence.token_end;
        while (content_end > complementizer + 1 && Tok(content_end - 1).kind == TokenKind::kPunct &&
               !IsQuoteMarkToken(content_end - 1)) {
          --content_end;
        }
        if (content_end <= complementizer + 1) continue;
        Claim claim;
        claim.sentence = sent_idx;
        claim.verb = verb;
        claim.content_begin = complementizer + 1;
        claim.content_end = content_end;
        claim.who = SpeakerOfVerb(sent_idx, verb);
        claims_.push_back(claim);
      }
    }
  }

  // The claim whose content holds token `tok_idx`, or nullptr.
  // The innermost: "said that Putin had told Wang that … «…»" is Putin's.
  const Claim* ClaimHolding(uint32_t tok_idx) const {
    const Claim* inner = nullptr;
    for (const Claim& claim : claims_) {
      if (tok_idx >= claim.content_begin && tok_idx < claim.content_end &&
          (inner == nullptr || claim.content_begin > inner->content_begin)) {
        inner = &claim;
      }
    }
    return inner;
  }

  // --- direct quotations -------------------------------------------------------

  // '"…," X said', «…», ha detto X: the speech verb right after the closing
  // mark and the actor around it. *verb_only is set when the verb has no
  // actor (", ha spiegato", ", he said").
  // *np_subject is set when the verb's subject is a noun phrase that names
  // no actor ('"…," the world number one said'): an epithet for someone
  // named before.
  uint32_t AfterAttribution(uint32_t after_tok, bool comma_inside, bool* verb_found, bool* np_subject) const {
    *verb_found = false;
    *np_subject = false;
    const std::vector<TokenData>& tokens = doc_->tokens();
    if (after_tok >= tokens.size()) return kNoIndex;
    const uint32_t sent_idx = tokens[after_tok].sentence;
    const QuoteLexicon* lex = Lex(sent_idx);
    if (lex == nullptr) return kNoIndex;
    const uint32_t sent_end = SentenceOf(sent_idx).token_end;
    uint32_t start = after_tok;
    for (uint32_t lead = 0; lead < kAfterLead && start < sent_end; ++lead) {
      const std::string& t = lower_[start];
      if (t == "," || t == ";" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93" || t == "-") {
        ++start;
      } else {
        break;
      }
    }
    // The attribution is set off by a comma, after the closing mark or
    // before it ('"…," X said'); a full stop ends the sentence.
    if (start == after_tok && (!comma_inside || (start < sent_end && Tok(start).kind == TokenKind::kPunct))) {
      return kNoIndex;
    }
    for (uint32_t tok_idx = start; tok_idx < sent_end && tok_idx < start + kAfterVerbWindow; ++tok_idx) {
      if (IsQuoteMarkToken(tok_idx) || lex->IsComplementizer(lower_[tok_idx])) break;
      if (!IsSpeechVerb(tok_idx, lex)) continue;
      *verb_found = true;
      // '"…," China's foreign ministry said'
      uint32_t before = kNoIndex;
      for (uint32_t k = start; k < tok_idx; ++k) {
        const uint32_t m_idx = token_mention_[k];
        if (m_idx != kNoIndex && IsCandidate(m_idx)) before = m_idx;
      }
      if (before != kNoIndex) return before;
      for (uint32_t k = start; k < tok_idx; ++k) {
        if (Tok(k).pos == Pos::kNoun) {
          *np_subject = true;
          return kNoIndex;
        }
      }
      // ", ha detto il portavoce Dmitry Peskov", '," said Kremlin spokesman X'
      const uint32_t limit = std::min(sent_end, tok_idx + 1 + kAfterMentionWindow);
      for (uint32_t k = tok_idx + 1; k < limit; ++k) {
        if (IsQuoteMarkToken(k)) break;
        const uint32_t m_idx = token_mention_[k];
        if (m_idx != kNoIndex && mention_begin_[m_idx] == k && IsCandidate(m_idx) && !PrecededByPreposition(m_idx)) {
          return m_idx;
        }
        // A second clause ("e ha aggiunto"): stop.
        if (Tok(k).kind == TokenKind::kPunct && lower_[k] != "," ) break;
      }
      return kNoIndex;
    }
    return kNoIndex;
  }

  // «…» ventilata da X, "…" proposed by X
  uint32_t PassiveAgent(uint32_t after_tok) const {
    const std::vector<TokenData>& tokens = doc_->tokens();
    if (after_tok >= tokens.size()) return kNoIndex;
    const uint32_t sent_idx = tokens[after_tok].sentence;
    const QuoteLexicon* lex = Lex(sent_idx);
    if (lex == nullptr) return kNoIndex;
    const uint32_t sent_end = SentenceOf(sent_idx).token_end;
    // A participle, then the agent: "ventilata da X" (not "citing «…» by X").
    const uint32_t participle = after_tok;
    const uint32_t agent = after_tok + 1;
    if (agent >= sent_end || Tok(participle).kind != TokenKind::kWord || !lex->IsPassiveAgent(lower_[agent])) {
      return kNoIndex;
    }
    // The participle may be tagged as a noun ("proposta"), never as a
    // function word.
    const Pos pos = Tok(participle).pos;
    if (pos == Pos::kPreposition || pos == Pos::kDeterminer || pos == Pos::kConjunction || pos == Pos::kPronoun) {
      return kNoIndex;
    }
    return MentionFrom(agent + 1, std::min(sent_end, agent + 1 + kPassiveWindow), true);
  }

  void FindQuotations(uint32_t para_idx) {
    const Paragraph& para = doc_->paragraphs()[para_idx];
    quotes::FindQuotePairs(doc_->Text(para.span), &pairs_);
    for (const QuotePair& pair : pairs_) {
      if (pair.depth > 0) continue;  // part of the outer quotation's content
      AddQuotation(para, pair);
    }
  }

  void AddQuotation(const Paragraph& para, const QuotePair& pair) {
    const std::vector<TokenData>& tokens = doc_->tokens();
    const Offset base = para.span.begin;
    Quotation q;
    q.span = Span{base + pair.open_begin, base + pair.close_end};
    Offset content_begin = base + pair.open_end;
    Offset content_end = base + pair.close_begin;
    const std::string& text = doc_->original();
    while (content_begin < content_end && IsTrimByte(text[content_begin])) ++content_begin;
    while (content_end > content_begin &&
           (IsTrimByte(text[content_end - 1]) || text[content_end - 1] == ',')) {
      --content_end;
    }
    const uint32_t open_tok = TokenAtOrAfter(q.span.begin);
    const uint32_t after_tok = TokenAtOrAfter(q.span.end);
    if (open_tok >= tokens.size()) return;
    const uint32_t sent_idx = tokens[open_tok].sentence;
    const QuoteLexicon* lex = Lex(sent_idx);
    q.sentence = sent_idx;
    const std::string lang_tag = lex == nullptr ? "xx" : (doc_->lang().empty() ? "xx" : doc_->lang());
    if (content_begin >= content_end) {
      // Scraping damage: no speaker, no content.
      q.content = Span{base + pair.open_end, base + pair.open_end};
      q.kind = QuoteKind::kEmpty;
      q.rule = "quotes.empty";
      doc_->extractions().quotes.push_back(std::move(q));
      return;
    }
    q.content = Span{content_begin, content_end};
    const std::string_view content = doc_->Text(q.content);
    size_t long_words = 0, capitalised_long = 0;
    const size_t words = CountWords(content, &long_words, &capitalised_long);

    // Where the quotation stands in its sentence.
    const Sentence& sentence = SentenceOf(sent_idx);
    const bool has_before = open_tok > sentence.token_begin;
    const uint32_t before_tok = has_before ? open_tok - 1 : kNoIndex;
    const bool embedded = has_before && Tok(before_tok).kind == TokenKind::kWord;
    const bool before_speech = embedded && (IsSpeechVerb(before_tok, lex) ||
                                            (lex != nullptr && lex->IsComplementizer(lower_[before_tok])));
    bool after_verb = false;
    size_t inner_end = base + pair.close_begin;
    while (inner_end > base + pair.open_end && IsTrimByte(text[inner_end - 1])) --inner_end;
    const char last_inside = inner_end > base + pair.open_end ? text[inner_end - 1] : ' ';
    const bool comma_inside = last_inside == ',' || last_inside == '!' || last_inside == '?';
    bool np_subject = false;
    const uint32_t after = AfterAttribution(after_tok, comma_inside, &after_verb, &np_subject);

    // Scare quotes announced as such: "la cosiddetta «flotta ombra»".
    if (embedded && lex != nullptr && lex->IsScareCue(lower_[before_tok])) {
      q.kind = QuoteKind::kScare;
      q.rule = "quotes.scare.cue." + lang_tag;
      q.confidence = kConfidenceSubject;
      doc_->extractions().quotes.push_back(std::move(q));
      return;
    }
    // Titles: short, capitalised, inside a sentence, not attributed.
    if (embedded && !before_speech && !after_verb && words <= kTitleMaxWords && IsUpperStart(content) &&
        !EndsSentence(content)) {
      const bool title_noun = lex != nullptr && lex->IsTitleNoun(lower_[before_tok]);
      const bool title_case = long_words > 0 && 2 * capitalised_long >= long_words;
      if (title_noun || title_case) return;
    }

    const uint32_t close_tok = TokenAtOrAfter(base + pair.close_begin);
    const uint32_t close_sent = close_tok < tokens.size() ? tokens[close_tok].sentence : sent_idx;
    Attribution who;
    if (np_subject && PreviousSubject(sent_idx) != kNoIndex) {
      who = {PreviousSubject(sent_idx), kNoIndex, "after.epithet", kConfidencePrevious};
    } else {
      who = Attribute(sent_idx, close_sent, open_tok, after_tok, after, after_verb, embedded);
    }
    if (who.speaker != kNoIndex) SetSpeaker(who, &q);
    q.rule = std::string("quotes.") + who.rule + "." + lang_tag;
    q.confidence = who.confidence;
    if ((words >= kFullMinWords && IsUpperStart(content)) || words >= kFullAnyWords) {
      q.kind = QuoteKind::kFull;
    } else {
      q.kind = who.speaker != kNoIndex ? QuoteKind::kPhrase : QuoteKind::kScare;
    }
    doc_->extractions().quotes.push_back(std::move(q));
  }

  // The speaker of a direct quotation (the rules of quotes.h, in order).
  // `sent_idx` holds the opening mark, `close_sent` the closing one (a
  // quotation may run over several sentences).
  Attribution Attribute(uint32_t sent_idx, uint32_t close_sent, uint32_t open_tok, uint32_t after_tok, uint32_t after,
                        bool after_verb, bool embedded) const {
    // The context of an embedded quotation: the reported speech it sits in,
    // a "secondo" source, or the subject of the sentence.
    Attribution context;
    if (embedded) {
      if (const Claim* claim = ClaimHolding(open_tok)) context = claim->who;
    }
    bool according_cue_only = false;
    const uint32_t according = AccordingSource(sent_idx, &according_cue_only);
    if (according_cue_only && after == kNoIndex && context.speaker == kNoIndex) {
      const uint32_t previous = PreviousSpeaker(sent_idx);
      if (previous != kNoIndex) return {previous, kNoIndex, "according.previous", kConfidencePrevious};
    }
    bool strong = false;
    uint32_t subject_verb = kNoIndex;
    const uint32_t subject = SubjectBefore(sent_idx, open_tok, &strong, &subject_verb);
    if (context.speaker == kNoIndex) {
      if (according != kNoIndex) {
        context = {according, kNoIndex, "according", kConfidenceAccording};
        // "secondo X, Putin ha detto «…»": Putin's words, relayed by X.
        if (subject != kNoIndex && strong && IsSpeechVerb(subject_verb, Lex(sent_idx)) &&
            !SameActor(subject, according)) {
          context = {subject, according, "according.chain", kConfidenceAccording};
        }
      } else if (subject != kNoIndex) {
        context = {subject, kNoIndex, strong ? "subject" : "subject.weak",
                   strong ? kConfidenceSubject : kConfidenceWeakSubject};
      }
    }

    if (after != kNoIndex) {
      // A body reporting a person's embedded words relays them.
      if (embedded && context.speaker != kNoIndex && IsPersonLike(context.speaker) && !IsPersonLike(after)) {
        return {context.speaker, after, "after.relay", kConfidenceClaim};
      }
      return {after, kNoIndex, "after", kConfidenceAfter};
    }
    const uint32_t passive = PassiveAgent(after_tok);
    if (passive != kNoIndex) return {passive, kNoIndex, "passive", kConfidencePassive};
    if (context.speaker != kNoIndex && (embedded || context.rule != std::string_view("subject.weak"))) {
      // "He warned Kiev of a «harsh» response": the pronoun is the subject.
      if (context.rule != std::string_view("subject.weak") || !HasSubjectPronoun(sent_idx, open_tok)) return context;
      context = {};
    }
    // "ha detto ai giornalisti l'aiutante del Cremlino Yuri Ushakov: «…»"
    const Sentence& sentence = SentenceOf(sent_idx);
    const uint32_t inverted = InvertedSubject(sent_idx, open_tok);
    if (inverted != kNoIndex) return {inverted, kNoIndex, "inverted", kConfidenceSubject};
    if (context.speaker != kNoIndex) return context;
    // A quotation standing alone: the next sentence names the speaker when
    // it opens the paragraph or the next sentence says so ("Con queste
    // parole"); else the last person named before.
    const bool opens_paragraph = sent_idx == 0 || SentenceOf(sent_idx - 1).paragraph != sentence.paragraph;
    if (!after_verb && (opens_paragraph || NextHasCue(close_sent))) {
      const uint32_t next = NextSubject(close_sent);
      if (next != kNoIndex) return {next, kNoIndex, "next", kConfidenceNext};
    }
    const uint32_t previous = PreviousSpeaker(sent_idx);
    if (previous != kNoIndex) return {previous, kNoIndex, "previous", kConfidencePrevious};
    return {};
  }

  // The name of a speaker as the text writes it in full.
  std::string SpeakerName(uint32_t m_idx) const {
    const Mention& m = MentionAt(m_idx);
    if (!IsPersonLike(m_idx)) return std::string(doc_->Text(m.span));
    std::string_view best;
    auto consider = [&](const Mention& other) {
      if (other.entity != m.entity || other.type != MentionType::kPerson) return;
      // A title or an epithet is not the name ("Italian Prime Minister").
      if (other.resolution == Resolution::kTitle || other.resolution == Resolution::kEpithet) return;
      std::string_view text = doc_->Text(other.span);
      if (text.size() > best.size()) best = text;
    };
    for (const Mention& other : doc_->extractions().mentions) consider(other);
    for (const Mention& other : unknown_) consider(other);
    if (!best.empty()) return std::string(best);
    // Named only by a title: the title as written ("il ministro degli Esteri
    // turco"); by an epithet: the canonical name ("il tycoon").
    if (m.resolution != Resolution::kTitle && !m.name.empty()) return m.name;
    return std::string(doc_->Text(m.span));
  }

  void SetSpeaker(const Attribution& who, Quotation* q) const {
    const Mention& m = MentionAt(who.speaker);
    // An unknown name is not a doc mention: no index, no entity, no code.
    q->speaker_mention = IsUnknownName(who.speaker) ? kNoIndex : who.speaker;
    q->speaker = SpeakerName(who.speaker);
    q->speaker_code = m.code;
    if (!IsUnknownName(who.speaker)) q->speaker_entity = m.entity;
    if (who.relay != kNoIndex && !SameActor(who.relay, who.speaker)) {
      q->relay_mention = IsUnknownName(who.relay) ? kNoIndex : who.relay;
      q->relay = SpeakerName(who.relay);
      q->relay_code = MentionAt(who.relay).code;
    }
  }

  void EmitClaim(const Claim& claim) {
    const std::vector<TokenData>& tokens = doc_->tokens();
    Quotation q;
    q.indirect = true;
    q.sentence = claim.sentence;
    q.kind = QuoteKind::kFull;
    q.content = Span{tokens[claim.content_begin].span.begin, tokens[claim.content_end - 1].span.end};
    q.span = Span{tokens[claim.verb].span.begin, q.content.end};
    if (claim.who.speaker != kNoIndex) SetSpeaker(claim.who, &q);
    q.rule = std::string("quotes.") + claim.who.rule + "." + (doc_->lang().empty() ? "xx" : doc_->lang());
    q.confidence = claim.who.confidence;
    doc_->extractions().quotes.push_back(std::move(q));
  }

  PipelineContext* context_;
  std::map<std::string, QuoteLexicon> lexicons_;
  // Per-document scratch, reused.
  Document* doc_ = nullptr;
  std::vector<std::string> lower_;             // lower-cased normalised text of each token
  std::vector<std::string_view> lemma_;        // lemma of each token ("" if none)
  std::vector<uint32_t> token_mention_;        // mention covering each token, or kNoIndex
  std::vector<uint32_t> mention_begin_, mention_end_;  // token range of each mention
  std::vector<const QuoteLexicon*> sentence_lex_;
  std::vector<Claim> claims_;
  std::vector<QuotePair> pairs_;
  std::vector<Mention> unknown_;               // names the actors stage does not know (FindUnknownNames)
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeQuotes(PipelineContext* context, const std::filesystem::path& resource_dir) {
  std::map<std::string, QuoteLexicon> lexicons;
  std::error_code ec;
  if (std::filesystem::is_directory(resource_dir, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(resource_dir, ec)) {
      const std::filesystem::path path = entry.path() / kLexiconFile;
      if (!entry.is_directory() || !std::filesystem::exists(path)) continue;
      Result<std::string> text = ReadFile(path);
      if (!text.ok()) return text.status();
      Result<QuoteLexicon> lex = quotes::ParseQuoteLexicon(*text, path.string());
      if (!lex.ok()) return lex.status();
      lexicons.emplace(entry.path().filename().string(), std::move(*lex));
    }
  }
  return std::unique_ptr<Stage>(new QuoteStage(context, std::move(lexicons)));
}

Result<std::unique_ptr<Stage>> MakeQuotes(PipelineContext* context) { return MakeQuotes(context, ResourceDir()); }

}  // namespace cronaca
