// Inflates a zip entry on a second thread, a few chunks ahead of its consumer, so that
// inflating a large worksheet and parsing it overlap instead of taking turns. Memory is bounded:
// at most kMaxChunks chunks exist at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/error.hpp"
#include "io/xlsx_zip.hpp"

namespace mvis::io::sheet {

class ChunkPrefetcher {
 public:
  static constexpr size_t kChunkBytes = 256 << 10;
  static constexpr size_t kMaxChunks = 4;

  // `reader` must outlive the prefetcher and not be used by anyone else meanwhile.
  explicit ChunkPrefetcher(ZipEntryReader& reader);
  ~ChunkPrefetcher();  // stops and joins the thread
  ChunkPrefetcher(const ChunkPrefetcher&) = delete;
  ChunkPrefetcher& operator=(const ChunkPrefetcher&) = delete;

  // Starts the thread; false when no thread could be started (the caller reads inline instead).
  bool Start();

  // The next chunk in order, empty at the end of the entry; valid until the next call. After the
  // chunks read before a failure, the reader's error.
  Result<std::string_view> Next();

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size = 0;
  };
  void Run();

  ZipEntryReader& reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> ready_;
  std::vector<Chunk> free_;
  std::optional<Chunk> current_;  // handed to the consumer
  size_t allocated_ = 0;
  bool stop_ = false;
  std::optional<Error> error_;
  std::thread thread_;
};

}  // namespace mvis::io::sheet
