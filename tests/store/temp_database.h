// A throwaway SQLite file for store tests: named after the running test (so
// parallel ctest processes never share one), removed with its WAL files
// before and after the test, and a one-integer query for looking inside.
//
//   class MyStoreTest : public ::testing::Test {
//     TempDatabase db_{"cronaca_mine_"};
//   };
//   auto store = Store::Open(db_.path());
//   EXPECT_EQ(db_.Query("SELECT count(*) FROM documents"), 1);
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace cronaca {

class TempDatabase {
 public:
  explicit TempDatabase(const std::string& prefix)
      : path_((std::filesystem::temp_directory_path() /
               (prefix + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                  .string()) {
    Remove();
  }
  ~TempDatabase() { Remove(); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  const std::string& path() const { return path_; }

  // The first column of the first row of `sql`, read through a connection of
  // its own; -1 when there is no row.
  int64_t Query(const char* sql) const {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  std::string path_;
};

}  // namespace cronaca
