#include "common/document.h"

namespace cronaca {

const char* PosName(Pos pos) {
  switch (pos) {
    case Pos::kUnknown: return "X";
    case Pos::kNoun: return "NOUN";
    case Pos::kProperNoun: return "PROPN";
    case Pos::kVerb: return "VERB";
    case Pos::kAuxiliary: return "AUX";
    case Pos::kAdjective: return "ADJ";
    case Pos::kAdverb: return "ADV";
    case Pos::kDeterminer: return "DET";
    case Pos::kPronoun: return "PRON";
    case Pos::kPreposition: return "ADP";
    case Pos::kConjunction: return "CONJ";
    case Pos::kNumeral: return "NUM";
    case Pos::kPunctuation: return "PUNCT";
    case Pos::kInterjection: return "INTJ";
    case Pos::kSymbol: return "SYM";
    case Pos::kOther: return "OTHER";
  }
  return "X";
}

const char* ProperClassName(ProperClass cls) {
  switch (cls) {
    case ProperClass::kNone: return "";
    case ProperClass::kGivenName: return "given-name";
    case ProperClass::kSurname: return "surname";
    case ProperClass::kPerson: return "person";
    case ProperClass::kPlace: return "place";
    case ProperClass::kOrganisation: return "organisation";
    case ProperClass::kOther: return "other";
  }
  return "";
}

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kPunct: return "punct";
    case TokenKind::kSymbol: return "symbol";
  }
  return "word";
}

}  // namespace cronaca

namespace cronaca {

const char* MentionTypeName(MentionType type) {
  switch (type) {
    case MentionType::kPerson: return "person";
    case MentionType::kCountry: return "country";
    case MentionType::kOrganisation: return "organisation";
    case MentionType::kMetonym: return "metonym";
    case MentionType::kAgent: return "agent";
    case MentionType::kOther: return "other";
  }
  return "other";
}

const char* ResolutionName(Resolution resolution) {
  switch (resolution) {
    case Resolution::kDirect: return "direct";
    case Resolution::kSurname: return "surname";
    case Resolution::kTitle: return "title";
    case Resolution::kEpithet: return "epithet";
    case Resolution::kCorrected: return "corrected";
  }
  return "direct";
}

const char* TimeTypeName(TimeType type) {
  switch (type) {
    case TimeType::kDate: return "date";
    case TimeType::kDuration: return "duration";
    case TimeType::kSet: return "set";
    case TimeType::kTime: return "time";
  }
  return "date";
}

const char* QuoteKindName(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::kFull: return "full";
    case QuoteKind::kPhrase: return "phrase";
    case QuoteKind::kScare: return "scare";
    case QuoteKind::kEmpty: return "empty";
  }
  return "full";
}

}  // namespace cronaca
