#include "extract/time/time_tagger.h"

#include <map>
#include <optional>
#include <string>

#include "common/resources.h"
#include "extract/time/time_grammar.h"
#include "extract/time/time_matcher.h"
#include "extract/time/time_resolver.h"

namespace cronaca {

namespace {

constexpr const char* kGrammarFile = "time.txt";
// Below this confidence a paragraph's own language is not trusted (the
// segmenter uses the same threshold).
constexpr float kTrustParagraph = 0.6f;

class TimeTaggerStage final : public Stage {
 public:
  explicit TimeTaggerStage(std::map<std::string, timex::TimeGrammar, std::less<>> grammars)
      : grammars_(std::move(grammars)) {}

  std::string_view name() const override { return "cronaca.Times.v1"; }
  LayerSet requires_layers() const override { return kLayerTokens | kLayerSentences | kLayerLanguage; }
  LayerSet assigns_layers() const override { return kLayerTimes; }

  Status Process(Document& doc) override {
    std::vector<TimeExpression>& times = doc.extractions().times;
    times.clear();
    const bool use_pos = (doc.layers() & kLayerMorphology) != 0;
    timex::ResolveContext context;
    if (doc.metadata().has_date) context.anchor = doc.metadata().date;
    for (uint32_t sent_idx = 0; sent_idx < doc.sentences().size(); ++sent_idx) {
      const Sentence& sentence = doc.sentences()[sent_idx];
      const timex::TimeGrammar* grammar = ForSentence(doc, sentence);
      if (grammar == nullptr) continue;
      matcher_.Match(*grammar, doc, sentence, use_pos);
      context.settings = &grammar->settings();
      for (const timex::TimeMatch& match : matcher_.matches()) {
        const timex::Rule& rule = grammar->rules()[match.rule];
        context.tense = rule.tense != timex::Tense::kNone ? rule.tense : matcher_.TenseAt(*grammar, match);
        timex::Resolution resolution = timex::Resolve(rule, match.slots, context);
        TimeExpression expression;
        expression.span = Span{doc.tokens()[match.token_begin].span.begin,
                               doc.tokens()[match.token_end - 1].span.end};
        expression.sentence = sent_idx;
        expression.type = resolution.type;
        expression.value = std::move(resolution.value);
        expression.candidates = std::move(resolution.candidates);
        expression.relative = resolution.relative;
        expression.rule = rule.id;
        if (resolution.day) context.reference = resolution.day;
        times.push_back(std::move(expression));
      }
    }
    return Status::Ok();
  }

 private:
  const timex::TimeGrammar* ForSentence(const Document& doc, const Sentence& sentence) const {
    const std::string* lang = &doc.lang();
    if (sentence.paragraph < doc.paragraphs().size()) {
      const Paragraph& para = doc.paragraphs()[sentence.paragraph];
      if (!para.lang.empty() && para.lang_confidence >= kTrustParagraph) lang = &para.lang;
    }
    auto it = grammars_.find(*lang);
    return it == grammars_.end() ? nullptr : &it->second;
  }

  std::map<std::string, timex::TimeGrammar, std::less<>> grammars_;
  timex::TimeMatcher matcher_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeTimeTagger() { return MakeTimeTagger(ResourceDir()); }

Result<std::unique_ptr<Stage>> MakeTimeTagger(const std::filesystem::path& resource_dir) {
  std::map<std::string, timex::TimeGrammar, std::less<>> grammars;
  std::error_code ec;
  const std::filesystem::path& root = resource_dir;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    if (!entry.is_directory()) continue;
    std::filesystem::path path = entry.path() / kGrammarFile;
    if (!std::filesystem::exists(path)) continue;
    Result<timex::TimeGrammar> grammar = timex::TimeGrammar::Load(path);
    if (!grammar.ok()) return grammar.status();
    grammars.emplace(entry.path().filename().string(), std::move(*grammar));
  }
  if (ec) {
    return Status(StatusCode::kResourceError, "cannot list " + root.string() + ": " + ec.message());
  }
  return std::unique_ptr<Stage>(std::make_unique<TimeTaggerStage>(std::move(grammars)));
}

}  // namespace cronaca
