// The HTTP/1.1 server (Boost.Beast on Asio): accepts connections, enforces size limits and
// timeouts, keeps connections alive and hands each request to one Handler.
//
// Thread safety: Handler is called concurrently from `threads` I/O threads.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "domain/error.hpp"
#include "http/message.hpp"

namespace mvis::http {

using Handler = std::function<Response(Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (see Server::port)
  int threads = 4;
  size_t body_limit = 1 * 1024 * 1024;          // bytes; larger bodies get 413
  size_t upload_body_limit = 25 * 1024 * 1024;  // /api/v1/… ending in /imports, /license, /seal
  size_t header_limit = 16 * 1024;
  int read_timeout_seconds = 30;  // to receive a whole request
  int idle_timeout_seconds = 60;  // keep-alive wait for the next request
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();

  // Binds and listens. Errors: kUnavailable with the reason (address in use, …).
  Status Start();
  // Runs the I/O threads until Stop(); returns when they have finished.
  void Run();
  // Starts the I/O threads in the background and returns.
  void RunInBackground();
  void Stop();
  unsigned short port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mvis::http
