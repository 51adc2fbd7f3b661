// Document: the one owner of an article's text. Everything else is offsets.
//
// A Document holds the original bytes exactly as they were received (the
// whole .txt file, or the decoded `text` field of a JSONL line) and never
// changes them. Every annotation, from a sentence to an event's trigger, is
// a Span of byte offsets into those original bytes:
//
//   THE SPAN INVARIANT
//     doc.original().substr(span.begin, span.end - span.begin) is exactly the
//     text the annotation claims to cover (its surface form).
//
// Normalised text (NFC, quote/dash folding) lives beside the original with a
// byte map back to it, so matchers can work on clean text while every result
// is reported against the original (see text/normalizer.h).
//
// Layers are added by pipeline stages in order (common/pipeline.h):
//   ingest      original, metadata, body
//   text        normalized + map, paragraphs, sentences, tokens, language
//   morph       token lemma / pos / proper class / stem
//   extract     mentions, times, quotes, events, quality flags (later stages)
//
// Token data is a flat array of small structs (TokenData); lemmas and stems
// are ids into a StringStore shared by the pipeline. A Document is movable,
// not copyable (it can be large and views into it must stay unique).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/annotations.h"
#include "common/date.h"
#include "common/span.h"
#include "common/string_store.h"

namespace cronaca {


// Pipeline layers, used by stages to declare what they need and add.
enum Layer : uint32_t {
  kLayerOriginal = 1u << 0,    // original bytes, id, hash, metadata, body
  kLayerNormalized = 1u << 1,  // normalized text + offset map
  kLayerParagraphs = 1u << 2,
  kLayerSentences = 1u << 3,
  kLayerTokens = 1u << 4,
  kLayerLanguage = 1u << 5,    // document and paragraph language
  kLayerMorphology = 1u << 6,  // token lemma, pos, proper class, stem
  kLayerQualityFlags = 1u << 7,
  kLayerMentions = 1u << 8,
  kLayerTimes = 1u << 9,
  kLayerQuotes = 1u << 10,
  kLayerEvents = 1u << 11,
};
using LayerSet = uint32_t;

// Metadata from the input record or from header lines at the start of a file.
struct Metadata {
  std::string title;
  std::string source;
  std::string url;
  std::string lang_hint;        // "lang" given by the input, if any
  bool has_date = false;
  PartialDate date;             // valid only if has_date
};

// Coarse word classes shared by all languages (Apertium tags map onto these).
enum class Pos : uint8_t {
  kUnknown = 0, kNoun, kProperNoun, kVerb, kAuxiliary, kAdjective, kAdverb,
  kDeterminer, kPronoun, kPreposition, kConjunction, kNumeral, kPunctuation,
  kInterjection, kSymbol, kOther,
};
const char* PosName(Pos pos);

// What kind of name a proper noun is, when the lexicon knows.
enum class ProperClass : uint8_t {
  kNone = 0, kGivenName, kSurname, kPerson, kPlace, kOrganisation, kOther,
};
const char* ProperClassName(ProperClass cls);

enum class TokenKind : uint8_t { kWord = 0, kNumber, kPunct, kSymbol };
const char* TokenKindName(TokenKind kind);

// Token flags (bit set in TokenData::flags).
enum TokenFlag : uint8_t {
  kTokenCapitalised = 1u << 0,   // first letter upper case
  kTokenAllCaps = 1u << 1,       // every letter upper case (and >= 2 letters)
  kTokenSentenceStart = 1u << 2,
  kTokenSpaceAfter = 1u << 3,    // followed by whitespace in the original
  kTokenKnown = 1u << 4,         // morphology found the word in its lexicon
  // The second or later token of a multiword unit ("Stati Uniti"): it shares
  // the first token's lemma, pos and proper class.
  kTokenMultiwordContinuation = 1u << 5,
};

struct TokenData {
  Span span;                 // original bytes
  Span norm;                 // bytes of Document::normalized()
  uint32_t sentence = 0;     // index into sentences()
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  Pos pos = Pos::kUnknown;
  ProperClass proper = ProperClass::kNone;
  uint32_t lemma = StringStore::kNone;  // id in the pipeline's StringStore
  uint32_t stem = StringStore::kNone;
};

struct Sentence {
  Span span;                 // original bytes, trimmed of surrounding spaces
  Span norm;                 // the same in Document::normalized()
  uint32_t token_begin = 0;  // tokens [token_begin, token_end)
  uint32_t token_end = 0;
  uint32_t paragraph = 0;
};

struct Paragraph {
  Span span;                 // original bytes, trimmed
  Span norm;                 // the same in Document::normalized()
  std::string lang;          // ISO 639-1 ("it", "en") or "" if unknown
  float lang_confidence = 0;
};

// A problem noticed in the input: where, what kind, why, and which rule.
struct QualityFlag {
  Span span;
  std::string kind;          // e.g. "leaked-metadata", "empty-quotation"
  std::string category;      // "scraping", "machine-translation", "spelling"
  std::string explanation;   // plain words for a reader
  std::string rule;          // id of the rule that raised it
};

class Document {
 public:
  Document() = default;
  Document(std::string id, std::string original)
      : id_(std::move(id)), original_(std::move(original)) {
    body_ = Span{0, static_cast<Offset>(original_.size())};
  }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;

