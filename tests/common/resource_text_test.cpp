#include "common/resource_text.h"

#include <gtest/gtest.h>

namespace cronaca {
namespace {

TEST(ResourceText, KeyValueLinesWithCommentsAndLists) {
  std::string text = "# header\n\nnegation = non | mai \n  calque =colpire accordo\r\n";
  std::vector<std::string> seen;
  Status s = ForEachKeyValue(text, "t.txt", [&](std::string_view key, std::string_view value, size_t line_no) {
    seen.push_back(std::string(key) + "@" + std::to_string(line_no) + "=" + std::string(value));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(seen, (std::vector<std::string>{"negation@3=non | mai", "calque@4=colpire accordo"}));
  EXPECT_EQ(SplitValues("non | mai |  | mica"), (std::vector<std::string>{"non", "mai", "mica"}));
  EXPECT_EQ(SplitValues("colpire accordo", ' '), (std::vector<std::string>{"colpire", "accordo"}));
}

TEST(ResourceText, ErrorsNameFileAndLine) {
  auto ok = [](std::string_view, std::string_view, size_t) { return Status::Ok(); };
  Status missing = ForEachKeyValue("a = 1\nno equals here\n", "t.txt", ok);
  EXPECT_EQ(missing.code(), StatusCode::kResourceError);
  EXPECT_EQ(missing.message(), "t.txt:2: expected 'key = value'");
  Status empty = ForEachKeyValue("# c\nkey =   \n", "t.txt", ok);
  EXPECT_EQ(empty.message(), "t.txt:2: empty value for 'key'");
  // The callback's own error stops the walk.
  size_t calls = 0;
  Status stop = ForEachKeyValue("a = 1\nb = 2\nc = 3\n", "t.txt", [&](std::string_view key, std::string_view, size_t n) {
    ++calls;
    return key == "b" ? LineError("t.txt", n, "bad b") : Status::Ok();
  });
  EXPECT_EQ(stop.message(), "t.txt:2: bad b");
  EXPECT_EQ(calls, 2u);
}

}  // namespace
}  // namespace cronaca
