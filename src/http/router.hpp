// Maps (method, path) to a handler; patterns have named segments like /api/v1/users/{id}.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace mvis::http {

class RequestContext;
using RouteHandler = std::function<Response(RequestContext&)>;

enum class Access {
  kPublic,    // no session needed
  kSignedIn,  // a valid session; state-changing methods also need the CSRF token
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kSignedIn;
  RouteHandler handler;
  std::vector<std::string> segments;  // the pattern split at '/', once
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, RouteHandler handler);

  struct Match {
    const Route* route = nullptr;  // null: no route
    bool method_mismatch = false;  // the path exists under another method
    std::map<std::string, std::string> params;
  };
  Match Find(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace mvis::http