  // --- identity and input ---------------------------------------------
  const std::string& id() const { return id_; }
  void set_id(std::string id) { id_ = std::move(id); }
  // Content hash (hex) of the body text, set by ingest: equal text, equal key.
  const std::string& key() const { return key_; }
  void set_key(std::string key) { key_ = std::move(key); }
  const std::string& original() const { return original_; }
  // Where the article text starts and ends in original(): metadata headers
  // (and a scraper's leaked "date 2025-07" prefix) are outside the body.
  Span body() const { return body_; }
  void set_body(Span body) { body_ = body; }
  std::string_view Text(Span span) const {
    return std::string_view(original_).substr(span.begin, span.end - span.begin);
  }
  std::string_view BodyText() const { return Text(body_); }
  Metadata& metadata() { return metadata_; }
  const Metadata& metadata() const { return metadata_; }
  // Where the input came from, for messages: "examples/a.txt", "gold.jsonl:12".
  const std::string& origin() const { return origin_; }
  void set_origin(std::string origin) { origin_ = std::move(origin); }

  // --- text layer --------------------------------------------------------
  const std::string& normalized() const { return normalized_; }
  // norm_to_orig()[i] is the original offset of normalized byte i; the map
  // has normalized().size() + 1 entries (the last maps the end).
  const std::vector<Offset>& norm_to_orig() const { return norm_to_orig_; }
  void SetNormalized(std::string text, std::vector<Offset> map) {
    normalized_ = std::move(text);
    norm_to_orig_ = std::move(map);
  }
  // Maps a span of normalized() to the original bytes it came from.
  Span ToOriginal(Offset norm_begin, Offset norm_end) const {
    return Span{norm_to_orig_[norm_begin], norm_to_orig_[norm_end]};
  }
  std::string_view NormText(const TokenData& token) const {
    return std::string_view(normalized_).substr(token.norm.begin, token.norm.size());
  }

  std::vector<Paragraph>& paragraphs() { return paragraphs_; }
  const std::vector<Paragraph>& paragraphs() const { return paragraphs_; }
  std::vector<Sentence>& sentences() { return sentences_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  std::vector<TokenData>& tokens() { return tokens_; }
  const std::vector<TokenData>& tokens() const { return tokens_; }

  const std::string& lang() const { return lang_; }
  float lang_confidence() const { return lang_confidence_; }
  void set_lang(std::string lang, float confidence) {
    lang_ = std::move(lang);
    lang_confidence_ = confidence;
  }

  // --- extracted layers (common/annotations.h) -----------------------------
  Extractions& extractions() { return extractions_; }
  const Extractions& extractions() const { return extractions_; }
  std::vector<QualityFlag>& quality_flags() { return quality_flags_; }
  const std::vector<QualityFlag>& quality_flags() const { return quality_flags_; }

  // Layers present so far (bit set of Layer).
  LayerSet layers() const { return layers_; }
  void AddLayers(LayerSet layers) { layers_ |= layers; }

 private:
  std::string id_;
  std::string key_;
  std::string origin_;
  std::string original_;
  Span body_;
  Metadata metadata_;

  std::string normalized_;
  std::vector<Offset> norm_to_orig_;
  std::vector<Paragraph> paragraphs_;
  std::vector<Sentence> sentences_;
  std::vector<TokenData> tokens_;
  std::string lang_;
  float lang_confidence_ = 0;

  Extractions extractions_;
  std::vector<QualityFlag> quality_flags_;
  LayerSet layers_ = 0;
};

}  // namespace cronaca
