#include "io/xlsx_prefetch.hpp"

#include <system_error>
#include <utility>

namespace mvis::io::sheet {

ChunkPrefetcher::ChunkPrefetcher(ZipEntryReader& reader) : reader_(reader) {}

ChunkPrefetcher::~ChunkPrefetcher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ChunkPrefetcher::Start() {
  try {
    thread_ = std::thread(&ChunkPrefetcher::Run, this);
  } catch (const std::system_error&) {
    return false;
  }
  return true;
}

Result<std::string_view> ChunkPrefetcher::Next() {
  std::unique_lock lock(mutex_);
  if (current_) {
    free_.push_back(std::move(*current_));
    current_.reset();
    changed_.notify_all();
  }
  changed_.wait(lock, [this] { return !ready_.empty() || error_.has_value(); });
  if (ready_.empty()) return std::unexpected(*error_);
  current_ = std::move(ready_.front());
  ready_.pop_front();
  return std::string_view(current_->data.get(), current_->size);
}

void ChunkPrefetcher::Run() {
  for (;;) {
    Chunk chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stop_ || !free_.empty() || allocated_ < kMaxChunks; });
      if (stop_) return;
      if (!free_.empty()) {
        chunk = std::move(free_.back());
        free_.pop_back();
      } else {
        chunk.data = std::make_unique_for_overwrite<char[]>(kChunkBytes);
        ++allocated_;
      }
    }
    auto n = reader_.Read(chunk.data.get(), kChunkBytes);
    std::lock_guard lock(mutex_);
    if (!n) {
      error_ = std::move(n.error());
      changed_.notify_all();
      return;
    }
    chunk.size = *n;
    ready_.push_back(std::move(chunk));
    changed_.notify_all();
    if (*n == 0) return;  // the empty chunk marks the end
  }
}

}  // namespace mvis::io::sheet
